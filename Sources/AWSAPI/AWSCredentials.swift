import Foundation
import TrotterSupport

/// An access key pair, with a session token for temporary credentials. The secret parts never print.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: Secret
    public var sessionToken: Secret?

    public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil) {
        self.accessKeyID = accessKeyID; self.secretAccessKey = secretAccessKey; self.sessionToken = sessionToken
    }

    public var description: String { "AWSCredentials(\(accessKeyID), <redacted>\(sessionToken == nil ? "" : ", session")" }
}

/// Why no credentials, region or endpoint could be found; the message says where trotter looked.
public struct AWSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The credential, region and endpoint chain of the AWS SDKs, over an environment and the two shared files.
///
/// Credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); else the profile
/// `AWS_PROFILE` (default `default`) in `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, `[NAME]`),
/// then in `AWS_CONFIG_FILE` (default `~/.aws/config`, `[profile NAME]`, or `[default]`).
/// Region: the job's or target's, then `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
/// Endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then `https://<service>.<region>.amazonaws.com`.
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) { self.variables = variables }

    var profileName: String { nonEmpty("AWS_PROFILE") ?? "default" }

    public func credentials() throws(AWSConfigurationError) -> AWSCredentials {
        if let key = nonEmpty("AWS_ACCESS_KEY_ID") {
            guard let secret = nonEmpty("AWS_SECRET_ACCESS_KEY") else {
                throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or neither to use a profile")
            }
            return AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret),
                                  sessionToken: nonEmpty("AWS_SESSION_TOKEN").map(Secret.init))
        }
        let profile = profileName
        for section in [credentialsFile()[profile], configFile()[Self.configSection(profile)]] {
            guard let section, let key = section["aws_access_key_id"], !key.isEmpty else { continue }
            guard let secret = section["aws_secret_access_key"], !secret.isEmpty else {
                throw AWSConfigurationError("profile \(profile) has aws_access_key_id but no aws_secret_access_key")
            }
            return AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret),
                                  sessionToken: section["aws_session_token"].flatMap { $0.isEmpty ? nil : Secret($0) })
        }
        throw AWSConfigurationError("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile "
                                    + "\(profile) in \(credentialsPath) or \(configPath) (AWS_PROFILE picks another)")
    }

    /// The region: `explicit` (the job's or target's), then the environment, then the profile.
    public func region(_ explicit: String?) throws(AWSConfigurationError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let region = nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") { return region }
        if let region = configFile()[Self.configSection(profileName)]?["region"], !region.isEmpty { return region }
        throw AWSConfigurationError("no AWS region: give \"region\" in the definition, or set AWS_REGION, "
                                    + "or region in profile \(profileName) of \(configPath)")
    }

    /// The base URL for a service (`lambda`, `events`); `envSuffix` names its variable (`LAMBDA`, `EVENTBRIDGE`).
    public func endpoint(service: String, envSuffix: String, region: String) -> String {
        let url = nonEmpty("AWS_ENDPOINT_URL_\(envSuffix)") ?? nonEmpty("AWS_ENDPOINT_URL")
            ?? "https://\(service).\(region).amazonaws.com"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    // MARK: Files

    var credentialsPath: String { nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? home(".aws/credentials") }
    var configPath: String { nonEmpty("AWS_CONFIG_FILE") ?? home(".aws/config") }

    func credentialsFile() -> [String: [String: String]] { INIFile.parse(read(credentialsPath)) }
    func configFile() -> [String: [String: String]] { INIFile.parse(read(configPath)) }

    /// `[default]` stays as is in the config file; other profiles are `[profile NAME]`.
    static func configSection(_ profile: String) -> String { profile == "default" ? "default" : "profile \(profile)" }

    private func read(_ path: String) -> String {
        let expanded = path.hasPrefix("~/") ? home(String(path.dropFirst(2))) : path
        return (try? String(contentsOfFile: expanded, encoding: .utf8)) ?? ""
    }

    private func home(_ relative: String) -> String {
        let base = nonEmpty("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (base as NSString).appendingPathComponent(relative)
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

/// The INI dialect of the AWS shared files: `[section]`, `key = value`, `#` and `;` comments. Pure.
enum INIFile {
    static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current]?[key] = value
        }
        return sections
    }
}
