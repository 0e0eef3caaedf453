final class AppServicesStore: Sendable {}
