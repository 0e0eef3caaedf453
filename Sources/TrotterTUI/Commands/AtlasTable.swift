import DashboardModel
import Foundation
import TrotterSupport

/// Rows for `trotter atlas` output: a readable table, or JSON objects keyed by the API's field names.
struct AtlasTable {
    /// JSON keys (API field names) in column order.
    var columns: [String]
    var rows: [[JSONValue]]

    /// A JSON array of objects, keys sorted, one line per object member.
    func json() -> String {
        let objects: [JSONValue] = rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(columns, row).map { ($0, $1) }))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(objects)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Left-aligned columns separated by two spaces.
    func text() -> String {
        TextTable.render(header: columns, rows: rows.map { $0.map(Self.render) }) + "\n"
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: "-"
        case .bool(let b): b ? "yes" : "no"
        case .int(let i): String(i)
        case .number(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(format: "%.2f", d)
        case .string(let s): s
        case .array, .object: "…"
        }
    }
}

extension JSONValue {
    init(_ s: String?) { self = s.map { .string($0) } ?? .null }
    init(_ i: Int?) { self = i.map { .int(Int64($0)) } ?? .null }
    init(_ d: Double?) { self = d.map { .number($0) } ?? .null }
    init(_ b: Bool?) { self = b.map { .bool($0) } ?? .null }
}
