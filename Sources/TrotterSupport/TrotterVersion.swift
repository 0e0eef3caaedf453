/// Build identity, used in the `User-Agent` and `trotter --version`.
public enum TrotterVersion {
    public static let string = "0.1.0"
    public static var userAgent: String { "trotter/\(string) (GlobeTrotter; +https://github.com/globetrotter/trotter)" }
}
