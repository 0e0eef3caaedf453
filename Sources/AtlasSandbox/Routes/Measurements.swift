import Foundation

/// Disk-partition and database measurements (`ApiMeasurementsGeneralView_Atlas`) derived from the data model.
enum Measurements {
    static let granularities: [String: TimeInterval] = ["PT10S": 10, "PT1M": 60, "PT5M": 300, "PT1H": 3600, "P1D": 86_400]

    /// Parses the ISO 8601 durations Atlas accepts for `period` (`P1D`, `PT1H`, `P2DT12H`, `PT30M`…).
    static func duration(_ text: String) -> TimeInterval? {
        var rest = Substring(text.uppercased())
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total: TimeInterval = 0, number = "", inTime = false, sawUnit = false
        for c in rest {
            switch c {
            case "T": inTime = true
            case "0"..."9", ".": number.append(c)
            default:
                guard let value = Double(number) else { return nil }
                number = ""
                sawUnit = true
                switch (c, inTime) {
                case ("W", false): total += value * 604_800
                case ("D", false): total += value * 86_400
                case ("H", true): total += value * 3600
                case ("M", true): total += value * 60
                case ("S", true): total += value
                default: return nil
                }
            }
        }
        return sawUnit && number.isEmpty ? total : nil
    }

    struct Window {
        let granularity: String
        let step: TimeInterval
        let start: Date
        let end: Date
    }

    static func window(_ request: SandboxRequest) -> Result<Window, RouteError> {
        guard let granularity = request.queryValue("granularity"), let step = granularities[granularity] else {
            let value = request.queryValue("granularity") ?? ""
            return .failure(.atlas(400, "INVALID_QUERY_PARAMETER",
                                   "Invalid or missing granularity \(value); use PT10S, PT1M, PT5M, PT1H or P1D.",
                                   ["granularity", value]))
        }
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / step).rounded(.down) * step)
        if let period = request.queryValue("period") {
            guard let length = duration(period), length >= step else {
                return .failure(.atlas(400, "INVALID_QUERY_PARAMETER", "Invalid period \(period).", ["period", period]))
            }
            return .success(Window(granularity: granularity, step: step, start: end - length, end: end))
        }
        let formatter = ISO8601DateFormatter()
        if let s = request.queryValue("start").flatMap(formatter.date(from:)),
            let e = request.queryValue("end").flatMap(formatter.date(from:)), e > s {
            return .success(Window(granularity: granularity, step: step, start: s, end: e))
        }
        return .failure(.atlas(400, "INVALID_QUERY_PARAMETER", "Give either period or both start and end.", ["period"]))
    }

    /// Points from `start` to `end` (at most 1 000); the last one is the current value, earlier ones trail
    /// off a little, deterministically, so charts have a shape.
    static func points(_ window: Window, current: Double, wobble: Double, units: String) -> JSON {
        let count = max(1, min(1_000, Int((window.end.timeIntervalSince(window.start) / window.step).rounded(.down))))
        var rng = SplitMix64(seed: current.bitPattern ^ UInt64(count))
        let items: [JSON] = (0..<count).map { i in
            let age = Double(count - 1 - i)
            let value = i == count - 1 ? current : max(0, current * (1 - wobble * age / Double(count)) * rng.uniform(0.995...1.005))
            let rounded: JSON = units == "PERCENT" ? .double((value * 1000).rounded() / 1000) : .double(value.rounded())
            return ["timestamp": AtlasWire.date(window.end - age * window.step), "value": rounded]
        }
        return .array(items)
    }

    static func measurement(_ name: String, units: String, _ points: JSON) -> JSON {
        ["dataPoints": points, "name": .string(name), "units": .string(units)]
    }

    static func disk(_ request: SandboxRequest, cluster: ClusterSpec, data: ClusterData, processID: String,
                     origin: String) -> Result<JSON, RouteError> {
        let window: Window
        switch Measurements.window(request) { case .success(let w): window = w; case .failure(let e): return .failure(e) }
        let free = data.freeBytes, used = data.usedBytes, total = data.diskSizeBytes
        let all: [(String, String, Double, Double)] = [
            ("DISK_PARTITION_SPACE_FREE", "BYTES", free, -0.02),
            ("DISK_PARTITION_SPACE_USED", "BYTES", used, 0.02),
            ("DISK_PARTITION_SPACE_PERCENT_FREE", "PERCENT", free / total * 100, -0.02),
            ("DISK_PARTITION_SPACE_PERCENT_USED", "PERCENT", used / total * 100, 0.02),
        ]
        let wanted = request.queryValues("m")
        let chosen = all.filter { wanted.isEmpty || wanted.contains($0.0) }
        let path = "/groups/\(cluster.projectID)/processes/\(processID)/disks/data/measurements"
        return .success([
            "end": AtlasWire.date(window.end),
            "granularity": .string(window.granularity),
            "groupId": .string(cluster.projectID),
            "hostId": .string(processID),
            "links": AtlasWire.selfLink(origin, path),
            "measurements": .array(chosen.map { measurement($0.0, units: $0.1, points(window, current: $0.2, wobble: $0.3, units: $0.1)) }),
            "partitionName": "data",
            "processId": .string(processID),
            "start": AtlasWire.date(window.start),
        ])
    }

    static func database(_ request: SandboxRequest, cluster: ClusterSpec, data: ClusterData, processID: String,
                         database: String, origin: String) -> Result<JSON, RouteError> {
        let window: Window
        switch Measurements.window(request) { case .success(let w): window = w; case .failure(let e): return .failure(e) }
        let collections = data.collections.filter { $0.db == database }
        let dataSize = Double(collections.reduce(Int64(0)) { $0 + $1.size })
        let storage = Double(collections.reduce(Int64(0)) { $0 + $1.storageSize })
        let index = Double(collections.reduce(Int64(0)) { $0 + $1.totalIndexSize })
        let objects = Double(collections.reduce(Int64(0)) { $0 + $1.countValue })
        let all: [(String, String, Double)] = [
            ("DATABASE_AVERAGE_OBJECT_SIZE", "BYTES", objects > 0 ? dataSize / objects : 0),
            ("DATABASE_COLLECTION_COUNT", "SCALAR", Double(collections.count)),
            ("DATABASE_DATA_SIZE", "BYTES", dataSize),
            ("DATABASE_STORAGE_SIZE", "BYTES", storage),
            ("DATABASE_INDEX_SIZE", "BYTES", index),
            ("DATABASE_INDEX_COUNT", "SCALAR", Double(collections.reduce(0) { $0 + $1.nindexes })),
            ("DATABASE_OBJECT_COUNT", "SCALAR", objects),
        ]
        let wanted = request.queryValues("m")
        let chosen = all.filter { wanted.isEmpty || wanted.contains($0.0) }
        let path = "/groups/\(cluster.projectID)/processes/\(processID)/databases/\(database)/measurements"
        return .success([
            "databaseName": .string(database),
            "end": AtlasWire.date(window.end),
            "granularity": .string(window.granularity),
            "groupId": .string(cluster.projectID),
            "hostId": .string(processID),
            "links": AtlasWire.selfLink(origin, path),
            "measurements": .array(chosen.map { measurement($0.0, units: $0.1, points(window, current: $0.2, wobble: 0.01, units: $0.1)) }),
            "processId": .string(processID),
            "start": AtlasWire.date(window.start),
        ])
    }
}
