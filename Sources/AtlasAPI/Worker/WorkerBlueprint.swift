import Foundation

/// The worker app GlobeTrotter deploys into each project: its name, its two functions and their trigger.
/// The JavaScript ships as package resources; `__DATA_SOURCES__` is filled in per project at deploy time.
public struct WorkerBlueprint: Sendable {
    public static let appName = "globetrotter-worker"
    public static let collectFunction = "globetrotterCollect"
    public static let readFunction = "globetrotterRead"
    public static let triggerName = "globetrotterCollectSchedule"
    public static let defaultSchedule = "*/5 * * * *"

    /// One linked cluster as the worker's functions see it.
    public struct DataSource: Sendable, Hashable, Codable {
        public var dataSource: String
        public var clusterName: String
        public init(dataSource: String, clusterName: String) {
            self.dataSource = dataSource; self.clusterName = clusterName
        }
    }

    public let collectTemplate: String
    public let readTemplate: String

    /// Loads the function sources from the package's resources.
    public static func load() throws -> WorkerBlueprint {
        WorkerBlueprint(collectTemplate: try resource(collectFunction), readTemplate: try resource(readFunction))
    }

    public static func resourceURL(_ function: String) -> URL? {
        Bundle.module.url(forResource: function, withExtension: "js", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: function, withExtension: "js")
    }

    private static func resource(_ function: String) throws -> String {
        guard let url = resourceURL(function) else { throw WorkerBlueprintError.missingResource(function) }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The function source for a project: the template with its linked data sources filled in.
    public func source(of function: String, dataSources: [DataSource]) -> String {
        let template = function == Self.collectFunction ? collectTemplate : readTemplate
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(dataSources)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        return template.replacingOccurrences(of: "DATA_SOURCES = __DATA_SOURCES__", with: "DATA_SOURCES = \(json)")
    }

    /// A data-source name for a cluster: at most 64 ASCII letters, digits, `_` and `-` (App Services' rule).
    public static func dataSourceName(forCluster cluster: String) -> String {
        let allowed = cluster.unicodeScalars.map { s -> Character in
            (s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "_" || s == "-")) ? Character(s) : "-"
        }
        let name = String(allowed.prefix(64))
        return name.isEmpty ? "cluster" : name
    }
}

public enum WorkerBlueprintError: Error, CustomStringConvertible {
    case missingResource(String)
    public var description: String {
        switch self {
        case .missingResource(let name):
            return "The worker function \(name).js is missing from trotter's resources; reinstall trotter."
        }
    }
}
