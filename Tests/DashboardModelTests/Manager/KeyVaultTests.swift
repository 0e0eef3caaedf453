import Foundation
import Testing
@testable import DashboardModel
@testable import Manager
@testable import TrotterSupport

@Suite struct KeyVaultTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("trotter-vault-\(UUID().uuidString)")
    }

    @Test func sealsAndOpensAndTheMasterKeyIsPrivate() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vault = try KeyVault.open(directory: dir)
        let sealed = try vault.seal(Secret("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"), projectID: "p1")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("0f1e2d3c"))
        // A second open reads the same master key from disk.
        let again = try KeyVault.open(directory: dir)
        #expect(try again.open(sealed, projectID: "p1").reveal() == "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
        let mode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("master.key").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aSealedKeyDoesNotOpenForAnotherProject() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vault = try KeyVault.open(directory: dir)
        let sealed = try vault.seal(Secret("s3cret"), projectID: "p1")
        #expect(throws: KeyVaultError.self) { try vault.open(sealed, projectID: "p2") }
    }

    @Test func aTruncatedMasterKeyIsRefusedWithAFix() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: dir.appendingPathComponent("master.key"))
        do {
            _ = try KeyVault.open(directory: dir)
            Issue.record("expected a corrupt-key error")
        } catch {
            #expect("\(error)".contains("not 32 bytes"))
        }
    }
}
