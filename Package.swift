// swift-tools-version: 6.2
import PackageDescription

// Swift 6 language mode everywhere; ExistentialAny keeps `any` explicit, as Hummingbird does.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "GlobeTrotter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trotter", targets: ["TrotterTUI"]),
        .executable(name: "trotter-coordination-worker", targets: ["CoordinationWorker"]),
        .library(name: "DashboardModel", targets: ["DashboardModel"]),
        // For the Benchmarks package, which drives the engine, the manager and the store directly.
        .library(name: "Orchestration", targets: ["Orchestration"]),
        .library(name: "OrchestrationEngine", targets: ["OrchestrationEngine"]),
        .library(name: "Manager", targets: ["Manager"]),
        .library(name: "TrotterStore", targets: ["TrotterStore"]),
        .library(name: "CurlHTTP", targets: ["CurlHTTP"]),
        .library(name: "AtlasAPI", targets: ["AtlasAPI"]),
        .library(name: "TrotterSupport", targets: ["TrotterSupport"]),
        .library(name: "AtlasSandbox", targets: ["AtlasSandbox"]),
        .library(name: "DashboardViews", targets: ["DashboardViews"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Hummingbird's own NIO, named for the test servers that use NIOCore directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libcurl: module map + typed wrappers for the variadic setopt/getinfo and macro constants.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // ncursesw: no pkgConfig on purpose (its -D_XOPEN_SOURCE flags are prohibited by SwiftPM).
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Pure helpers every layer shares: the one JSON reader (Atlas, App Services, definitions), hex, URL
        // redaction, `Secret`, the one seeded generator, the version. Foundation only.
        .target(name: "TrotterSupport", swiftSettings: swiftSettings),
        // The libcurl engine, requests, retries, host limits, header redaction: the only user of CCurl.
        .target(
            name: "CurlHTTP",
            dependencies: [
                "CCurl", "TrotterSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Atlas Admin API v2 and App Services Admin API v3 clients, and the worker app's blueprint and readers.
        .target(
            name: "AtlasAPI",
            dependencies: ["CurlHTTP", "TrotterSupport"],
            resources: [.copy("Worker/Resources")],
            swiftSettings: swiftSettings
        ),
        // AWS over SigV4: credentials, Lambda Invoke and EventBridge PutEvents calls.
        .target(
            name: "AWSAPI",
            dependencies: ["CurlHTTP", "TrotterSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // State machines as pure values and functions: definitions, conditions, the fold, the decisions, the
        // inspector. Links no I/O library.
        .target(name: "Orchestration", dependencies: ["TrotterSupport"], swiftSettings: swiftSettings),
        // The store: SQLite (a pool, its cross-process lock and change watch) or PostgreSQL (a connection pool, NOTIFY),
        // one SQL facade over both, and every table's migrations for each.
        .target(
            name: "TrotterStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the sweep's bulk inserts (see `RawInsert`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The same store on PostgreSQL, for several servers on one database.
                "TeamCoordination",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs state machines for real: drivers, executors, notifications, the engine's tables.
        .target(
            name: "OrchestrationEngine",
            dependencies: [
                "Orchestration", "TrotterStore", "CurlHTTP", "AWSAPI", "TrotterSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the dashboard talks to: `ManagerService` and the values it carries. No I/O.
        .target(name: "DashboardModel", dependencies: ["Orchestration", "TrotterSupport"], swiftSettings: swiftSettings),
        // The embedded manager: key vault, projects, onboarding and sweeps, samples, tokens and audit.
        .target(
            name: "Manager",
            dependencies: [
                "DashboardModel", "AtlasAPI", "AWSAPI", "OrchestrationEngine", "Orchestration", "TrotterStore",
                "CurlHTTP", "TrotterSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A manager over HTTP: `ManagerService` and the run commands against `trotter serve`.
        .target(
            name: "TeamClient",
            dependencies: ["DashboardModel", "Orchestration", "CurlHTTP", "TrotterSupport"],
            swiftSettings: swiftSettings
        ),
        // A local emulator of the Atlas Admin API v2 and App Services Admin API v3 subset we use.
        // It never imports DashboardModel: its wire format is written from the published docs.
        .target(
            name: "AtlasSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Team mode: `trotter serve`, the /v1 API over the embedded manager (tokens, audit, change stream).
        .target(
            name: "TrotterServer",
            dependencies: [
                "Manager", "DashboardModel", "Orchestration", "OrchestrationEngine", "TrotterStore", "CurlHTTP",
                "TrotterSupport", "TeamCoordination",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Several `trotter serve` on one PostgreSQL: migrations, the shared schedule, the job queue with
        // leases and fencing tokens, LISTEN/NOTIFY. Never imports DashboardModel: the server adapts to it.
        .target(
            name: "TeamCoordination",
            dependencies: [
                "TrotterSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure rendering: presentation state -> ScreenBuffer. No curses, so it is testable headless.
        .target(
            name: "DashboardViews",
            dependencies: ["DashboardModel", "Orchestration", "TrotterSupport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TrotterTUI",
            dependencies: [
                "CNcurses",
                "DashboardModel", "DashboardViews", "Manager", "TeamClient", "OrchestrationEngine", "Orchestration",
                "AtlasAPI", "AWSAPI", "CurlHTTP", "TrotterStore", "TrotterSupport",
                "AtlasSandbox",
                "TrotterServer", "TeamCoordination",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardModelTests",
            dependencies: [
                "DashboardModel", "Manager", "TeamClient", "OrchestrationEngine", "Orchestration", "AtlasAPI", "AWSAPI",
                "CurlHTTP", "TrotterStore", "TrotterSupport", "AtlasSandbox", "TrotterServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Fresh databases for the PostgreSQL pass (CREATE DATABASE runs outside the store's transactions).
                "TeamCoordination",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Worker/worker-harness.js", "Worker/fixture.json", "AWS/Fixtures", "AWS/aws_standin.py", "AWS/moto_fixture.py", "Team/prom_parse.py"],
            swiftSettings: swiftSettings
        ),
        // The pure targets' tests link nothing but the targets themselves: no server, store or terminal.
        .testTarget(name: "TrotterSupportTests", dependencies: ["TrotterSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "OrchestrationTests", dependencies: ["Orchestration", "TrotterSupport"], swiftSettings: swiftSettings),
        // A stand-in for `trotter serve` in the coordination tests: claims and works jobs, or contends for schedule
        // slots, as its own process (so it can be SIGKILLed and SIGSTOPped). Not for users.
        .executableTarget(
            name: "CoordinationWorker",
            dependencies: [
                "TeamCoordination",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TeamCoordinationTests",
            dependencies: [
                "TeamCoordination",
                // Raw SQL behind the queue's back (a job inserted with no NOTIFY, fresh databases).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardViewsTests",
            dependencies: [
                "DashboardViews", "DashboardModel", "Orchestration", "TrotterSupport",
                // The inspector goldens and the live-inspector test render what a real engine and manager wrote.
                "Manager", "OrchestrationEngine", "TrotterStore", "AtlasAPI", "CurlHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
    ]
)
