import TrotterSupport

/// The Atlas responses a sweep reads by the hundred, read straight from the bytes (see
/// `JSONBytesParser+Reading`): `JSONDecoder` was 3% of a sweep's CPU for three small documents per primary.
/// Required members are those the `Decodable` conformances require; unknown members are skipped.
extension AtlasMeasurements: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var m = AtlasMeasurements(measurements: [])
        var sawMeasurements = false
        try p.readObject { p, key in
            if key.is("measurements") {
                sawMeasurements = true
                try p.readArray { p in m.measurements.append(try Measurement(reading: &p)) }
            } else if key.is("granularity") { m.granularity = try p.readString()
            } else if key.is("start") { m.start = try p.readString()
            } else if key.is("end") { m.end = try p.readString()
            } else if key.is("groupId") { m.groupId = try p.readString()
            } else if key.is("processId") { m.processId = try p.readString()
            } else if key.is("partitionName") { m.partitionName = try p.readString()
            } else if key.is("databaseName") { m.databaseName = try p.readString()
            } else { try p.skipValue() }
        }
        guard sawMeasurements else { throw p.error("missing 'measurements'") }
        self = m
    }
}

extension AtlasMeasurements.Measurement: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var name: String?, units: String?, points: [AtlasMeasurements.DataPoint]?
        try p.readObject { p, key in
            if key.is("name") { name = try p.readString()
            } else if key.is("units") { units = try p.readString()
            } else if key.is("dataPoints") {
                var list: [AtlasMeasurements.DataPoint] = []
                try p.readArray { p in list.append(try AtlasMeasurements.DataPoint(reading: &p)) }
                points = list
            } else { try p.skipValue() }
        }
        guard let name, let points else { throw p.error("a measurement without 'name' or 'dataPoints'") }
        self.init(name: name, units: units, dataPoints: points)
    }
}

extension AtlasMeasurements.DataPoint: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var timestamp: String?, value: Double?
        try p.readObject { p, key in
            if key.is("timestamp") { timestamp = try p.readString()
            } else if key.is("value") { value = try p.readDouble()
            } else { try p.skipValue() }
        }
        guard let timestamp else { throw p.error("a data point without 'timestamp'") }
        self.init(timestamp: timestamp, value: value)
    }
}

extension AtlasDiskPartition: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var name: String?
        try p.readObject { p, key in
            if key.is("partitionName") { name = try p.readString() } else { try p.skipValue() }
        }
        guard let name else { throw p.error("a disk partition without 'partitionName'") }
        self.init(partitionName: name)
    }
}

extension AtlasProcess: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var id: String?, hostname: String?, port: Int64?, typeName: String?
        var replicaSetName: String?, userAlias: String?, groupId: String?, version: String?
        try p.readObject { p, key in
            if key.is("id") { id = try p.readString()
            } else if key.is("hostname") { hostname = try p.readString()
            } else if key.is("port") { port = try p.readInt64()
            } else if key.is("typeName") { typeName = try p.readString()
            } else if key.is("replicaSetName") { replicaSetName = try p.readString()
            } else if key.is("userAlias") { userAlias = try p.readString()
            } else if key.is("groupId") { groupId = try p.readString()
            } else if key.is("version") { version = try p.readString()
            } else { try p.skipValue() }
        }
        guard let id, let hostname, let port, let typeName else { throw p.error("a process without id, hostname, port or typeName") }
        self.init(id: id, hostname: hostname, port: Int(port), typeName: typeName, replicaSetName: replicaSetName,
                  userAlias: userAlias, groupId: groupId, version: version)
    }
}

extension AtlasPage: ByteDecodable where Item: ByteDecodable {
    package init(reading p: inout JSONBytesParser) throws {
        var links: [Link]?, results: [Item]?, totalCount: Int64?
        try p.readObject { p, key in
            if key.is("results") {
                var list: [Item] = []
                try p.readArray { p in list.append(try Item(reading: &p)) }
                results = list
            } else if key.is("links") {
                p.skipWhitespace()
                guard p.nextIsArray else { return try p.skipValue() }
                var list: [Link] = []
                try p.readArray { p in
                    var link = Link(href: nil, rel: nil)
                    try p.readObject { p, key in
                        if key.is("href") { link.href = try p.readString()
                        } else if key.is("rel") { link.rel = try p.readString()
                        } else { try p.skipValue() }
                    }
                    list.append(link)
                }
                links = list
            } else if key.is("totalCount") {
                totalCount = try p.readInt64()
            } else { try p.skipValue() }
        }
        guard let results else { throw p.error("missing 'results'") }
        self.init(links: links, results: results, totalCount: totalCount.map(Int.init))
    }
}
