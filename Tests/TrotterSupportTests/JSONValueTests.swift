import Foundation
import Testing
@testable import TrotterSupport

@Suite struct JSONValueTests {
    func decode(_ s: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(s.utf8)) }

    @Test func plainJSON() throws {
        let v = try decode(#"{"a":1,"b":1.5,"c":"x","d":[true,null],"e":{"f":-2}}"#)
        #expect(v["a"] == .int(1) && v["b"] == .number(1.5) && v["c"]?.stringValue == "x")
        #expect(v["d"]?[0]?.boolValue == true && v["d"]?[1]?.isNull == true && v["e"]?["f"]?.int64Value == -2)
        #expect(v["missing"] == nil && v["d"]?[5] == nil)
    }

    @Test func extendedJSONNumbers() throws {
        let v = try decode(#"{"l":{"$numberLong":"9007199254740993"},"i":{"$numberInt":"5"},"d":{"$numberDouble":"1.5"},"inf":{"$numberDouble":"Infinity"},"w":{"$numberDouble":"3.0"}}"#)
        #expect(v["l"]?.int64Value == 9_007_199_254_740_993)
        #expect(v["i"]?.int64Value == 5 && v["i"]?.doubleValue == 5)
        #expect(v["d"]?.doubleValue == 1.5 && v["d"]?.int64Value == nil)
        #expect(v["inf"]?.doubleValue == .infinity && v["w"]?.int64Value == 3)
        #expect(v["l"]?.stringValue == nil)
    }

    @Test func extendedJSONDates() throws {
        let v = try decode(#"{"c":{"$date":{"$numberLong":"1700000000123"}},"r":{"$date":"2026-11-22T10:00:00Z"},"f":{"$date":"2026-11-22T10:00:00.250Z"},"p":"2026-11-22T10:00:00Z"}"#)
        #expect(v["c"]?.dateValue == Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(v["r"]?.dateValue == Date(timeIntervalSince1970: 1_795_341_600))
        #expect(v["f"]?.dateValue == Date(timeIntervalSince1970: 1_795_341_600.25))
        #expect(v["p"]?.dateValue == v["r"]?.dateValue)
    }

    @Test func roundTrips() throws {
        let v: JSONValue = .object(["a": .array([.int(1), .number(2.5), .null, .bool(false), .string("s")])])
        #expect(try decode(String(decoding: JSONEncoder().encode(v), as: UTF8.self)) == v)
    }
}
