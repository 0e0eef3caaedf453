import Foundation

extension SandboxEngine {
    /// `/api/admin/v3.0/…`: login and session refresh, then Bearer-authenticated project resources.
    func handleAppServices(_ request: SandboxRequest, _ rest: [String]) -> SandboxResponse {
        if rest == ["auth", "providers", "mongodb-cloud", "login"], request.method == "POST" { return login(request) }
        if rest == ["auth", "session"], request.method == "POST" { return refreshSession(request) }
        let token = request.header("authorization").flatMap { header -> String? in
            header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
        }
        guard let token else { return .appServicesError(401, "InvalidSession", "invalid session: missing access token") }
        let principal: Principal
        switch keys.checkSession(token) {
        case .valid(let p): principal = p
        case .expired: return .appServicesError(401, "InvalidSession", "invalid session: access token expired")
        case .unknown: return .appServicesError(401, "InvalidSession", "invalid session: invalid access token")
        }
        guard rest.count >= 3, rest[0] == "groups", rest[2] == "apps" else {
            return .appServicesError(404, "NotFound", "no route for \(request.method) \(request.path)")
        }
        let projectID = rest[1]
        guard let project = project(id: projectID), principal.canAccess(projectID: projectID) else {
            return .appServicesError(403, "Forbidden", "user does not have permission to access group \(projectID)")
        }
        // Reading is open to any project role; creating or changing apps needs Project Owner.
        if request.method != "GET", !membership.isOwner(principal, projectID: projectID) {
            return .appServicesError(403, "Forbidden", "the Project Owner role is required in group \(projectID) to change App Services apps")
        }
        if let refusal = rateLimit(request) { return refusal }
        return appsResource(request, project: project, rest: Array(rest.dropFirst(3)))
    }

    private func login(_ request: SandboxRequest) -> SandboxResponse {
        guard let body = JSON.parse(request.body), let user = body["username"]?.stringValue,
            let secret = body["apiKey"]?.stringValue
        else {
            return .appServicesError(400, "InvalidParameter", "expected a JSON body with username and apiKey")
        }
        guard let key = keys.apiKey(user), Digest.constantTimeEqual(key.privateKey, secret) else {
            return .appServicesError(401, "InvalidPassword", "invalid username/password")
        }
        let session = keys.openSession(for: key.principal, lifetime: configuration.appServicesTokenLifetime)
        return .json([
            "access_token": .string(session.access),
            "refresh_token": .string(session.refresh),
            "user_id": .string(Digest.hash(user, .md5).prefix(24).description),
            "device_id": "000000000000000000000000",
        ])
    }

    private func refreshSession(_ request: SandboxRequest) -> SandboxResponse {
        let token = request.header("authorization").map { String($0.dropFirst(7)).trimmingCharacters(in: .whitespaces) } ?? ""
        guard keys.isRefreshToken(token),
            let access = keys.refreshSession(token, lifetime: configuration.appServicesTokenLifetime)
        else {
            return .appServicesError(401, "InvalidSession", "invalid refresh token: incorrect token type")
        }
        return .json(["access_token": .string(access)], status: 201)
    }

    private func appsResource(_ request: SandboxRequest, project: ProjectSpec, rest: [String]) -> SandboxResponse {
        switch (request.method, rest.count) {
        case ("GET", 0):
            return .json(.array(apps.list(projectID: project.id).map(AppServicesWire.app)))
        case ("POST", 0):
            return createApp(request, project: project)
        default:
            break
        }
        guard let app = apps.app(rest[0], projectID: project.id) else {
            return .appServicesError(404, "AppNotFound", "app not found: '\(rest[0])'")
        }
        let sub = Array(rest.dropFirst())
        switch (request.method, sub) {
        case ("GET", []): return .json(AppServicesWire.app(app))
        case ("GET", ["services"]): return .json(.array(app.services.map(AppServicesWire.service)))
        case ("POST", ["services"]): return createService(request, project: project, app: app)
        case ("GET", ["functions"]): return .json(.array(app.functions.map(AppServicesWire.functionSummary)))
        case ("POST", ["functions"]): return saveFunction(request, app: app, replacing: nil)
        case ("GET", ["triggers"]): return .json(.array(app.triggers))
        case ("POST", ["triggers"]): return createTrigger(request, app: app)
        case ("POST", ["debug", "execute_function"]): return executeFunction(request, project: project, app: app)
        default:
            if sub.count == 2, sub[0] == "functions", let function = app.functions.first(where: { $0.id == sub[1] }) {
                if request.method == "GET" { return .json(AppServicesWire.function(function)) }
                if request.method == "PUT" { return saveFunction(request, app: app, replacing: function.id) }
            }
            return .appServicesError(404, "NotFound", "no route for \(request.method) \(request.path)")
        }
    }

    private func createApp(_ request: SandboxRequest, project: ProjectSpec) -> SandboxResponse {
        guard let body = JSON.parse(request.body), let name = body["name"]?.stringValue else {
            return .appServicesError(400, "InvalidParameter", "expected a JSON body with a name")
        }
        guard AppServicesWire.isValidAppName(name) else {
            return .appServicesError(400, "InvalidParameter",
                "invalid app name '\(name)': start with a letter; use at most 64 ASCII letters, digits, _ and -")
        }
        let id = AppServicesStore.objectID()
        let app = AppServicesStore.App(
            id: id, clientAppID: "\(name.lowercased())-\(KeyRing.randomHex(5))", name: name, projectID: project.id,
            location: body["location"]?.stringValue ?? "US-VA",
            deploymentModel: body["deployment_model"]?.stringValue ?? "GLOBAL",
            environment: body["environment"]?.stringValue ?? "", created: Date())
        guard apps.insert(app) else {
            return .appServicesError(409, "DuplicateAppName", "an app named '\(name)' already exists in this project")
        }
        return .json(AppServicesWire.app(app), status: 201)
    }

