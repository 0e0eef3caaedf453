import AtlasSandbox
import Foundation

/// What `trotter sandbox` prints and writes. The private key and client secret appear only here: they are
/// the sandbox's own throwaway credentials, shown so a person or script can use them.
enum SandboxOutput {
    static func banner(_ c: SandboxCredentials) -> String {
        var lines = [
            "Atlas sandbox listening on \(c.baseURL)",
            "",
            "  export ATLAS_BASE_URL=\(c.baseURL)",
            "  export ATLAS_PUBLIC_KEY=\(c.publicKey)",
            "  export ATLAS_PRIVATE_KEY=\(c.privateKey)",
            "  # or the service account:",
            "  export ATLAS_CLIENT_ID=\(c.clientId)",
            "  export ATLAS_CLIENT_SECRET=\(c.clientSecret)",
            "",
            "Organisation \(c.orgId), \(c.projects.count) project(s):",
        ]
        lines += c.projects.prefix(20).map { "  \($0.id)  \($0.name)" }
        if c.projects.count > 20 { lines.append("  … and \(c.projects.count - 20) more") }
        lines.append("Press Ctrl-C to stop.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the credentials JSON readable only by the owner.
    static func write(_ credentials: SandboxCredentials, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(credentials)
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try data.write(to: URL(fileURLWithPath: path))
    }
}
