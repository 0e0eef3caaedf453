import Crypto
import Foundation
import TrotterSupport

/// Seals private keys with AES-GCM under a 256-bit master key kept in `master.key` (created 0600 on first
/// use, beside the store). The project ID is bound as authenticated data, so a sealed key copied onto another
/// project's row does not open.
public struct KeyVault: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// The master key's name in a data folder (`$TROTTER_HOME/master.key`).
    public static let fileName = "master.key"

    /// Opens the master key in `directory`, creating it (mode 0600, never group/world-readable) when absent.
    /// Safe when several processes start at once: a new key is written whole to a private temporary file and
    /// published with `link(2)`, which fails when the name exists, so every process ends up with the one key and
    /// no process ever reads a half-written file.
    public static func open(directory: URL) throws -> KeyVault {
        try open(file: directory.appendingPathComponent(fileName))
    }

    /// Opens the master key at `file` (created as above when absent). The servers of a team share one: each is given
    /// the same file (`trotter serve --master-key`), as each would be given the same KMS key.
    public static func open(file: URL) throws -> KeyVault {
        let path = file.path
        let directory = file.deletingLastPathComponent()
        if let existing = try read(path) { return existing }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fresh = SymmetricKey(size: .bits256)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)").path
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyVaultError.cannotCreate(path: path, errno: errno) }
        defer { unlink(temporary) }
        let written = fresh.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        let error = errno
        close(fd)
        guard written == 32, synced else { throw KeyVaultError.cannotCreate(path: path, errno: error) }
        if link(temporary, path) != 0 {
            // Another trotter published its key first: use that one.
            guard errno == EEXIST, let theirs = try read(path) else { throw KeyVaultError.cannotCreate(path: path, errno: errno) }
            return theirs
        }
        return KeyVault(key: fresh)
    }

    /// The key at `path`, nil when there is no file.
    private static func read(_ path: String) throws -> KeyVault? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard data.count == 32 else { throw KeyVaultError.corruptMasterKey(path: path) }
        return KeyVault(key: SymmetricKey(data: data))
    }

    public func seal(_ secret: Secret, projectID: String) throws -> Data {
        let box = try AES.GCM.seal(Data(secret.reveal().utf8), using: key, authenticating: Data(projectID.utf8))
        guard let combined = box.combined else { throw KeyVaultError.sealFailed }
        return combined
    }

    /// A value only this master key opens, bound to a purpose no project ID can have: the store keeps the first
    /// one written (`vault_check`), and a server whose key does not open it holds another key.
    func sealCheck() throws -> Data { try seal(Secret(Self.checkText), projectID: Self.checkPurpose) }

    /// Whether `sealed` (a ``sealCheck()`` value) was sealed with this master key.
    func opensCheck(_ sealed: Data) -> Bool {
        (try? open(sealed, projectID: Self.checkPurpose))?.reveal() == Self.checkText
    }

    private static let checkPurpose = "trotter:master-key-check"
    private static let checkText = "trotter master key check v1"

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
    /// The store's secrets were sealed with another master key than the one at `path`.
    case otherMasterKey(path: String)

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
        case .otherMasterKey(let path):
            return "The master key \(path) is not the one that sealed this database's keys: every server on one --database "
                + "must be given the same key file. Copy the key file of a server already running on it (32 bytes, mode 0600) "
                + "and pass it with --master-key."
        }
    }
}
