/// The emulator of the Atlas Administration API v2 and the App Services Admin API v3 subset trotter uses.
public enum AtlasSandboxInfo {
    public static let name = "atlas-sandbox"
}
