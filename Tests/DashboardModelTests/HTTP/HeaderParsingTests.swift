import Foundation
import Testing
@testable import CurlHTTP
@testable import DashboardModel

@Suite struct HeaderParsingTests {
    @Test func trimsCRLFAsBytes() {
        #expect(HeaderParsing.parse(Array("Retry-After: 12\r\n".utf8)) == .field(name: "Retry-After", value: "12"))
        #expect(HeaderParsing.parse(Array("X-Empty:\r\n".utf8)) == .field(name: "X-Empty", value: ""))
        #expect(HeaderParsing.parse(Array("\r\n".utf8)) == .other)
    }

    @Test func recognisesStatusLines() {
        #expect(HeaderParsing.parse(Array("HTTP/1.1 401 Unauthorized\r\n".utf8)) == .statusLine(401))
        #expect(HeaderParsing.parse(Array("HTTP/2 200\r\n".utf8)) == .statusLine(200))
    }

    @Test func retryAfterSecondsAndDates() {
        #expect(HeaderParsing.retryAfterSeconds(" 55 ") == 55)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let later = now.addingTimeInterval(30)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let seconds = HeaderParsing.retryAfterSeconds(f.string(from: later), now: now)
        #expect(seconds == 30)
        #expect(HeaderParsing.retryAfterSeconds("soon") == nil)
        #expect(HeaderParsing.retryAfterSeconds("-3") == nil)
    }
}
