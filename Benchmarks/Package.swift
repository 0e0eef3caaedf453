// swift-tools-version: 6.2
// Benchmarks live in their own package so the main build and CI's `swift test` never build package-benchmark.
// Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "GlobeTrotter", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // One executable per concern, each with the benchmark plugin (named *Bench: the package's modules keep their names).
        .executableTarget(
            name: "OrchestrationBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Orchestration", package: "GlobeTrotter"),
                .product(name: "OrchestrationEngine", package: "GlobeTrotter"),
                .product(name: "TrotterStore", package: "GlobeTrotter"),
            ],
            path: "Benchmarks/Orchestration",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SweepBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DashboardModel", package: "GlobeTrotter"),
                .product(name: "Manager", package: "GlobeTrotter"),
                .product(name: "TrotterStore", package: "GlobeTrotter"),
                .product(name: "CurlHTTP", package: "GlobeTrotter"),
                .product(name: "AtlasAPI", package: "GlobeTrotter"),
                .product(name: "TrotterSupport", package: "GlobeTrotter"),
                .product(name: "AtlasSandbox", package: "GlobeTrotter"),
            ],
            path: "Benchmarks/Sweep",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DashboardBench",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DashboardModel", package: "GlobeTrotter"),
                .product(name: "DashboardViews", package: "GlobeTrotter"),
            ],
            path: "Benchmarks/Dashboard",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
