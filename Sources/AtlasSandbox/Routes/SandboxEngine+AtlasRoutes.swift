import Foundation

extension SandboxEngine {
    /// `/api/atlas/v2/…`: authenticate, rate-limit, negotiate the version, then serve the resource.
    func handleAtlas(_ request: SandboxRequest, _ rest: [String]) -> SandboxResponse {
        let principal: Principal
        switch authenticateAtlas(request) {
        case .success(let p): principal = p
        case .failure(let failure): return failure.response
        }
        if let refusal = rateLimit(request) { return refusal }
        guard request.method == "GET" else {
            return .atlasError(405, "METHOD_NOT_ALLOWED", "The sandbox serves only GET on \(request.path).")
        }
        let known = rest.count == 3 && rest[0] == "groups" && rest[2] == "clusters"
            ? AtlasMediaType.clusterVersions : AtlasMediaType.standardVersions
        guard let version = AtlasMediaType.negotiate(accept: request.headers["accept"] ?? [], known: known) else {
            return .atlasError(406, "INVALID_VERSION_DATE", "Invalid accept header or version date.")
        }
        let result: Result<JSON, RouteError>
        switch rest.count {
        case 1 where rest[0] == "groups":
            result = listGroups(request, principal: principal, orgID: nil)
        case 3 where rest[0] == "orgs" && rest[2] == "groups":
            result = listGroups(request, principal: principal, orgID: rest[1])
        default:
            guard rest.count >= 2, rest[0] == "groups" else { result = .failure(.notFound(request.path)); break }
            result = projectResource(request, principal: principal, projectID: rest[1], rest: Array(rest.dropFirst(2)),
                                     version: version)
        }
        switch result {
        case .success(let body): return .json(body, contentType: AtlasMediaType.contentType(version))
        case .failure(let error): return error.response(self, principal: principal)
        }
    }

    private func listGroups(_ request: SandboxRequest, principal: Principal, orgID: String?) -> Result<JSON, RouteError> {
        if let orgID {
            guard orgID == catalog.orgID else { return .failure(.atlas(404, "ORG_NOT_FOUND", "No organization with ID \(orgID) exists.", [orgID])) }
            guard principal.isOrganisation else { return .failure(.forbidden(orgID)) }
        }
        let paging: Paging
        do { paging = try Paging(request) } catch { return .failure(.paging(error)) }
        let visible = catalog.projects.filter { principal.canAccess(projectID: $0.id) && membership.isPresent($0.id) }
        let items = visible.map { AtlasWire.group($0, orgID: catalog.orgID, origin: request.origin) }
        return .success(paging.envelope(items, request: request))
    }

    private func projectResource(
        _ request: SandboxRequest, principal: Principal, projectID: String, rest: [String], version: String
    ) -> Result<JSON, RouteError> {
        guard projectID.count == 24, projectID.allSatisfy(\.isHexDigit) else {
            return .failure(.atlas(400, "INVALID_GROUP_ID", "An invalid group ID \(projectID) was specified.", [projectID]))
        }
        guard let project = project(id: projectID) else {
            // Atlas answers an unknown project as unauthorised for a key that cannot see it.
            if !principal.isOrganisation { return .failure(.forbidden(projectID)) }
            return .failure(.atlas(404, "GROUP_NOT_FOUND", "No group with ID \(projectID) exists.", [projectID]))
        }
        guard principal.canAccess(projectID: projectID) else { return .failure(.forbidden(projectID)) }
        let paging: Paging
        do { paging = try Paging(request) } catch { return .failure(.paging(error)) }
        let origin = request.origin
        switch rest.count {
        case 0:
            return .success(AtlasWire.group(project, orgID: catalog.orgID, origin: origin))
        case 1 where rest[0] == "clusters":
            let items = project.clusters.map { cluster in
                AtlasWire.cluster(cluster, diskSizeGB: data(for: cluster).diskSizeBytes / CollectionGenerator.gib,
                                  version: version, origin: origin)
            }
            return .success(paging.envelope(items, request: request))
        case 1 where rest[0] == "processes":
            let items = project.clusters.flatMap { cluster in
                cluster.processes.map { AtlasWire.process($0, cluster: cluster, origin: origin) }
            }
            return .success(paging.envelope(items, request: request))
        case 3... where rest[0] == "processes":
            guard let cluster = catalog.cluster(processID: rest[1], projectID: projectID) else {
                return .failure(.atlas(404, "PROCESS_NOT_FOUND", "No process with ID \(rest[1]) exists in group \(projectID).", [rest[1], projectID]))
            }
            return processResource(request, cluster: cluster, processID: rest[1], rest: Array(rest.dropFirst(2)),
                                   paging: paging)
        default:
            return .failure(.notFound(request.path))
        }
    }

    private func processResource(
        _ request: SandboxRequest, cluster: ClusterSpec, processID: String, rest: [String], paging: Paging
    ) -> Result<JSON, RouteError> {
        let current = data(for: cluster)
        let path = "/groups/\(cluster.projectID)/processes/\(processID)"
        let origin = request.origin
        switch (rest.count, rest.first) {
        case (1, "databases"):
            // The system databases are listed too, as Atlas does; the worker skips them.
            let names = current.databaseNames + ["admin", "config", "local"]
            let items = names.map { AtlasWire.database($0, path: path + "/databases", origin: origin) }
            return .success(paging.envelope(items, request: request))
        case (1, "disks"):
            return .success(paging.envelope([AtlasWire.partition("data", path: path + "/disks", origin: origin)],
                                            request: request))
        case (3, "disks") where rest[2] == "measurements":
            guard rest[1] == "data" else {
                return .failure(.atlas(404, "INVALID_DISK_PARTITION", "No disk partition \(rest[1]) on process \(processID).", [rest[1]]))
            }
            return Measurements.disk(request, cluster: cluster, data: current, processID: processID, origin: origin)
        case (3, "databases") where rest[2] == "measurements":
            guard current.databaseNames.contains(rest[1]) || ["admin", "config", "local"].contains(rest[1]) else {
                return .failure(.atlas(404, "DATABASE_NOT_FOUND", "No database \(rest[1]) on process \(processID).", [rest[1]]))
            }
            return Measurements.database(request, cluster: cluster, data: current, processID: processID,
                                         database: rest[1], origin: origin)
        default:
            return .failure(.notFound(request.path))
        }
    }

    /// The cluster's data now, advancing it on demand.
    func data(for cluster: ClusterSpec) -> ClusterData { data.data(for: cluster) }
}

/// A route's refusal, rendered as an Atlas error body.
enum RouteError: Error {
    case atlas(Int, String, String, [String])
    case notFound(String)
    case forbidden(String)
    case paging(Paging.Failure)

    func response(_ engine: SandboxEngine, principal: Principal) -> SandboxResponse {
        switch self {
        case .atlas(let status, let code, let detail, let parameters):
            return .atlasError(status, code, detail, parameters: parameters)
        case .notFound(let path):
            return .atlasError(404, "RESOURCE_NOT_FOUND", "Cannot find resource \(path).")
        case .forbidden(let projectID):
            return engine.forbidden(principal, projectID: projectID)
        case .paging(.invalid(let parameter, let value)):
            return .atlasError(400, "INVALID_QUERY_PARAMETER",
                               "Invalid value \(value) for query parameter \(parameter).", parameters: [parameter, value])
        }
    }
}
