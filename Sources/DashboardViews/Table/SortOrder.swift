/// Ascending row orders per sort key. Keys are extracted once into a flat array, so the sort compares
/// doubles or strings, not rows; ties keep the input order so the result is deterministic.
enum SortOrder {
    static func ascending<Row>(_ rows: [Row], by key: SortKey<Row>) -> [Int32] {
        var order = (0..<Int32(rows.count)).map { $0 }
        switch key {
        case .number(let f):
            let values = rows.map(f)
            order.sort { a, b in
                let va = values[Int(a)], vb = values[Int(b)]
                return va < vb || (va == vb && a < b)
            }
        case .text(let f):
            let values = rows.map { f($0).lowercased() }
            order.sort { a, b in
                let va = values[Int(a)], vb = values[Int(b)]
                return va < vb || (va == vb && a < b)
            }
        }
        return order
    }
}
