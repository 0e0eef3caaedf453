import Foundation
import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import TrotterSupport

/// The worker page read straight from bytes: both number forms, members in any order, unknown members skipped,
/// dates in every form App Services may send, and a readable error for each missing part.
@Suite struct WorkerReadResultTests {
    static func decode(_ json: String) throws -> WorkerReadResult {
        try Array(json.utf8).withUnsafeBufferPointer { buffer in
            var p = JSONBytesParser(bytes: buffer)
            return try WorkerReadResult(reading: &p)
        }
    }

    static let canonical = #"""
        {"schema": {"$numberInt": "1"}, "collectedAt": {"$date": {"$numberLong": "1795428930123"}},
         "extra": {"nested": [1, {"a": "b\"c"}, null, true], "s": "x\\y"},
         "next": "shop.orders",
         "clusters": [
          {"dataSource": "mongodb-atlas-cluster0", "clusterName": "Cluster0", "error": null,
           "namespaces": [
            {"db": "shop", "collection": "orders", "type": "collection", "count": {"$numberLong": "25"},
             "size": {"$numberLong": "4096"}, "avgObjSize": {"$numberInt": "163"}, "storageSize": {"$numberLong": "8192"},
             "freeStorageSize": {"$numberLong": "3072"}, "totalIndexSize": {"$numberLong": "1024"},
             "nindexes": {"$numberInt": "2"}, "indexSizes": {"_id_": {"$numberLong": "512"}}},
            {"collection": "events", "d\u0062": "logs", "type": "timeseries", "count": {"$numberDouble": "7.0"},
             "size": {"$numberDouble": "1.5"}, "storageSize": "12", "freeStorageSize": null}]},
          {"namespaces": [], "dataSource": "mongodb-atlas-main", "error": "not authorized"}]}
        """#

    static let plain = #"""
        {"clusters": [
          {"dataSource": "mongodb-atlas-cluster0", "clusterName": "Cluster0",
           "namespaces": [
            {"nindexes": 2, "totalIndexSize": 1024, "freeStorageSize": 3072, "storageSize": 8192, "size": 4096,
             "count": 25, "type": "collection", "collection": "orders", "db": "shop"},
            {"db": "logs", "collection": "events", "type": "timeseries", "count": 7e0, "size": 1.5}]},
          {"dataSource": "mongodb-atlas-main", "error": "not authorized"}],
         "next": "shop.orders", "collectedAt": "2026-11-23T10:15:30.123Z", "schema": 1}
        """#

    @Test func extendedAndPlainJSONReadTheSame() throws {
        let a = try Self.decode(Self.canonical), b = try Self.decode(Self.plain)
        #expect(a == b)
        #expect(a.next == "shop.orders")
        #expect(a.collectedAt == Date(timeIntervalSince1970: 1_795_428_930.123))
        #expect(a.clusters.map(\.clusterName) == ["Cluster0", "mongodb-atlas-main"], "clusterName defaults to the data source")
        #expect(a.clusters[1].error == "not authorized" && a.clusters[1].namespaces.isEmpty)
        let orders = try #require(a.clusters.first?.namespaces.first)
        #expect(orders == .init(db: "shop", collection: "orders", type: "collection", count: 25, size: 4096, storageSize: 8192,
                                freeStorageSize: 3072, totalIndexSize: 1024, nindexes: 2))
        // A fractional number, a number sent as a string or null reads as absent (0), as the tree reader did.
        let events = try #require(a.clusters.first?.namespaces.last)
        #expect(events.db == "logs" && events.type == "timeseries" && events.count == 7)
        #expect(events.size == 0 && events.storageSize == 0 && events.freeStorageSize == 0)
    }

    @Test func eachMissingPartIsNamed() throws {
        func reason(_ json: String) -> String {
            do { _ = try Self.decode(json); return "decoded" } catch { return "\(error)" }
        }
        #expect(reason("[]").contains("other than an object"))
        #expect(reason("null").contains("other than an object"))
        #expect(reason(#"{"schema": 2, "clusters": []}"#).contains("schema 2"))
        #expect(reason(#"{"schema": 1}"#).contains("lacks clusters"))
        #expect(reason(#"{"clusters": [{"namespaces": []}]}"#).contains("clusters[0].dataSource"))
        #expect(reason(#"{"clusters": [{"dataSource": "a", "namespaces": [{"db": "x", "collection": "y"}, {"db": "x"}]}]}"#)
            .contains("clusters[0].namespaces[1].db/collection"))
        #expect(reason(#"{"clusters": [{"dataSource": "a", "namespaces": [{"db": "x", "collection": "y"}"#).contains("invalid JSON"))
        #expect(reason(#"{"clusters": [], "x": "unterminated}"#).contains("invalid JSON"))
        #expect(reason(#"{"clusters": [], "x": [1, 2}"#).contains("invalid JSON"))
    }

    @Test func datesInEveryForm() throws {
        func date(_ json: String) throws -> Date? { try Self.decode(#"{"clusters": [], "collectedAt": \#(json)}"#).collectedAt }
        let t = Date(timeIntervalSince1970: 1_795_428_930)
        #expect(try date(#""2026-11-23T10:15:30Z""#) == t)
        #expect(try date(#""2026-11-23T11:15:30+01:00""#) == t)
        #expect(try date(#""2026-11-23T05:15:30-05:00""#) == t)
        #expect(try date(#"{"$date": "2026-11-23T10:15:30.000Z"}"#) == t)
        #expect(try date(#"{"$date": 1795428930000}"#) == t)
        #expect(try date(#"{"$date": {"$numberLong": "1795428930000"}}"#) == t)
        #expect(try date(#""2026-02-30T00:00:00Z""#) == ISO8601DateFormatter().date(from: "2026-02-30T00:00:00Z"),
                "what the fast path refuses goes to Foundation, as before")
        #expect(try date(#""2026-11-23 10:15:30""#) == nil)
        #expect(try date(#""yesterday""#) == nil)
        #expect(try date("null") == nil)
    }

    /// The hand-written reader agrees with Foundation's formatter on any instant, with and without fractions.
    @Test func isoDatesAgreeWithFoundation() {
        var rng = SystemRandomNumberGenerator()
        let whole = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<2_000 {
            let instant = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000_000...8_000_000_000_000, using: &rng)) / 1000)
            for formatter in [whole, fractional] {
                let text = formatter.string(from: instant)
                #expect(ISODate.parse(text) == formatter.date(from: text), "\(text)")
            }
        }
        #expect(ISODate.parse("2024-02-29T23:59:59.5Z") == Date(timeIntervalSince1970: 1_709_251_199.5))
        #expect(ISODate.daysFromCivil(1970, 1, 1) == 0 && ISODate.daysFromCivil(2000, 3, 1) == 11_017)
    }

    @Test func extendedJSONIntegersInEveryWriting() throws {
        func count(_ value: String) throws -> Int64 {
            try Self.decode(#"{"clusters": [{"dataSource": "a", "namespaces": [{"db": "d", "collection": "c", "count": \#(value)}]}]}"#)
                .clusters[0].namespaces[0].count
        }
        #expect(try count(#"{"$numberLong": "-42"}"#) == -42)
        #expect(try count(#"{"$numberLong": "007"}"#) == 7)
        #expect(try count(#"{"$numberLong": "999999999999999999"}"#) == 999_999_999_999_999_999, "18 digits, the byte path")
        #expect(try count(#"{"$numberLong": "9223372036854775807"}"#) == Int64.max, "19 digits, the string path")
        #expect(try count(#"{"$numberLong": "92233720368547758070"}"#) == 0, "too large: absent")
        #expect(try count(#"{"$numberInt": "1e3"}"#) == 1000)
        #expect(try count(#"{"$numberLong": "12a"}"#) == 0)
        #expect(try count(#"{"$numberLong": ""}"#) == 0)
        #expect(try count(#"{"$numberLong": "\u0034\u0032"}"#) == 42, "escaped digits take the string path")
        #expect(try count(#"{"$numberLong": "1", "extra": 2}"#) == 0, "not an Extended JSON number")
    }
}
