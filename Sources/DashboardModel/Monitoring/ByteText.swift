/// Byte counts for people: binary units (KiB, MiB, GiB, TiB), three significant digits.
public enum ByteText {
    private static let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]

    public static func format(_ bytes: Int64) -> String {
        let negative = bytes < 0
        var value = Double(bytes.magnitude)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let digits = unit == 0 ? 0 : (value < 10 ? 2 : (value < 100 ? 1 : 0))
        return (negative ? "-" : "") + fixed(value, digits) + " " + units[unit]
    }

    /// A signed rate such as "+1.5 MiB/h"; "—" when unknown.
    public static func rate(_ bytesPerHour: Double?) -> String {
        guard let r = bytesPerHour, r.isFinite else { return "—" }
        let s = format(Int64(r.rounded()))
        return (r > 0 ? "+" : "") + s + "/h"
    }

    /// Fixed-point text without Foundation's locale-dependent formatters (they cost microseconds per cell).
    static func fixed(_ v: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int64((v * scale).rounded())
        guard digits > 0 else { return String(n) }
        let whole = n / Int64(scale), frac = n % Int64(scale)
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        return "\(whole).\(f)"
    }
}
