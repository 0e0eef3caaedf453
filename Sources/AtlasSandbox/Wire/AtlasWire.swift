import Foundation

/// Atlas Admin API v2 resource bodies, with the field names of the published OpenAPI description
/// (`Group`, `ClusterDescription20240805` and its older shape, `ApiHostView_Atlas`, `MesurementsDatabase`,
/// `MeasurementDiskPartition`, `ApiMeasurementsGeneralView_Atlas`).
enum AtlasWire {
    /// `2024-05-01T12:00:00Z`. Formatted by hand: a Foundation ISO 8601 formatter is built per call and
    /// cost more than the rest of a measurements response.
    static func date(_ date: Date) -> JSON {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
        return .string("\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z")
    }

    static func selfLink(_ origin: String, _ path: String) -> JSON {
        [["href": .string(origin + "/api/atlas/v2" + path), "rel": "self"]]
    }

    static func group(_ project: ProjectSpec, orgID: String, origin: String) -> JSON {
        [
            "clusterCount": .int(Int64(project.clusters.count)),
            "created": date(project.created),
            "id": .string(project.id),
            "links": selfLink(origin, "/groups/\(project.id)"),
            "name": .string(project.name),
            "orgId": .string(orgID),
            "regionUsageRestrictions": "COMMERCIAL_FEDRAMP_REGIONS_ONLY",
            "tags": [],
            "withDefaultAlertsSettings": true,
        ]
    }

    /// A cluster in the requested resource version: `2024-08-05` puts the disk size in each region config's
    /// hardware specs; the 2023 versions carry a top-level `diskSizeGB`.
    static func cluster(_ cluster: ClusterSpec, diskSizeGB: Double, version: String, origin: String) -> JSON {
        let newShape = version >= "2024-08-05"
        var electable: [(String, JSON)] = [("instanceSize", .string(cluster.instanceSize)), ("nodeCount", 3)]
        if newShape {
            electable += [("diskSizeGB", .double(diskSizeGB)), ("diskIOPS", 3000), ("ebsVolumeType", "STANDARD")]
        }
        let region: JSON = [
            "electableSpecs": .object(electable),
            "priority": 7,
            "providerName": "AWS",
            "regionName": .string(cluster.regionName),
        ]
        var spec: [(String, JSON)] = [("id", .string(cluster.id.prefix(16) + "aaaaaaaa")), ("regionConfigs", [region])]
        if newShape {
            spec.append(("zoneId", .string(cluster.id.prefix(16) + "bbbbbbbb")))
        } else {
            spec.append(("numShards", 1))
        }
        spec.append(("zoneName", "Zone 1"))
        var members: [(String, JSON)] = [
            ("backupEnabled", true),
            ("clusterType", "REPLICASET"),
            ("connectionStrings", [
                "standard": .string("mongodb://" + cluster.processes.map { "\($0.userAlias):\($0.port)" }.joined(separator: ",")),
                "standardSrv": .string("mongodb+srv://\(cluster.name.lowercased()).\(cluster.hostSuffix).mongodb.net"),
            ]),
            ("createDate", date(cluster.created)),
        ]
        if !newShape { members.append(("diskSizeGB", .double(diskSizeGB))) }
        members += [
            ("groupId", .string(cluster.projectID)),
            ("id", .string(cluster.id)),
            ("links", selfLink(origin, "/groups/\(cluster.projectID)/clusters/\(cluster.name)")),
            ("mongoDBMajorVersion", .string(String(cluster.mongoDBVersion.split(separator: ".").prefix(2).joined(separator: ".")))),
            ("mongoDBVersion", .string(cluster.mongoDBVersion)),
            ("name", .string(cluster.name)),
            ("paused", .bool(cluster.paused)),
            ("pitEnabled", false),
            ("replicationSpecs", [.object(spec)]),
            ("stateName", .string(cluster.stateName)),
        ]
        return .object(members)
    }

    static func process(_ process: ProcessSpec, cluster: ClusterSpec, origin: String) -> JSON {
        [
            "created": date(cluster.created),
            "groupId": .string(cluster.projectID),
            "hostname": .string(process.hostname),
            "id": .string(process.id),
            "lastPing": date(Date()),
            "links": selfLink(origin, "/groups/\(cluster.projectID)/processes/\(process.id)"),
            "port": .int(Int64(process.port)),
            "replicaSetName": .string(process.replicaSetName),
            "typeName": .string(process.typeName),
            "userAlias": .string(process.userAlias),
            "version": .string(cluster.mongoDBVersion),
        ]
    }

    static func database(_ name: String, path: String, origin: String) -> JSON {
        ["databaseName": .string(name), "links": selfLink(origin, path + "/" + name)]
    }

    static func partition(_ name: String, path: String, origin: String) -> JSON {
        ["links": selfLink(origin, path + "/" + name), "partitionName": .string(name)]
    }
}
