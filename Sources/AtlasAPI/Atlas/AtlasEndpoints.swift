import Foundation

/// Where the two APIs live. Real Atlas by default; the emulator when `ATLAS_BASE_URL` points at it.
public struct AtlasEndpoints: Sendable, Hashable {
    /// Host of the Administration API and the OAuth token endpoint (no trailing slash, no path).
    public var atlasBaseURL: String
    /// Host of the App Services Admin API.
    public var appServicesBaseURL: String

    public static let defaultAtlasBaseURL = "https://cloud.mongodb.com"
    public static let defaultAppServicesBaseURL = "https://services.cloud.mongodb.com"

    /// Path prefixes under those hosts.
    public static let atlasV2Prefix = "/api/atlas/v2"
    public static let oauthTokenPath = "/api/oauth/token"
    public static let appServicesPrefix = "/api/admin/v3.0"

    /// Creates endpoints; trailing slashes are dropped.
    public init(atlasBaseURL: String = defaultAtlasBaseURL, appServicesBaseURL: String = defaultAppServicesBaseURL) {
        self.atlasBaseURL = Self.trim(atlasBaseURL)
        self.appServicesBaseURL = Self.trim(appServicesBaseURL)
    }

    /// `ATLAS_BASE_URL` (default `https://cloud.mongodb.com`) and `APP_SERVICES_BASE_URL` (default
    /// `https://services.cloud.mongodb.com`, or `ATLAS_BASE_URL` when only that is set — the emulator serves both).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AtlasEndpoints {
        let atlas = env["ATLAS_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let services = env["APP_SERVICES_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        return AtlasEndpoints(atlasBaseURL: atlas ?? defaultAtlasBaseURL,
                              appServicesBaseURL: services ?? atlas ?? defaultAppServicesBaseURL)
    }

    private static func trim(_ url: String) -> String {
        var s = url
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
