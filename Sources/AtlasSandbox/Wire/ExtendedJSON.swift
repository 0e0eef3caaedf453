/// MongoDB Extended JSON (canonical) numbers, as App Services returns function results.
enum ExtendedJSON {
    static func long(_ value: Int64) -> JSON { ["$numberLong": .string(String(value))] }
    static func int(_ value: Int) -> JSON { ["$numberInt": .string(String(value))] }
}
