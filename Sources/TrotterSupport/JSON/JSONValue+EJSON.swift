import Foundation

/// MongoDB Extended JSON readers: numbers may come as `{"$numberLong": "123"}`, `{"$numberInt": "5"}`,
/// `{"$numberDouble": "1.5"}` (also "Infinity", "-Infinity", "NaN"), dates as `{"$date": ...}` in canonical
/// (`{"$numberLong": "<ms>"}`) or relaxed (ISO 8601 string) form, or as plain JSON.
extension JSONValue {
    /// A whole number from `.int`, an integral `.number`, `$numberLong`, `$numberInt`, or an integral `$numberDouble`.
    public var int64Value: Int64? {
        switch self {
        case .int(let i): return i
        case .number(let d): return d.rounded() == d && abs(d) < 9.2e18 ? Int64(d) : nil
        case .object(let o) where o.count == 1:
            if let s = o["$numberLong"]?.stringValue ?? o["$numberInt"]?.stringValue { return Int64(s) }
            if let d = self.doubleValue, d.rounded() == d, abs(d) < 9.2e18 { return Int64(d) }
            return nil
        default: return nil
        }
    }

    /// A number from any numeric form, plain or EJSON.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d
        case .object(let o) where o.count == 1:
            if let s = o["$numberDouble"]?.stringValue {
                switch s {
                case "Infinity": return .infinity
                case "-Infinity": return -.infinity
                case "NaN": return .nan
                default: return Double(s)
                }
            }
            if let s = o["$numberLong"]?.stringValue ?? o["$numberInt"]?.stringValue ?? o["$numberDecimal"]?.stringValue {
                return Double(s)
            }
            return nil
        default: return nil
        }
    }

    /// A date from `{"$date": {"$numberLong": ms}}`, `{"$date": "ISO"}`, `{"$date": ms}` or a plain ISO 8601 string.
    public var dateValue: Date? {
        switch self {
        case .string(let s): return Self.parseISO(s)
        case .object(let o) where o.count == 1:
            guard let inner = o["$date"] else { return nil }
            if let s = inner.stringValue { return Self.parseISO(s) }
            if let ms = inner.int64Value ?? inner.doubleValue.map({ Int64($0) }) {
                return Date(timeIntervalSince1970: Double(ms) / 1000)
            }
            return nil
        default: return nil
        }
    }

    private static func parseISO(_ s: String) -> Date? { ISODate.parse(s) }
}