    private func createService(_ request: SandboxRequest, project: ProjectSpec, app: AppServicesStore.App) -> SandboxResponse {
        guard let body = JSON.parse(request.body), let name = body["name"]?.stringValue,
            let type = body["type"]?.stringValue
        else {
            return .appServicesError(400, "InvalidParameter", "expected a JSON body with name, type and config")
        }
        guard AppServicesWire.isValidServiceName(name) else {
            return .appServicesError(400, "InvalidParameter",
                "invalid data source name '\(name)': use at most 64 ASCII letters, digits, _ and -")
        }
        guard type == "mongodb-atlas" else {
            return .appServicesError(400, "InvalidParameter", "the sandbox links only data sources of type mongodb-atlas")
        }
        // The published AtlasClusterServiceConfig requires all three fields.
        guard let config = body["config"], let clusterName = config["clusterName"]?.stringValue,
            let readPreference = config["readPreference"]?.stringValue, config["wireProtocolEnabled"]?.boolValue != nil
        else {
            return .appServicesError(400, "InvalidParameter",
                "config requires clusterName, readPreference and wireProtocolEnabled")
        }
        guard ["primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"].contains(readPreference) else {
            return .appServicesError(400, "InvalidParameter", "invalid readPreference '\(readPreference)'")
        }
        guard project.cluster(named: clusterName) != nil else {
            return .appServicesError(400, "InvalidParameter", "cluster '\(clusterName)' does not exist in this project")
        }
        let service = AppServicesStore.Service(
            id: AppServicesStore.objectID(), name: name, type: type, clusterName: clusterName, created: Date())
        let created: Bool? = apps.update(app.id, projectID: project.id) { app in
            guard !app.services.contains(where: { $0.name == name }) else { return false }
            app.services.append(service)
            return true
        }
        guard created == true else {
            return .appServicesError(409, "ServiceAlreadyExists", "a service named '\(name)' already exists")
        }
        return .json(["_id": .string(service.id), "name": .string(name), "type": .string(type)], status: 201)
    }

    private func saveFunction(_ request: SandboxRequest, app: AppServicesStore.App, replacing id: String?) -> SandboxResponse {
        guard let body = JSON.parse(request.body), let name = body["name"]?.stringValue,
            let source = body["source"]?.stringValue, let isPrivate = body["private"]?.boolValue
        else {
            return .appServicesError(400, "InvalidParameter", "a function requires name, source and private")
        }
        guard AppServicesWire.isValidFunctionName(name) else {
            return .appServicesError(400, "InvalidParameter", "invalid function name '\(name)'")
        }
        let runAsSystem = body["run_as_system"]?.boolValue ?? false
        let newID = id ?? AppServicesStore.objectID()
        let saved: AppServicesStore.Function?? = apps.update(app.id, projectID: app.projectID) { app in
            if app.functions.contains(where: { $0.name == name && $0.id != newID }) { return nil }
            let function = AppServicesStore.Function(id: newID, name: name, source: source, isPrivate: isPrivate,
                                                     runAsSystem: runAsSystem, modified: Date())
            if let index = app.functions.firstIndex(where: { $0.id == newID }) {
                app.functions[index] = function
            } else {
                app.functions.append(function)
            }
            return function
        }
        guard let outcome = saved, let function = outcome else {
            return .appServicesError(409, "FunctionDuplicateName", "a function named '\(name)' already exists")
        }
        if id != nil { return .json(AppServicesWire.function(function)) }
        return .json(["_id": .string(function.id), "name": .string(function.name)], status: 201)
    }

    private func createTrigger(_ request: SandboxRequest, app: AppServicesStore.App) -> SandboxResponse {
        guard let body = JSON.parse(request.body), let name = body["name"]?.stringValue,
            let type = body["type"]?.stringValue, let config = body["config"]
        else {
            return .appServicesError(400, "InvalidParameter", "a trigger requires name, type and config")
        }
        guard type == "SCHEDULED" else {
            return .appServicesError(400, "InvalidParameter", "the sandbox supports only SCHEDULED triggers")
        }
        guard let schedule = config["schedule"]?.stringValue, schedule.split(separator: " ").count == 5 else {
            return .appServicesError(400, "InvalidParameter", "config.schedule must be a 5-field cron expression")
        }
        let functionID = body["function_id"]?.stringValue
            ?? body["event_processors"]?["FUNCTION"]?["config"]?["function_id"]?.stringValue
        guard let functionID, let function = app.functions.first(where: { $0.id == functionID }) else {
            return .appServicesError(400, "InvalidParameter", "function_id must name a function of this app")
        }
        let trigger: JSON = [
            "_id": .string(AppServicesStore.objectID()),
            "name": .string(name),
            "type": "SCHEDULED",
            "function_id": .string(function.id),
            "function_name": .string(function.name),
            // The App Services Admin API's trigger response: the backend copies the function into the processor.
            "event_processors": ["FUNCTION": ["config": ["function_id": .string(function.id), "function_name": .string(function.name)]]],
            "disabled": .bool(body["disabled"]?.boolValue ?? false),
            "config": ["schedule": .string(schedule), "skip_catchup_events": .bool(config["skip_catchup_events"]?.boolValue ?? false)],
        ]
        let created: Bool? = apps.update(app.id, projectID: app.projectID) { app in
            guard !app.triggers.contains(where: { $0["name"]?.stringValue == name }) else { return false }
            app.triggers.append(trigger)
            return true
        }
        guard created == true else {
            return .appServicesError(409, "TriggerDuplicateName", "a trigger named '\(name)' already exists")
        }
        return .json(trigger, status: 201)
    }
}
