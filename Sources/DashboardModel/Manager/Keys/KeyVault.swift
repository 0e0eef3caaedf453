import Crypto
import Foundation

/// Seals private keys with AES-GCM under a 256-bit master key kept in `master.key` (created 0600 on first
/// use, beside the store). The project ID is bound as authenticated data, so a sealed key copied onto another
/// project's row does not open.
public struct KeyVault: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// Opens the master key in `directory`, creating it (mode 0600, never group/world-readable) when absent.
    public static func open(directory: URL) throws -> KeyVault {
        let path = directory.appendingPathComponent("master.key").path
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count == 32 else { throw KeyVaultError.corruptMasterKey(path: path) }
            return KeyVault(key: SymmetricKey(data: data))
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fresh = SymmetricKey(size: .bits256)
        // O_EXCL: if another trotter created it meanwhile, use theirs rather than overwrite it.
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST { return try open(directory: directory) }
            throw KeyVaultError.cannotCreate(path: path, errno: errno)
        }
        defer { close(fd) }
        let written = fresh.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == 32 else { throw KeyVaultError.cannotCreate(path: path, errno: errno) }
        return KeyVault(key: fresh)
    }

    public func seal(_ secret: Secret, projectID: String) throws -> Data {
        let box = try AES.GCM.seal(Data(secret.reveal().utf8), using: key, authenticating: Data(projectID.utf8))
        guard let combined = box.combined else { throw KeyVaultError.sealFailed }
        return combined
    }

    public func open(_ sealed: Data, projectID: String) throws -> Secret {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(box, using: key, authenticating: Data(projectID.utf8))
            return Secret(String(decoding: plain, as: UTF8.self))
        } catch {
            throw KeyVaultError.cannotOpen(projectID: projectID)
        }
    }
}

public enum KeyVaultError: Error, CustomStringConvertible {
    case corruptMasterKey(path: String)
    case cannotCreate(path: String, errno: Int32)
    case sealFailed
    case cannotOpen(projectID: String)

    public var description: String {
        switch self {
        case .corruptMasterKey(let path):
            return "The master key \(path) is not 32 bytes. Restore it from a backup, or remove it and re-add every project's keys."
        case .cannotCreate(let path, let e):
            return "Cannot create the master key \(path): \(String(cString: strerror(e))). Check that the data folder (TROTTER_HOME) is writable."
        case .sealFailed:
            return "Sealing a key failed; nothing was stored. Try again."
        case .cannotOpen(let id):
            return "The stored key of project \(id) cannot be opened with this master.key (was it replaced?). Remove the project and add it again."
        }
    }
}
