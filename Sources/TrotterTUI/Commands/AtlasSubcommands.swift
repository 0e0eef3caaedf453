import ArgumentParser
import DashboardModel
import TrotterSupport

struct AtlasProjects: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "projects", abstract: "List the projects the credentials can see.")
    @OptionGroup var output: AtlasOutputOptions

    func run() async throws {
        try await AtlasCLI.run(options: output) { atlas in
            let projects = try await atlas.projects()
            return AtlasTable(columns: ["id", "name", "orgId", "clusterCount"], rows: projects.map {
                [JSONValue($0.id), JSONValue($0.name), JSONValue($0.orgId), JSONValue($0.clusterCount)]
            })
        }
    }
}

struct AtlasClusters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clusters", abstract: "List a project's clusters.")
    @OptionGroup var project: AtlasProjectOption
    @OptionGroup var output: AtlasOutputOptions

    func run() async throws {
        let id = try project.required()
        try await AtlasCLI.run(options: output) { atlas in
            let clusters = try await atlas.clusters(projectID: id)
            return AtlasTable(columns: ["name", "stateName", "clusterType", "mongoDBVersion", "paused", "diskSizeGB"],
                              rows: clusters.map {
                [JSONValue($0.name), JSONValue($0.stateName), JSONValue($0.clusterType), JSONValue($0.mongoDBVersion),
                 JSONValue($0.paused), JSONValue($0.diskSizeGB)]
            })
        }
    }
}

struct AtlasProcesses: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "processes", abstract: "List a project's processes.")
    @OptionGroup var project: AtlasProjectOption
    @OptionGroup var output: AtlasOutputOptions

    func run() async throws {
        let id = try project.required()
        try await AtlasCLI.run(options: output) { atlas in
            let processes = try await atlas.processes(projectID: id)
            return AtlasTable(columns: ["id", "typeName", "userAlias", "replicaSetName"], rows: processes.map {
                [JSONValue($0.id), JSONValue($0.typeName), JSONValue($0.userAlias), JSONValue($0.replicaSetName)]
            })
        }
    }
}

struct AtlasDisks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disks", abstract: "Disk partitions of every process in a project, with free and used bytes.")
    @OptionGroup var project: AtlasProjectOption
    @OptionGroup var output: AtlasOutputOptions

    func run() async throws {
        let id = try project.required()
        try await AtlasCLI.run(options: output) { atlas in
            var rows: [[JSONValue]] = []
            for process in try await atlas.processes(projectID: id) {
                for disk in try await atlas.disks(projectID: id, processID: process.id) {
                    let m = try await atlas.diskMeasurements(projectID: id, processID: process.id, partition: disk.partitionName)
                    rows.append([JSONValue(process.id), JSONValue(disk.partitionName),
                                 JSONValue(m.measurement("DISK_PARTITION_SPACE_FREE")?.latestValue),
                                 JSONValue(m.measurement("DISK_PARTITION_SPACE_USED")?.latestValue),
                                 JSONValue(m.measurement("DISK_PARTITION_SPACE_PERCENT_FREE")?.latestValue)])
                }
            }
            // Keys: the API's own names (the partition's `partitionName`, the measurements' metric names).
            return AtlasTable(columns: ["processId", "partitionName", "DISK_PARTITION_SPACE_FREE",
                                        "DISK_PARTITION_SPACE_USED", "DISK_PARTITION_SPACE_PERCENT_FREE"], rows: rows)
        }
    }
}
