/// Lower-cased searchable text of every row in one contiguous byte buffer, for fast substring filters.
struct SearchIndex: Sendable {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]

    init() {}

    init(_ texts: [String]) {
        offsets.reserveCapacity(texts.count + 1)
        for var text in texts {
            // ASCII text (nearly every name) is lower-cased byte by byte; `lowercased()` for the rest, as the
            // needle is. `lowercased()` on every row was a quarter of applying a 100,000-namespace snapshot.
            let ascii = text.withUTF8 { utf8 -> Bool in
                guard !utf8.contains(where: { $0 >= 0x80 }) else { return false }
                for b in utf8 { bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
                return true
            }
            if !ascii { bytes.append(contentsOf: text.lowercased().utf8) }
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
