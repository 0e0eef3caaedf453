import Foundation
import HummingbirdTLS
public import NIOSSL

/// `--tls-cert FILE --tls-key FILE`: the PEM certificate chain and private key, read and checked against each
/// other at startup, so a wrong path or a key of another certificate stops `trotter serve` with a clear error
/// rather than failing each client's handshake. Errors name the flag and the path, never the key's content.
public struct ServerTLS: Sendable {
    public let configuration: TLSConfiguration

    public static func load(certificate certPath: String, key keyPath: String) throws -> ServerTLS {
        try readable(certPath, flag: "--tls-cert")
        try readable(keyPath, flag: "--tls-key")
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certPath) } catch {
            throw ServerTLSError("--tls-cert \(certPath) is not a PEM certificate (\(error)); give the server's certificate chain, leaf first")
        }
        guard !chain.isEmpty else { throw ServerTLSError("--tls-cert \(certPath) holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyPath, format: .pem) } catch {
            // NIOSSL's error names no key material; ours only the path.
            throw ServerTLSError("--tls-key \(keyPath) is not a PEM private key (or it is encrypted: give it without a passphrase)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw ServerTLSError("--tls-key \(keyPath) does not belong to the certificate in --tls-cert \(certPath) (\(error))")
        }
        return ServerTLS(configuration: configuration)
    }

    private static func readable(_ path: String, flag: String) throws {
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &directory), !directory.boolValue else {
            throw ServerTLSError("\(flag) \(path): no such file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else { throw ServerTLSError("\(flag) \(path): not readable by this user") }
    }
}

public struct ServerTLSError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ text: String) { description = text }
}
