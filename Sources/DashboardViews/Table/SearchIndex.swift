/// Lower-cased searchable text of every row in one contiguous byte buffer, for fast substring filters.
struct SearchIndex: Sendable {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]

    init() {}

    init(_ texts: [String]) {
        for text in texts {
            bytes.append(contentsOf: text.lowercased().utf8)
            offsets.append(bytes.count)
        }
    }

    /// Whether row `row`'s text contains `needle` (already lower-cased UTF-8).
    func contains(row: Int, needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let start = offsets[row], end = offsets[row + 1]
        let n = needle.count
        guard end - start >= n else { return false }
        return bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nd in
                let first = nd[0]
                var i = start
                let last = end - n
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n && hay[i + j] == nd[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
