import ArgumentParser
import AtlasAPI
import CurlHTTP
import DashboardModel
import Foundation

/// Shared plumbing of the `trotter atlas` subcommands: environment, client, output and exit codes.
enum AtlasCLI {
    /// Builds a client from the environment, runs `body`, maps errors to exit code 1 (message on stderr).
    static func run(options: AtlasOutputOptions, _ body: (AtlasClient) async throws -> AtlasTable) async throws {
        let env = ProcessInfo.processInfo.environment
        guard let credentials = AtlasCredentials.fromEnvironment(env) else {
            printError("no Atlas credentials: set ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY, "
                + "or ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET.")
            throw ExitCode(2)
        }
        let endpoints = AtlasEndpoints.fromEnvironment(env)
        let http = HTTPClient()
        defer { http.shutdown() }
        let client = AtlasClient(baseURL: endpoints.atlasBaseURL, credentials: credentials, http: http)
        let table: AtlasTable
        do {
            table = try await body(client)
        } catch let error as ExitCode {
            throw error
        } catch {
            printError(String(describing: error))
            throw ExitCode(1)
        }
        print(options.json ? table.json() : table.text(), terminator: "")
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("trotter: \(message)\n".utf8))
    }
}
