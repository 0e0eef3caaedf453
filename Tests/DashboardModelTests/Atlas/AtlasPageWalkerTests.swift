import Foundation
import Testing
@testable import AtlasAPI
@testable import DashboardModel

@Suite struct AtlasPageWalkerTests {
    @Test func followsNextLinksUntilNone() {
        #expect(AtlasPageWalker.nextPage(hasNext: true, pageNum: 1, itemsOnPage: 2, itemsPerPage: 2, collected: 2, totalCount: 5) == 2)
        #expect(AtlasPageWalker.nextPage(hasNext: false, pageNum: 3, itemsOnPage: 1, itemsPerPage: 2, collected: 5, totalCount: 5) == nil)
    }

    @Test func stopsOnAnEmptyPageEvenIfTheServerSaysNext() {
        #expect(AtlasPageWalker.nextPage(hasNext: true, pageNum: 4, itemsOnPage: 0, itemsPerPage: 2, collected: 6, totalCount: nil) == nil)
    }

    @Test func withoutLinksFallsBackToCounts() {
        #expect(AtlasPageWalker.nextPage(hasNext: nil, pageNum: 1, itemsOnPage: 2, itemsPerPage: 2, collected: 2, totalCount: 3) == 2)
        #expect(AtlasPageWalker.nextPage(hasNext: nil, pageNum: 2, itemsOnPage: 1, itemsPerPage: 2, collected: 3, totalCount: 3) == nil)
        #expect(AtlasPageWalker.nextPage(hasNext: nil, pageNum: 1, itemsOnPage: 2, itemsPerPage: 2, collected: 2, totalCount: nil) == 2)
        #expect(AtlasPageWalker.nextPage(hasNext: nil, pageNum: 2, itemsOnPage: 1, itemsPerPage: 2, collected: 3, totalCount: nil) == nil)
    }

    @Test func envelopeDecodes() throws {
        let json = #"{"links":[{"href":"https://x/api/atlas/v2/groups?pageNum=2","rel":"next"}],"results":[{"id":"a","name":"n","orgId":"o","clusterCount":2,"created":"2024-01-01T00:00:00Z"}],"totalCount":3}"#
        let page = try JSONDecoder().decode(AtlasPage<AtlasProject>.self, from: Data(json.utf8))
        #expect(page.hasNextLink && page.totalCount == 3 && page.results.first?.clusterCount == 2)
    }
}
