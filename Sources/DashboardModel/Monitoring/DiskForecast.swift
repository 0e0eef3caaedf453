import Foundation

/// When a disk will be full at its recent rate: a least-squares line through the free-space samples of the
/// last `window` (counted back from the newest sample, so a store whose clock runs ahead or behind still
/// reads its own recent history). Pure: tested on synthetic histories with known slopes.
public enum DiskForecast {
    public static let window: TimeInterval = 24 * 3600
    /// Fewer samples than this say nothing about a rate.
    public static let minimumSamples = 3

    /// Sums that fit a line in one pass (so the store can add them up in SQL over thousands of samples).
    public struct Sums: Sendable, Hashable {
        public var n: Double = 0, t: Double = 0, f: Double = 0, tt: Double = 0, tf: Double = 0

        public init() {}

        /// `t`: seconds relative to a reference near the samples (keeps the squares well inside a Double).
        public mutating func add(t x: Double, free y: Double) {
            n += 1; t += x; f += y; tt += x * x; tf += x * y
        }

        /// Bytes per second (negative while the disk fills); nil when the samples cannot give a slope.
        public var slope: Double? {
            let d = n * tt - t * t
            guard n >= Double(DiskForecast.minimumSamples), d > 1e-9 else { return nil }
            return (n * tf - t * f) / d
        }
    }

    /// Seconds until `freeNow` reaches zero at `slope` bytes/second; nil (shown "—") when the disk is not
    /// filling, or there is no slope.
    public static func fullIn(freeNow: Int64, slope: Double?) -> TimeInterval? {
        guard let slope, slope < 0 else { return nil }
        return max(0, Double(freeNow) / -slope)
    }

    /// The forecast from samples (any order): the slope over the window ending at the newest one.
    public static func fullIn(_ samples: [(at: Date, free: Int64)]) -> TimeInterval? {
        guard let newest = samples.max(by: { $0.at < $1.at }) else { return nil }
        var sums = Sums()
        for s in samples where s.at.timeIntervalSince(newest.at) >= -window {
            sums.add(t: s.at.timeIntervalSince(newest.at), free: Double(s.free))
        }
        return fullIn(freeNow: newest.free, slope: sums.slope)
    }

    /// "3.2 d", "5 h", "40 min"; "—" for none.
    public static func format(_ seconds: TimeInterval?) -> String {
        guard let s = seconds else { return "—" }
        if s >= 2 * 86_400 { return s >= 100 * 86_400 ? "\(Int(s / 86_400)) d" : String(format: "%.1f d", s / 86_400) }
        if s >= 3600 { return "\(Int(s / 3600)) h" }
        return "\(max(0, Int(s / 60))) min"
    }
}
