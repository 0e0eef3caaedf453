import Foundation
import Synchronization

/// App Services state per project: apps, their data sources, functions and triggers. In memory only.
final class AppServicesStore: Sendable {
    struct App: Sendable {
        let id: String
        let clientAppID: String
        let name: String
        let projectID: String
        let location: String
        let deploymentModel: String
        let environment: String
        let created: Date
        var services: [Service] = []
        var functions: [Function] = []
        var triggers: [JSON] = []
    }
    struct Service: Sendable {
        let id: String
        let name: String
        let type: String
        let clusterName: String
        let created: Date
    }
    struct Function: Sendable {
        let id: String
        var name: String
        var source: String
        var isPrivate: Bool
        var runAsSystem: Bool
        var modified: Date
    }

    private let apps = Mutex<[String: App]>([:])

    func list(projectID: String) -> [App] {
        apps.withLock { $0.values.filter { $0.projectID == projectID }.sorted { $0.created < $1.created || ($0.created == $1.created && $0.id < $1.id) } }
    }

    func app(_ id: String, projectID: String) -> App? {
        apps.withLock { $0[id].flatMap { $0.projectID == projectID ? $0 : nil } }
    }

    func insert(_ app: App) -> Bool {
        apps.withLock { apps in
            guard !apps.values.contains(where: { $0.projectID == app.projectID && $0.name == app.name }) else { return false }
            apps[app.id] = app
            return true
        }
    }

    /// Applies a change to one app atomically; the closure's result is returned.
    func update<T>(_ id: String, projectID: String, _ change: (inout App) -> T) -> T? {
        apps.withLock { apps in
            guard var app = apps[id], app.projectID == projectID else { return nil }
            let result = change(&app)
            apps[id] = app
            return result
        }
    }

    static func objectID() -> String { KeyRing.randomHex(24) }
}
