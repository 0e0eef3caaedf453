import CurlHTTP
import Foundation
import TrotterSupport

/// The App Services Admin API v3 calls that set up and read the GlobeTrotter worker.
///
/// Signs in with a project API key (`POST /auth/providers/mongodb-cloud/login`), renews the access token with
/// the refresh token (`POST /auth/session`) before it expires or after a 401, and sends every call with
/// `Authorization: Bearer`. Service accounts cannot sign in here: see `AppServicesError.serviceAccountUnsupported`.
public actor AppServicesClient {
    /// Access tokens live 30 minutes; renew after this many seconds.
    static let accessTokenRenewal: Double = 25 * 60

    public let baseURL: String
    let credentials: AtlasCredentials
    let http: HTTPClient
    var accessToken: Secret?
    var refreshToken: Secret?
    var accessTokenIssued: ContinuousClock.Instant?
    var renewal: Task<Secret, any Error>?
    /// Logins and refreshes performed (for tests and diagnostics).
    public internal(set) var logins = 0
    public internal(set) var refreshes = 0

    /// - Parameters:
    ///   - baseURL: App Services host (`https://services.cloud.mongodb.com` or the emulator's); `/api/admin/v3.0`
    ///     is appended.
    ///   - credentials: must be `.apiKey` (a service account is refused when the first call is made).
    ///   - http: the shared transport.
    public init(baseURL: String, credentials: AtlasCredentials, http: HTTPClient) {
        self.baseURL = AtlasEndpoints(appServicesBaseURL: baseURL).appServicesBaseURL
        self.credentials = credentials
        self.http = http
    }

    /// Apps of a project.
    public func listApps(projectID: String) async throws -> [AppServicesApp] {
        try await call(.get, "/groups/\(projectID)/apps")
    }

    /// Creates an app (global deployment in US-VA, production environment).
    public func createApp(projectID: String, name: String, location: String = "US-VA",
                          deploymentModel: String = "GLOBAL") async throws -> AppServicesApp {
        let body: JSONValue = .object(["name": .string(name), "location": .string(location),
                                       "deployment_model": .string(deploymentModel), "environment": .string("production")])
        return try await call(.post, "/groups/\(projectID)/apps", body: body)
    }

    /// Data sources and services of an app.
    public func listDataSources(projectID: String, appID: String) async throws -> [AppServicesService] {
        try await call(.get, "/groups/\(projectID)/apps/\(appID)/services")
    }

    /// Links an Atlas cluster as a data source. An existing name (409) is `.alreadyExists`, not an error.
    public func createDataSource(projectID: String, appID: String, name: String,
                                 clusterName: String) async throws -> DataSourceResult {
        let body: JSONValue = .object([
            "name": .string(name), "type": .string("mongodb-atlas"),
            "config": .object(["clusterName": .string(clusterName), "readPreference": .string("primary"),
                               "wireProtocolEnabled": .bool(false)]),
        ])
        do {
            let service: AppServicesService = try await call(.post, "/groups/\(projectID)/apps/\(appID)/services", body: body)
            return .created(service)
        } catch let error as AppServicesError where error.status == 409 {
            return .alreadyExists(name: name)
        }
    }

    /// Functions of an app.
    public func listFunctions(projectID: String, appID: String) async throws -> [AppServicesFunction] {
        try await call(.get, "/groups/\(projectID)/apps/\(appID)/functions")
    }

    /// Creates a function.
    public func createFunction(projectID: String, appID: String, name: String, source: String, private isPrivate: Bool,
                               runAsSystem: Bool) async throws -> AppServicesFunction {
        try await call(.post, "/groups/\(projectID)/apps/\(appID)/functions",
                       body: Self.functionBody(name: name, source: source, isPrivate: isPrivate, runAsSystem: runAsSystem))
    }

    /// Replaces a function's definition.
    public func updateFunction(projectID: String, appID: String, id: String, name: String, source: String,
                               private isPrivate: Bool, runAsSystem: Bool) async throws {
        let body = Self.functionBody(name: name, source: source, isPrivate: isPrivate, runAsSystem: runAsSystem)
        _ = try await raw(.put, "/groups/\(projectID)/apps/\(appID)/functions/\(id)", body: body)
    }

    /// Triggers of an app.
    public func listTriggers(projectID: String, appID: String) async throws -> [AppServicesTrigger] {
        try await call(.get, "/groups/\(projectID)/apps/\(appID)/triggers")
    }

    /// Creates an enabled scheduled trigger running `functionID` on a cron `schedule` (e.g. `*/5 * * * *`).
    public func createScheduledTrigger(projectID: String, appID: String, name: String, functionID: String,
                                       schedule: String) async throws -> AppServicesTrigger {
        let body: JSONValue = .object([
            "name": .string(name), "type": .string("SCHEDULED"), "function_id": .string(functionID),
            "config": .object(["schedule": .string(schedule)]), "disabled": .bool(false),
        ])
        return try await call(.post, "/groups/\(projectID)/apps/\(appID)/triggers", body: body)
    }

    /// Runs a function as system and returns its `result` (plain or Extended JSON).
    /// - Throws: `AppServicesError` with code `FunctionExecutionError` when the function reports an error.
    public func executeFunction(projectID: String, appID: String, name: String,
                                arguments: [JSONValue]) async throws -> JSONValue {
        try await executeFunction(projectID: projectID, appID: appID, name: name, arguments: arguments) { p in
            try p.value(depth: 0)
        }
    }

    /// Runs a function and hands its `result` to `read` as bytes, so a large result is read into its final
    /// shape without a `JSONValue` tree in between. A function error (`error` not null) is thrown instead.
    package func executeFunction<T>(projectID: String, appID: String, name: String, arguments: [JSONValue],
                            read: (inout JSONBytesParser) throws -> T) async throws -> T {
        let path = "/groups/\(projectID)/apps/\(appID)/debug/execute_function?run_as_system=true"
        let body: JSONValue = .object(["name": .string(name), "arguments": .array(arguments)])
        // Our worker functions only read or write idempotent snapshots, so a retry after a 5xx is safe.
        let (response, target) = try await raw(.post, path, body: body, retryable: true)
        let secrets = [credentials.secret]
        return try response.body.withUnsafeBufferPointer { buffer in
            func malformed(_ e: JSONParseError) -> HTTPError { HTTPError(.malformedBody, target: target, reason: e.description) }
            // The envelope `{error, logs, result, stats}`: find where the result lies, read the error if any.
            var envelope = JSONBytesParser(bytes: buffer)
            var error: JSONValue = .null
            var result: Range<Int>?
            do {
                try envelope.readObject { p, key in
                    if key.is("error") {
                        error = try p.value(depth: 1)
                    } else if key.is("result") {
                        let start = p.index
                        try p.skipValue()
                        result = start..<p.index
                    } else {
                        try p.skipValue()
                    }
                }
                try envelope.end()
            } catch let e as JSONParseError {
                throw malformed(e)
            }
            if !error.isNull {
                let message = error["message"]?.stringValue ?? error.stringValue ?? "unknown error"
                throw AppServicesError.functionFailed(name, Redaction.scrub(message, secrets: secrets), target: target)
            }
            do {
                guard let result else {
                    // No result member reads as `null`.
                    return try Array("null".utf8).withUnsafeBufferPointer { none in
                        var p = JSONBytesParser(bytes: none)
                        return try read(&p)
                    }
                }
                var p = JSONBytesParser(bytes: UnsafeBufferPointer(rebasing: buffer[result]))
                return try read(&p)
            } catch let e as JSONParseError {
                throw malformed(e)
            }
        }
    }

    private static func functionBody(name: String, source: String, isPrivate: Bool, runAsSystem: Bool) -> JSONValue {
        .object(["name": .string(name), "source": .string(source), "private": .bool(isPrivate),
                 "run_as_system": .bool(runAsSystem)])
    }
}
