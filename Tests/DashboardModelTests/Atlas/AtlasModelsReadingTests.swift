import Foundation
import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import TrotterSupport

/// The byte readers of the Atlas responses a sweep reads agree with `JSONDecoder` on the published shapes,
/// skip what they do not know, and refuse what the decoder refuses.
@Suite struct AtlasModelsReadingTests {
    static let processes = #"""
        {"links": [{"href": "https://cloud.mongodb.com/api/atlas/v2/groups/x/processes?pageNum=1", "rel": "self"},
                   {"href": "https://cloud.mongodb.com/api/atlas/v2/groups/x/processes?pageNum=2", "rel": "next"}],
         "results": [
          {"created": "2026-01-01T00:00:00Z", "groupId": "32b6e34b3d91647abb20e7b8",
           "hostname": "atlas-abc-shard-00-00.x1.mongodb.net", "id": "atlas-abc-shard-00-00.x1.mongodb.net:27017",
           "lastPing": "2026-11-23T10:00:00Z", "links": [{"href": "h", "rel": "self"}], "port": 27017,
           "replicaSetName": "atlas-abc-shard-0", "typeName": "REPLICA_PRIMARY",
           "userAlias": "cluster0-shard-00-00.x1.mongodb.net", "version": "8.0.4"},
          {"hostname": "h2", "id": "h2:27017", "port": 27017, "typeName": "REPLICA_SECONDARY", "replicaSetName": null}],
         "totalCount": 2}
        """#

    static let disks = #"""
        {"links": [], "results": [{"partitionName": "data", "links": []}, {"partitionName": "journal"}], "totalCount": 2}
        """#

    static let measurements = #"""
        {"end": "2026-11-23T10:10:00Z", "granularity": "PT1M", "groupId": "32b6e34b3d91647abb20e7b8",
         "hostId": "h:27017", "links": [{"href": "h", "rel": "self"}],
         "measurements": [
          {"dataPoints": [{"timestamp": "2026-11-23T10:08:00Z", "value": 1.5E10},
                          {"timestamp": "2026-11-23T10:09:00Z", "value": null},
                          {"timestamp": "2026-11-23T10:10:00Z", "value": 15000000000}],
           "name": "DISK_PARTITION_SPACE_FREE", "units": "BYTES"},
          {"dataPoints": [], "name": "DISK_PARTITION_SPACE_USED", "units": "BYTES"}],
         "partitionName": "data", "processId": "h:27017", "start": "2026-11-23T10:00:00Z"}
        """#

    func both<T: Decodable & ByteDecodable & Equatable>(_ type: T.Type, _ json: String) throws -> (T, T) {
        (try JSONDecoder().decode(T.self, from: Data(json.utf8)), try T.decode(Array(json.utf8)))
    }

    @Test func agreesWithTheDecoder() throws {
        let (m1, m2) = try both(AtlasMeasurements.self, Self.measurements)
        #expect(m1 == m2)
        #expect(m2.measurement("DISK_PARTITION_SPACE_FREE")?.dataPoints.map(\.value) == [1.5e10, nil, 1.5e10])
        #expect(m2.measurement("DISK_PARTITION_SPACE_FREE")?.latestValue == 1.5e10)
        #expect(m2.partitionName == "data" && m2.granularity == "PT1M")

        let pages = try Self.pages(AtlasProcess.self, Self.processes)
        #expect(pages.0.results == pages.1.results)
        #expect(pages.1.results.first?.userAlias == "cluster0-shard-00-00.x1.mongodb.net")
        #expect(pages.1.hasNextLink && pages.1.totalCount == 2)
        #expect(pages.0.links?.map(\.rel) == pages.1.links?.map(\.rel))

        let parts = try Self.pages(AtlasDiskPartition.self, Self.disks)
        #expect(parts.1.results.map(\.partitionName) == ["data", "journal"])
        #expect(parts.1.links?.isEmpty == true && !parts.1.hasNextLink)
    }

    static func pages<T: Decodable & Sendable & ByteDecodable>(_: T.Type, _ json: String) throws -> (AtlasPage<T>, AtlasPage<T>) {
        (try JSONDecoder().decode(AtlasPage<T>.self, from: Data(json.utf8)), try AtlasPage<T>.decode(Array(json.utf8)))
    }

    @Test func refusesWhatTheDecoderRefuses() {
        let bad = [
            #"{"results": [{"links": []}]}"#,                       // a partition without its name
            #"{"links": []}"#,                                      // no results
            #"{"results": [{"partitionName": "data"}]} trailing"#,  // data after the document
            #"{"results": [{"partitionName": "data"}"#,              // cut off
        ]
        for json in bad {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(AtlasPage<AtlasDiskPartition>.self, from: Data(json.utf8)) }
            #expect(throws: (any Error).self, "\(json)") { try AtlasPage<AtlasDiskPartition>.decode(Array(json.utf8)) }
        }
        #expect(throws: (any Error).self) { try AtlasMeasurements.decode(Array(#"{"measurements": [{"name": "X"}]}"#.utf8)) }
        #expect(throws: (any Error).self) { try AtlasMeasurements.decode(Array(#"{"granularity": "PT1M"}"#.utf8)) }
        #expect(throws: (any Error).self) { try AtlasProcess.decode(Array(#"{"id": "a", "hostname": "h", "typeName": "T"}"#.utf8)) }
    }
}
