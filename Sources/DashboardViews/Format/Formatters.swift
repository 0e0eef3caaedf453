import DashboardModel
import Foundation

/// Number, byte, percentage and time formatting for narrow columns. Deterministic (no locale),
/// so golden snapshots are stable everywhere.
public enum Formatters {
    /// `1,234,567`.
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    public static func grouped(_ n: Int) -> String { grouped(Int64(n)) }

    /// Grouped below ten million, then `12.3M` / `4.5G` so a count fits 8 columns.
    public static func count(_ n: Int64) -> String {
        if n.magnitude < 10_000_000 { return grouped(n) }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M")]
        let d = Double(n)
        for (scale, suffix) in units where abs(d) >= scale { return oneDecimal(d / scale) + suffix }
        return grouped(n)
    }

    /// Binary byte sizes with three significant digits: `512 B`, `1.50 KiB`, `12.3 MiB`, `123 GiB`
    /// (one formatter for the dashboard, the CLI and notifications: ``ByteText``).
    public static func bytes(_ n: Int64) -> String { ByteText.format(n) }

    /// Signed growth per hour: `+1.20 MiB/h`, `-512 B/h`, `—` when unknown.
    public static func growth(_ perHour: Double?, unicode: Bool = true) -> String {
        guard let perHour else { return unicode ? "—" : "-" }
        let sign = perHour > 0 ? "+" : ""
        return sign + bytes(Int64(perHour.rounded())) + "/h"
    }

    /// A fraction 0...1 as `37.5%`.
    public static func percent(_ fraction: Double) -> String {
        oneDecimal(fraction * 100) + "%"
    }

    /// Elapsed time for a duration column: `45s`, `3m05s`, `2h07m`, `3d04h`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + pad2(s / 60 % 60) + "m" }
        return "\(s / 86_400)d" + pad2(s / 3600 % 24) + "h"
    }

    /// Age relative to `now`: `just now`, `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago`; `never` for nil.
    public static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let s = Int(now.timeIntervalSince(date))
        if s < 2 { return "just now" }
        if s < 60 { return "\(s) s ago" }
        if s < 3600 { return "\(s / 60) min ago" }
        if s < 86_400 { return "\(s / 3600) h ago" }
        return "\(s / 86_400) d ago"
    }

    /// UTC wall-clock time `HH:MM:SS`, deterministic for snapshots.
    public static func clock(_ date: Date) -> String {
        let s = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((s % 86_400) + 86_400) % 86_400
        return pad2(day / 3600) + ":" + pad2(day / 60 % 60) + ":" + pad2(day % 60)
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func twoDecimals(_ v: Double) -> String {
        let h = Int((v * 100).rounded())
        return "\(h / 100)." + pad2(h % 100)
    }
}
