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
        // Everything that is not curses: HTTP, Atlas and App Services clients, orchestration, manager, store.
        .target(
            name: "DashboardModel",
            dependencies: [
                "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the sweep's bulk inserts (see `RawInsert`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Worker/Resources")],
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
                "DashboardModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Several `trotter serve` on one PostgreSQL: migrations, the shared schedule, the job queue with
        // leases and fencing tokens, LISTEN/NOTIFY. Never imports DashboardModel: the server adapts to it.
        .target(
            name: "TeamCoordination",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure rendering: presentation state -> ScreenBuffer. No curses, so it is testable headless.
        .target(
            name: "DashboardViews",
            dependencies: ["DashboardModel"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TrotterTUI",
            dependencies: [
                "CNcurses",
                "DashboardModel",
                "DashboardViews",
                "AtlasSandbox",
                "TrotterServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardModelTests",
            dependencies: [
                "DashboardModel", "AtlasSandbox", "TrotterServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Worker/worker-harness.js", "Worker/fixture.json", "AWS/Fixtures", "AWS/aws_standin.py", "AWS/moto_fixture.py"],
            swiftSettings: swiftSettings
        ),
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
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardViewsTests",
            dependencies: ["DashboardViews", "DashboardModel"],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
    ]
)
