import Foundation

/// Reads one event line of a run log file (a flat JSON object, as ``RunLog/jsonLines()`` writes it) straight from
/// its bytes: a million lines through `JSONDecoder` took seconds; this reads them in a fraction of that. Not the
/// wire's `JSONBytesParser` on purpose: called across the module boundary per member, it read a million-event file
/// in 1.46 s against this scanner's 1.06 s. Anything
/// it does not expect (nested values, unknown kinds) returns nil, and the caller decodes that line the slow way.
struct EventLineReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i: Int
    private let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes; i = start; self.end = end
    }

    /// The event on the line, or nil when the line is not one this reader takes.
    static func event(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> StatusEvent? {
        var reader = EventLineReader(bytes, from: start, to: end)
        return reader.event()
    }

    private enum Value { case string(String), number(Double), null }

    private mutating func event() -> StatusEvent? {
        var id: String?, runID: String?, seq: Int64 = 0, at: Double?, kind: StatusEventKind?
        var phase: String?, job: String?, attempt: Int?, detail: String?
        skipSpace()
        guard take(0x7B) else { return nil }
        skipSpace()
        if take(0x7D) { return nil }
        while true {
            skipSpace()
            guard case .string(let key)? = value() else { return nil }
            skipSpace()
            guard take(0x3A) else { return nil }
            skipSpace()
            guard let v = value() else { return nil }
            switch (key, v) {
            case ("id", .string(let s)): id = s
            case ("runID", .string(let s)): runID = s
            case ("seq", .number(let n)): seq = Int64(n)
            case ("at", .number(let n)): at = n
            case ("kind", .string(let s)): guard let k = StatusEventKind(rawValue: s) else { return nil }; kind = k
            case ("phase", .string(let s)): phase = s
            case ("job", .string(let s)): job = s
            case ("attempt", .number(let n)): attempt = Int(n)
            case ("detail", .string(let s)): detail = s
            case (_, .null): break
            default: return nil
            }
            skipSpace()
            if take(0x2C) { continue }
            guard take(0x7D) else { return nil }
            break
        }
        guard let id, let runID, let at, let kind else { return nil }
        return StatusEvent(id: id, runID: runID, seq: seq, at: Date(timeIntervalSince1970: at), kind: kind, phase: phase,
                           job: job, attempt: attempt, detail: detail)
    }

    private mutating func skipSpace() {
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func take(_ b: UInt8) -> Bool {
        guard i < end, bytes[i] == b else { return false }
        i += 1
        return true
    }

    private mutating func value() -> Value? {
        guard i < end else { return nil }
        switch bytes[i] {
        case 0x22: return string().map(Value.string)
        case 0x6E:  // null
            guard end - i >= 4, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C else { return nil }
            i += 4
            return .null
        case 0x2D, 0x30...0x39: return number().map(Value.number)
        default: return nil
        }
    }

    private mutating func number() -> Double? {
        let start = i
        while i < end, (0x30...0x39).contains(bytes[i]) || bytes[i] == 0x2D || bytes[i] == 0x2B || bytes[i] == 0x2E
                || bytes[i] == 0x65 || bytes[i] == 0x45 { i += 1 }
        let count = i - start
        guard count > 0, count < 64 else { return nil }
        // strtod needs a terminated copy; 64 bytes on the stack.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf -> Double? in
            for k in 0..<count { buf[k] = CChar(bitPattern: bytes[start + k]) }
            buf[count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(buf.baseAddress!, &stop)
            return stop == buf.baseAddress! + count ? value : nil
        }
    }

    private mutating func string() -> String? {
        i += 1  // the opening quote
        let start = i
        while i < end, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
        guard i < end else { return nil }
        if bytes[i] == 0x22 {
            // No escapes: the bytes are the string (the file is UTF-8).
            let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        var out = Array(bytes[start..<i])
        while i < end {
            let b = bytes[i]
            if b == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
            if b != 0x5C { out.append(b); i += 1; continue }
            guard i + 1 < end else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {  // a surrogate pair
                    guard end - i >= 6, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard end - i >= 4 else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
