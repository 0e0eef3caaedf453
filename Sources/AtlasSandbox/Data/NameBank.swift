/// Realistic names for the synthetic organisation: projects, clusters, databases and collections.
enum NameBank {
    static let teams = [
        "payments", "web", "mobile", "analytics", "search", "identity", "catalog", "logistics", "crm", "ml",
        "billing", "marketing", "support", "inventory", "iot",
    ]
    static let environments = ["prod", "staging", "dev", "qa"]
    static let clusters = [
        "Cluster0", "main", "analytics", "events", "archive", "reporting", "sessions", "catalog", "orders",
        "telemetry",
    ]
    static let databases = [
        "shop", "inventory", "analytics", "users", "billing", "logs", "catalog", "events", "crm", "payments",
        "telemetry", "content", "reporting", "auth",
    ]
    /// Databases whose collections are time series (the worker reports their `type`).
    static let timeSeriesDatabases: Set<String> = ["telemetry"]
    static let collections = [
        "orders", "customers", "products", "sessions", "events", "invoices", "audit_log", "carts", "reviews",
        "shipments", "payments", "users", "accounts", "notifications", "messages", "inventory_items",
        "price_history", "clicks", "page_views", "devices", "sensor_readings", "metrics", "tickets",
        "subscriptions", "refunds", "coupons", "addresses", "carriers", "warehouses", "suppliers",
    ]
    static let regions = ["US_EAST_1", "EU_WEST_1", "EU_CENTRAL_1", "AP_SOUTHEAST_2", "US_WEST_2"]
    static let instanceSizes = ["M10", "M20", "M30", "M40", "M50", "M60", "M80"]
    static let mongoDBVersions = ["7.0.16", "8.0.4", "8.0.9"]
    static let lowercaseLetters = Array("abcdefghijklmnopqrstuvwxyz")
    static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
}
