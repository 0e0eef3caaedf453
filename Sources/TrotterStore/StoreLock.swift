import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock between processes on a lock file (`flock`), held while opening and migrating the store.
/// The kernel drops it when the holder exits, so a killed process never leaves the store locked.
enum StoreLock {
    static func exclusively<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.lockFile(path: lockPath, errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.lockFile(path: lockPath, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// The store could not be opened.
public enum StoreError: Error, CustomStringConvertible {
    case lockFile(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .lockFile(let path, let e):
            return "Cannot lock \(path): \(String(cString: strerror(e))). Check that the data folder (TROTTER_HOME) is writable."
        }
    }
}
