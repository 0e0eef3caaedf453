import Foundation

/// SplitMix64: a tiny, fast, seedable generator. The synthetic organisation must be identical for the
/// same seed on every machine and Swift version, which `SystemRandomNumberGenerator` cannot give.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator whose stream depends only on the seed and the given path of numbers, so any part of the
    /// organisation (one cluster, one collection at one step) can be derived without generating the rest.
    static func derived(_ seed: UInt64, _ path: UInt64...) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed)
        var state = mixer.next()
        for component in path {
            var step = SplitMix64(seed: state ^ (component &* 0xD6E8_FEB8_6659_FD93))
            state = step.next()
        }
        return SplitMix64(seed: state)
    }

    /// Uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform double in the range.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Log-uniform double in the range: as many values between 1 and 10 as between 100 and 1000.
    mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        let a = log2(range.lowerBound), b = log2(range.upperBound)
        return exp2(a + unit() * (b - a))
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Lowercase hexadecimal digits.
    mutating func hex(_ count: Int) -> String {
        var out = ""
        while out.count < count {
            out += String(next(), radix: 16).leftPadded(to: 16)
        }
        return String(out.prefix(count))
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
