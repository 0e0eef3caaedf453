/// An App Services app (`AppInstance`): `_id` goes into paths, `client_app_id` is the public App ID.
public struct AppServicesApp: Sendable, Hashable, Codable {
    public var _id: String
    public var client_app_id: String
    public var name: String
    public var group_id: String?
    public var location: String?
    public var deployment_model: String?
}

/// A data source or service of an app (`ServiceResponse`).
public struct AppServicesService: Sendable, Hashable, Codable {
    public var _id: String
    public var name: String
    public var type: String
}

/// What `createDataSource` found.
public enum DataSourceResult: Sendable, Hashable {
    /// Linked now.
    case created(AppServicesService)
    /// A data source with that name already existed (409); re-running onboarding treats it as done.
    case alreadyExists(name: String)
}

/// A function as listed (`FunctionSummary`) or created (`{_id, name}`).
public struct AppServicesFunction: Sendable, Hashable, Codable {
    public var _id: String
    public var name: String
}

/// A trigger as listed or created.
public struct AppServicesTrigger: Sendable, Hashable, Codable {
    public var _id: String
    public var name: String
    public var type: String
    public var function_id: String?
    public var disabled: Bool?
}

/// The admin session tokens from login (`access_token` lives ~30 minutes; `refresh_token` renews it).
struct AppServicesSession: Decodable {
    let access_token: String
    let refresh_token: String?
    let user_id: String?
    let device_id: String?
}
