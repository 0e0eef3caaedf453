import ArgumentParser
import DashboardModel
import Foundation

struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sweep every onboarded project now and wait for it to end.")

    func run() async throws {
        if let remote = RemoteCommands.manager() { return try await RemoteCommands.sweep(remote) }
        let boot = try await ManagerBootstrap.open()
        do {
            let runID = try await boot.manager.sweepNow()
            let state = try await boot.manager.engine.waitForEnd(runID: runID)
            let failed = state.allJobs.filter { $0.status == .failed || $0.status == .timedOut }
            let projects = await boot.manager.currentSnapshot().projects
            await boot.close()
            print("sweep \(runID): \(state.status.rawValue), \(state.allJobs.count - failed.count - 1) of \(state.allJobs.count - 1) projects collected")
            for p in projects where p.lastError != nil { print("  \(p.name) (\(p.id)): \(p.lastError ?? "")") }
            if state.status != .succeeded { throw ExitCode(1) }
        } catch let e as ExitCode {
            throw e
        } catch {
            await boot.close()
            Self.fail(error)
        }
    }
}

struct Namespaces: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every db.collection of every cluster of every onboarded project.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(help: "Sort column: project, cluster, namespace, count, size, storage, free, free%, indexes, growth.")
    var sort = "free"
    @Flag(help: "Reverse the sort order.") var reverse = false
    @Option(help: "Case-insensitive substring over project, cluster, database and collection; a leading ! inverts.")
    var filter = ""
    @Option(help: "Only the first N rows.") var top: Int?
    @Flag(help: "Print a JSON array.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        guard NamespaceColumn(argument: sort) != nil else {
            throw ValidationError("Unknown sort column '\(sort)'. Use one of: project, cluster, namespace, count, size, storage, free, free%, indexes, growth.")
        }
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
        if let top, top < 0 { throw ValidationError("--top takes a positive number.") }
    }

    func run() async throws {
        let column = NamespaceColumn(argument: sort) ?? .freeStorageSize
        let query = NamespaceQuery(filter: filter, sort: column, descending: reverse ? !column.descendingByDefault : nil, limit: top)
        let rows = try await RemoteCommands.namespaces(query)
        if json {
            try printJSON(rows.map(NamespaceJSON.init))
        } else if csv {
            print("project,cluster,db,collection,count,size,storageSize,freeStorageSize,totalIndexSize,growthPerHour")
            for n in rows {
                let fields = [n.projectName, n.cluster, n.db, n.collection, String(n.count), String(n.size), String(n.storageSize),
                              String(n.freeStorageSize), String(n.totalIndexSize), n.growthPerHour.map { String(Int64($0.rounded())) } ?? ""]
                print(fields.map(csvField).joined(separator: ","))
            }
        } else {
            let thresholds = Thresholds()
            print(TextTable.render(
                header: ["PROJECT", "CLUSTER", "NAMESPACE", "DOCS", "DATA", "STORAGE", "FREE", "FREE%", "INDEXES", "GROWTH", ""],
                rows: rows.map { n in
                    [n.projectName, n.cluster, n.namespace, String(n.count), ByteText.format(n.size), ByteText.format(n.storageSize),
                     ByteText.format(n.freeStorageSize), "\(Int((n.freeFraction * 100).rounded()))%", ByteText.format(n.totalIndexSize),
                     ByteText.rate(n.growthPerHour), thresholds.isCompactCandidate(n) ? "compact?" : ""]
                }, rightAligned: [3, 4, 5, 6, 7, 8, 9]))
        }
    }

    /// The issue's JSON field names.
    struct NamespaceJSON: Encodable {
        var project: String, cluster: String, db: String, collection: String
        var count: Int64, size: Int64, storageSize: Int64, freeStorageSize: Int64, totalIndexSize: Int64
        var growthPerHour: Double?
        init(_ n: NamespaceStats) {
            project = n.projectName; cluster = n.cluster; db = n.db; collection = n.collection; count = n.count
            size = n.size; storageSize = n.storageSize; freeStorageSize = n.freeStorageSize
            totalIndexSize = n.totalIndexSize; growthPerHour = n.growthPerHour
        }
        func encode(to encoder: any Encoder) throws {
            enum K: String, CodingKey { case project, cluster, db, collection, count, size, storageSize, freeStorageSize, totalIndexSize, growthPerHour }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(project, forKey: .project); try c.encode(cluster, forKey: .cluster)
            try c.encode(db, forKey: .db); try c.encode(collection, forKey: .collection)
            try c.encode(count, forKey: .count); try c.encode(size, forKey: .size)
            try c.encode(storageSize, forKey: .storageSize); try c.encode(freeStorageSize, forKey: .freeStorageSize)
            try c.encode(totalIndexSize, forKey: .totalIndexSize)
            try c.encode(growthPerHour, forKey: .growthPerHour) // null until two samples exist
        }
    }
}

func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

struct FreeSpace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freespace",
        abstract: "Reusable free storage per organisation, project and cluster, disks, and the top compact candidates.")

    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let free = try await RemoteCommands.freeSpace()
        let rollup = free.rollup
        if json {
            struct Out: Encodable {
                var organisation: FreeSpaceRollup.Total
                var projects: [FreeSpaceRollup.Total]
                var clusters: [ClusterJSON]
                var compactCandidates: [Namespaces.NamespaceJSON]
            }
            try printJSON(Out(organisation: rollup.organisation, projects: rollup.projects, clusters: free.clusters.map(ClusterJSON.init),
                              compactCandidates: rollup.topCandidates.map(Namespaces.NamespaceJSON.init)))
            return
        }
        let o = rollup.organisation
        print("Organisation: \(ByteText.format(o.freeStorageSize)) reusable of \(ByteText.format(o.storageSize)) storage in \(o.namespaces) namespaces; \(o.compactCandidates) compact candidate(s)\n")
        print(TextTable.render(header: ["PROJECT", "CLUSTER", "DISK USED", "DISK FREE", "FREE%", "FULL IN", "REUSABLE"],
                               rows: free.clusters.map { d in
                                   [d.projectName, d.cluster, ByteText.format(d.diskUsedBytes), ByteText.format(d.diskFreeBytes),
                                    "\(Int((d.freeFraction * 100).rounded()))%", DiskForecast.format(d.fullInSeconds),
                                    ByteText.format(d.reusableFreeBytes)]
                               }, rightAligned: [2, 3, 4, 5, 6]))
        if !rollup.topCandidates.isEmpty {
            print("\nCompact candidates (reusable ≥ 30% of storage and ≥ 1 GiB):")
            print(TextTable.render(header: ["PROJECT", "CLUSTER", "NAMESPACE", "STORAGE", "REUSABLE", "FREE%"],
                                   rows: rollup.topCandidates.map { n in
                                       [n.projectName, n.cluster, n.namespace, ByteText.format(n.storageSize),
                                        ByteText.format(n.freeStorageSize), "\(Int((n.freeFraction * 100).rounded()))%"]
                                   }, rightAligned: [3, 4, 5]))
        }
    }
}

/// A cluster in `freespace --json`: `fullInSeconds` is always present (null when the disk is not filling or
/// has too few samples), unlike an omitted optional.
struct ClusterJSON: Encodable {
    let disk: ClusterDisk

    init(_ disk: ClusterDisk) { self.disk = disk }

    enum Keys: String, CodingKey { case fullInSeconds }

    func encode(to encoder: any Encoder) throws {
        try disk.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(disk.fullInSeconds, forKey: .fullInSeconds)
    }
}
