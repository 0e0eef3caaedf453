import Foundation
import Testing
@testable import AtlasSandbox
@testable import DashboardModel
@testable import TrotterSupport

@Suite("Sandbox wire writing") struct SandboxWireTests {
    @Test func stringsAreEscapedAndReadBackUnchanged() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 😀"
        let json: JSON = ["k": .string(text), "n": .int(-3), "d": .double(2.5), "w": .double(4), "a": [true, nil]]
        #expect(json.serialized() == #"{"k":"quote \" backslash \\ newline \n tab \t bell \u0007 é 😀","n":-3,"d":2.5,"w":4,"a":[true,null]}"#)
        let back = try JSONValue.parse(json.bytes)
        #expect(back["k"]?.stringValue == text)
        #expect(back["a"] == .array([.bool(true), .null]))
    }

    @Test func datesAreUTCWholeSeconds() {
        #expect(AtlasWire.date(Date(timeIntervalSince1970: 1_795_341_600.75)) == .string("2026-11-22T10:00:00Z"))
        #expect(AtlasWire.date(Date(timeIntervalSince1970: 0)) == .string("1970-01-01T00:00:00Z"))
        #expect(AtlasWire.date(Date(timeIntervalSince1970: 951_782_400)) == .string("2000-02-29T00:00:00Z"))
    }

    @Test func digestHeadersParseQuotedEscapedAndBareFields() throws {
        let header = #"  DIGEST username="abc\"d", realm="MMS Public API", nonce="n1,2", uri="/api/atlas/v2/groups?x=1", "# +
            #"algorithm=MD5, response="0AB1", qop=auth, nc=00000001 , cnonce="c""#
        let c = try #require(Digest.parse(authorization: header))
        #expect(c.username == #"abc"d"#)
        #expect(c.realm == "MMS Public API" && c.nonce == "n1,2" && c.uri == "/api/atlas/v2/groups?x=1")
        #expect(c.qop == "auth" && c.nc == "00000001" && c.cnonce == "c")
        #expect(c.response == "0ab1" && c.algorithm == .md5)
        #expect(Digest.parse(authorization: "Bearer abc") == nil)
        #expect(Digest.parse(authorization: "Digest") == nil)
        #expect(Digest.parse(authorization: #"Digest username="unterminated"#)?.username == "unterminated")
        #expect(Digest.parse(authorization: "Digest realm=é, nonce=ü")?.nonce == "ü")
    }
}
