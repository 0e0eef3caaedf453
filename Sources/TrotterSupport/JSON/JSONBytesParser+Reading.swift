import Foundation

/// Reading a known shape straight from the bytes, without building a `JSONValue` tree first.
///
/// Why: a worker page of 300 namespaces built about 3,000 dictionaries (every Extended JSON number is an
/// object) only to be read once into structs; parsing and reading the tree were an eighth of a sweep's CPU.
/// Member names are compared as bytes, numbers are read from their digits, and values nobody asked for are
/// skipped without being built.
extension JSONBytesParser {
    /// Consumes `{`, then calls `member` with each name; `member` must consume that member's value (read it
    /// or `skipValue()`).
    package mutating func readObject(_ member: (inout JSONBytesParser, JSONKey) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw error("expected an object") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let key = try readKey()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw error("expected ',' or '}'")
        }
    }

    /// Consumes `[`, then calls `element` once per element; `element` must consume it.
    package mutating func readArray(_ element: (inout JSONBytesParser) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw error("expected an array") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw error("expected ',' or ']'")
        }
    }

    package var nextIsObject: Bool { index < bytes.count && bytes[index] == UInt8(ascii: "{") }
    package var nextIsArray: Bool { index < bytes.count && bytes[index] == UInt8(ascii: "[") }
    var nextIsString: Bool { index < bytes.count && bytes[index] == UInt8(ascii: "\"") }

    /// A string, or nil for `null` or any other kind of value (which is skipped).
    package mutating func readString() throws -> String? {
        skipWhitespace()
        if nextIsString { return try string() }
        try skipValue()
        return nil
    }

    /// A whole number in any form a worker may send: a plain number, or Extended JSON `$numberLong`,
    /// `$numberInt`, `$numberDouble` (integral). Nil for `null`, other values, or a fractional number.
    package mutating func readInt64() throws -> Int64? {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if case .int(let i) = try number() { return i }
            return nil
        case UInt8(ascii: "{"):
            var found: Int64?
            var members = 0
            try readObject { p, key in
                members += 1
                if key.is("$numberLong") || key.is("$numberInt") || key.is("$numberDouble") {
                    found = try p.readDigitsString() ?? p.readString().flatMap(Self.wholeNumber)
                } else {
                    try p.skipValue()
                }
            }
            return members == 1 ? found : nil
        default:
            try skipValue()
            return nil
        }
    }

    /// A number as `Double` (plain JSON only); nil for `null` or any other value.
    package mutating func readDouble() throws -> Double? {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch try number() {
            case .int(let i): return Double(i)
            case .number(let d): return d
            default: return nil
            }
        default:
            try skipValue()
            return nil
        }
    }

    /// A string of plain decimal digits (`"-123"`) as a number, read from its bytes without making a `String`;
    /// nil, consuming nothing, for any other value.
    mutating func readDigitsString() -> Int64? {
        skipWhitespace()
        guard nextIsString else { return nil }
        var i = index + 1
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var value: Int64 = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, i - start < 18 {
            value = value * 10 + Int64(bytes[i] - 48)
            i += 1
        }
        // At most 18 digits cannot overflow; anything longer or not ending here takes the `String` path.
        guard i > start, i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        index = i + 1
        return negative ? -value : value
    }

    /// `{"$date": {"$numberLong": ms}}`, `{"$date": "ISO"}`, `{"$date": ms}` or a plain ISO 8601 string.
    package mutating func readDate() throws -> Date? {
        skipWhitespace()
        if nextIsString { return try isoDate() }
        guard nextIsObject else { try skipValue(); return nil }
        var date: Date?
        try readObject { p, key in
            guard key.is("$date") else { return try p.skipValue() }
            p.skipWhitespace()
            if p.nextIsString {
                date = try p.isoDate()
            } else if let ms = try p.readInt64() {
                date = Date(timeIntervalSince1970: Double(ms) / 1000)
            }
        }
        return date
    }

    /// Passes over one value of any kind, checking it is well formed, without building it.
    package mutating func skipValue(depth: Int = 0) throws {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        guard depth <= JSONValue.maxParseDepth else { throw error("nested too deeply") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try readObject { p, _ in try p.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try readArray { p in try p.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try value(depth: depth)  // literals and numbers allocate nothing
        }
    }

    /// A string read as an ISO 8601 date: from its bytes when it has the usual form, else through `ISODate.parse`.
    private mutating func isoDate() throws -> Date? {
        let start = index + 1
        try skipString()
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
        if let date = ISODate.parse(bytes: raw) { return date }
        index = start - 1
        return ISODate.parse(try string())
    }

    private mutating func skipString() throws {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): index += 1; return
            case UInt8(ascii: "\\"): index += 2
            case ..<0x20: throw error("control character in a string")
            default: index += 1
            }
        }
        throw error("unterminated string")
    }

    /// A member name: its bytes when it has no escapes (the usual case), else the decoded string.
    private mutating func readKey() throws -> JSONKey {
        let start = index + 1
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            index = i + 1
            return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]), decoded: nil)
        }
        return JSONKey(bytes: UnsafeBufferPointer(start: nil, count: 0), decoded: try string())
    }

    /// "123", "-4", "5.0", "1e3" → whole numbers; anything else nil.
    static func wholeNumber(_ text: String) -> Int64? {
        if let i = Int64(text) { return i }
        guard let d = Double(text), d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
        return Int64(d)
    }
}

/// A type read straight from JSON bytes (see above); `AtlasClient.get` prefers it to `Decodable`.
package protocol ByteDecodable {
    init(reading p: inout JSONBytesParser) throws
}

extension ByteDecodable {
    /// The whole document as one value.
    package static func decode(_ bytes: [UInt8]) throws -> Self {
        try bytes.withUnsafeBufferPointer { buffer in
            var p = JSONBytesParser(bytes: buffer)
            let value = try Self(reading: &p)
            try p.end()
            return value
        }
    }
}

/// An object member's name as `readObject` hands it over.
package struct JSONKey {
    let bytes: UnsafeBufferPointer<UInt8>
    let decoded: String?

    /// Length in UTF-8 bytes.
    package var length: Int { decoded?.utf8.count ?? bytes.count }

    package func `is`(_ name: StaticString) -> Bool {
        if let decoded { return decoded == name.description }
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for i in 0..<bytes.count where bytes[i] != p[i] { return false }
        return true
    }
}
