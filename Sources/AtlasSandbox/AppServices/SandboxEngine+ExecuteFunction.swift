import Foundation

extension SandboxEngine {
    /// `POST …/debug/execute_function` → `{result, error, stats: {execution_time}}`.
    ///
    /// The sandbox cannot run JavaScript: it answers for the worker's functions by name, from its synthetic
    /// data, and only when the function exists in the app, as App Services would.
    func executeFunction(_ request: SandboxRequest, project: ProjectSpec, app: AppServicesStore.App) -> SandboxResponse {
        let started = Date()
        guard let body = JSON.parse(request.body), let name = body["name"]?.stringValue else {
            return .appServicesError(400, "InvalidParameter", "expected a JSON body with the function name")
        }
        guard let function = app.functions.first(where: { $0.name == name }) else {
            return .appServicesError(404, "FunctionNotFound", "function not found: '\(name)'")
        }
        let asSystem = request.queryValue("run_as_system") == "true" || function.runAsSystem
        var arguments: [JSON] = []
        if case .array(let items)? = body["arguments"] { arguments = items }
        let result: JSON
        var error: JSON = .null
        switch name {
        case "globetrotterRead":
            let unreadable = faults.fault(for: project.id) == .clusterUnreadable
            let sources = app.services.compactMap { service -> WorkerResult.Source? in
                guard let cluster = project.cluster(named: service.clusterName) else { return nil }
                // $collStats works only in system functions; a user-context call reports it per cluster.
                let problem = !asSystem ? "$collStats is only allowed when the function runs as system"
                    : unreadable ? "(Unauthorized) not authorized on \(cluster.name) to execute command (sandbox fault)" : nil
                return WorkerResult.Source(dataSource: service.name, cluster: cluster,
                                           data: problem == nil ? data(for: cluster) : nil, error: problem)
            }
            result = WorkerResult.page(sources: sources, arguments: WorkerResult.Arguments(arguments),
                                       collectedAt: collectedAt)
        case "globetrotterCollect":
            // Collection is instantaneous here: the synthetic data is always "collected".
            result = ["ok": true, "clusters": ExtendedJSON.int(app.services.count),
                      "collectedAt": AtlasWire.date(collectedAt)]
        default:
            result = .null
            error = ["message": .string("the sandbox cannot execute '\(name)': only the worker's functions are emulated"),
                     "name": "SandboxUnsupportedFunction"]
        }
        let elapsed = Date().timeIntervalSince(started) * 1000
        return .json([
            "error": error,
            "logs": .null,
            "result": result,
            "stats": ["execution_time": .string(String(format: "%.3fms", elapsed))],
        ])
    }
}
