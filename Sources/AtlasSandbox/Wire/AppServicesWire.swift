import Foundation

/// App Services Admin API v3 bodies (`AppInstance`, `ServiceResponse`, `FunctionSummary`, `Function`).
enum AppServicesWire {
    static func app(_ app: AppServicesStore.App) -> JSON {
        [
            "_id": .string(app.id),
            "client_app_id": .string(app.clientAppID),
            "name": .string(app.name),
            "location": .string(app.location),
            "deployment_model": .string(app.deploymentModel),
            "environment": .string(app.environment),
            "domain_id": .string(String(app.id.reversed())),
            "group_id": .string(app.projectID),
            "last_used": .int(Int64(app.created.timeIntervalSince1970)),
            "last_modified": .int(Int64(app.created.timeIntervalSince1970)),
            "product": "standard",
        ]
    }

    static func service(_ service: AppServicesStore.Service) -> JSON {
        [
            "_id": .string(service.id),
            "name": .string(service.name),
            "type": .string(service.type),
            "version": 1,
            "last_modified": .int(Int64(service.created.timeIntervalSince1970)),
        ]
    }

    static func functionSummary(_ function: AppServicesStore.Function) -> JSON {
        ["_id": .string(function.id), "name": .string(function.name),
         "last_modified": .int(Int64(function.modified.timeIntervalSince1970))]
    }

    static func function(_ function: AppServicesStore.Function) -> JSON {
        [
            "_id": .string(function.id),
            "name": .string(function.name),
            "source": .string(function.source),
            "private": .bool(function.isPrivate),
            "run_as_system": .bool(function.runAsSystem),
        ]
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    /// Data-source names: 1–64 ASCII letters, digits, `_` and `-`.
    static func isValidServiceName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy(isNameCharacter)
    }

    /// App names: the same characters, starting with a letter.
    static func isValidAppName(_ name: String) -> Bool {
        isValidServiceName(name) && (name.first.map { $0.isASCII && $0.isLetter } ?? false)
    }

    /// Function names: letters, digits, `_`, `-` and `/` (folders).
    static func isValidFunctionName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { isNameCharacter($0) || $0 == "/" }
    }
}
