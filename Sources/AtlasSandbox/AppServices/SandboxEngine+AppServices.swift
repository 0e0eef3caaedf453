extension SandboxEngine {
    func handleAppServices(_ request: SandboxRequest, _ rest: [String]) -> SandboxResponse {
        .appServicesError(404, "NotFound", "not yet")
    }
}
