import Testing
@testable import DashboardViews

@Test func viewsShareTheModelVersion() {
    #expect(!DashboardViewsInfo.version.isEmpty)
}
