import Foundation

/// Header lines as libcurl hands them over: raw bytes ending in CR LF. Swift treats "\r\n" as one Character,
/// so trimming happens on bytes.
enum HeaderParsing {
    enum Line: Equatable {
        /// `HTTP/1.1 200 OK`: a new response starts (after a digest 401, or a 100 Continue).
        case statusLine(Int)
        case field(name: String, value: String)
        /// The empty line closing a header block, or something unparsable.
        case other
    }

    static func parse(_ bytes: some Collection<UInt8>) -> Line {
        var slice = ArraySlice(bytes)
        while let last = slice.last, last == 13 || last == 10 || last == 32 || last == 9 { slice.removeLast() }
        guard !slice.isEmpty else { return .other }
        if slice.starts(with: Array("HTTP/".utf8)) {
            let parts = slice.split(separator: 32, maxSplits: 2)
            if parts.count >= 2, let code = Int(String(decoding: parts[1], as: UTF8.self)) { return .statusLine(code) }
            return .other
        }
        guard let colon = slice.firstIndex(of: 58) else { return .other }
        let name = String(decoding: slice[..<colon], as: UTF8.self)
        var value = slice[slice.index(after: colon)...]
        while let first = value.first, first == 32 || first == 9 { value.removeFirst() }
        return .field(name: name, value: String(decoding: value, as: UTF8.self))
    }

    /// `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
