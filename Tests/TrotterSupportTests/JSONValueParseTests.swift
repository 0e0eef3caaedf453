import Foundation
import Testing
@testable import TrotterSupport

@Suite struct JSONValueParseTests {
    func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(Array(s.utf8)) }
    func viaDecoder(_ s: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(s.utf8)) }

    @Test func agreesWithTheDecodablePath() throws {
        let samples = [
            #"{"a":1,"b":1.5,"c":"x","d":[true,null],"e":{"f":-2}}"#,
            #" [ 0 , -0 , 1.0 , 1e3 , 2.5E-1 , 9223372036854775807 , -9223372036854775808 , 1e300 ] "#,
            #"{"l":{"$numberLong":"9007199254740993"},"dt":{"$date":{"$numberLong":"1700000000123"}}}"#,
            #"{"s":"tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00 é"}"#,
            #"[[],{},[{}],"",false]"#,
        ]
        for s in samples { #expect(try parse(s) == viaDecoder(s), "\(s)") }
    }

    @Test func numbers() throws {
        #expect(try parse("42") == .int(42))
        #expect(try parse("-7") == .int(-7))
        #expect(try parse("2.5") == .number(2.5))
        #expect(try parse("1.0") == .int(1))
        #expect(try parse("18446744073709551616") == .number(18_446_744_073_709_551_616))
        #expect(try parse("9223372036854775807") == .int(.max))
    }

    @Test func stringsAndEscapes() throws {
        #expect(try parse(#""plain""#) == .string("plain"))
        #expect(try parse(#""a\nb\u0041\ud83d\ude00""#) == .string("a\nbA😀"))
        #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"))  // lone surrogate
        #expect(try parse("\"caf\u{e9}\"") == .string("café"))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "expected a member name"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1 2]", "expected ',' or ']'"),
        (#"{"a":1,}"#, "expected a member name"),
        ("[1,]", "unexpected character"),
        ("01", "leading zero in a number"),
        ("-", "invalid number"),
        ("1.", "invalid number"),
        ("tru", "unexpected end of input"),
        ("nul1", "unexpected character"),
        (#""abc"#, "unterminated string"),
        ("\"a\u{01}b\"", "control character in a string"),
        (#""\x""#, "invalid escape"),
        (#""\u12g4""#, "invalid \\u escape"),
        ("{} {}", "unexpected data after the value"),
        ("<html>", "unexpected character"),
    ])
    func refusesMalformedInput(_ input: String, _ reason: String) {
        let error = #expect(throws: JSONParseError.self) { try parse(input) }
        #expect(error?.reason == reason, "\(input)")
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xFF, 0xFE, 0x22]) }
        let deep = String(repeating: "[", count: JSONValue.maxParseDepth + 1) + String(repeating: "]", count: JSONValue.maxParseDepth + 1)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: JSONValue.maxParseDepth) + String(repeating: "]", count: JSONValue.maxParseDepth)
        #expect((try? parse(fine)) != nil)
    }

    @Test func errorNamesTheOffset() {
        let error = #expect(throws: JSONParseError.self) { try parse(#"{"a": tru}"#) }
        #expect(error?.description == "invalid JSON at byte 6: unexpected character")
    }
}
