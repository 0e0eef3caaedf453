import Foundation

/// Lower-case hex, for digests (see `Hex.sha256` in CurlHTTP) and SigV4.
public enum Hex {
    public static func string<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
