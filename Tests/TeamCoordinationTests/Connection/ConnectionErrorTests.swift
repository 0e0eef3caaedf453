import Foundation
import Logging
import PostgresNIO
import TeamCoordination
import Testing

extension CoordinationSuite {
    /// Real refusals from a real server: nobody listening, a wrong password, a missing database.
    @Suite struct ConnectionErrorTests {
        let logger = PostgresCluster.logger

        @Test func refusedConnectionNamesTheAddress() async throws {
            let port = try freePort()
            let url = DatabaseURL(user: "trotter", password: "hunter2", host: "127.0.0.1", port: port, database: "trotter")
            let error = try await connectError(url)
            #expect(error.code == .unreachable)
            #expect(error.message.contains("127.0.0.1:\(port)") && error.message.contains("connection refused"))
            #expect(!error.message.contains("hunter2"))
        }

        @Test func wrongPasswordIsAnAuthenticationError() async throws {
            var url = try #require(PostgresCluster.url)
            url.password = "hunter2-wrong"
            let error = try await connectError(url)
            #expect(error.code == .authentication)
            #expect(error.message.contains("user \"trotter\"") && error.message.contains("password"))
            #expect(!error.message.contains("hunter2"))
            url.password = nil
            #expect(try await connectError(url).code == .authentication)
        }

        @Test func missingDatabaseSaysSo() async throws {
            var url = try #require(PostgresCluster.url)
            url.database = "no_such_db"
            let error = try await connectError(url)
            #expect(error.code == .noDatabase && error.message.contains("\"no_such_db\""))
            #expect(!error.message.contains(url.password ?? "-"))
        }

        private func connectError(_ url: DatabaseURL) async throws -> CoordinationError {
            do {
                let coordinator = try await Coordinator.connect(url: url, logger: logger)
                await coordinator.close()
            } catch let error as CoordinationError {
                return error
            }
            Issue.record("connected to \(url) but should not have")
            return CoordinationError(.database, "connected")
        }

        private func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            try #require(bound)
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }
}
