import Foundation

/// Storage growth per hour from a namespace's sample history: the slope between the oldest sample inside
/// the window and the newest, so one noisy sample does not swing it. Nil with fewer than two samples or
/// samples less than a minute apart (too close to say anything).
public enum Growth {
    public static func perHour(_ samples: [NamespaceSample], window: TimeInterval = 24 * 3600) -> Double? {
        guard let newest = samples.max(by: { $0.at < $1.at }) else { return nil }
        let inWindow = samples.filter { newest.at.timeIntervalSince($0.at) <= window }
        guard let oldest = inWindow.min(by: { $0.at < $1.at }) else { return nil }
        return perHour(from: (oldest.at, oldest.storageSize), to: (newest.at, newest.storageSize))
    }

    /// The slope between two (time, storage) points, per hour; nil when they are under a minute apart.
    public static func perHour(from a: (Date, Int64), to b: (Date, Int64)) -> Double? {
        let seconds = b.0.timeIntervalSince(a.0)
        guard seconds >= 60 else { return nil }
        return Double(b.1 - a.1) / seconds * 3600
    }
}
