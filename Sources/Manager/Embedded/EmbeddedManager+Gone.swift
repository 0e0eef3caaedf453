import AtlasAPI

extension EmbeddedManager {
    /// After a failed collection: does Atlas say the project itself no longer exists? Only the documented
    /// `GROUP_NOT_FOUND` counts (a wrong key, a 5xx or a timeout is a sweep failure, not a removal).
    func isGoneFromAtlas(_ p: ProjectRow) async -> Bool {
        guard let credentials = try? credentials(of: p) else { return false }
        do {
            _ = try await atlasClient(credentials).project(id: p.id)
            return false
        } catch let error as AtlasAPIError {
            return error.errorCode == "GROUP_NOT_FOUND"
        } catch {
            return false
        }
    }
}
