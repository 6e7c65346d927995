// swift-tools-version: 6.1
import PackageDescription

// KnotBot's benchmarks, kept out of the main package so that building or testing KnotBot never
// fetches or compiles the benchmark harness. Run from the repository root:
//   swift package --package-path Benchmarks benchmark
// Linux only, like KnotBot itself, so no Apple platform is listed; the benchmark package's own
// macOS 13 minimum does not apply on Linux.
let package = Package(
    name: "KnotBotBenchmarks",
    dependencies: [
        .package(name: "KnotBot", path: ".."),
        // The malloc interposer counts allocations per turn; the default runtime interposer is
        // left out because its package is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KnotBotBenchmarks",
            dependencies: [
                .product(name: "KnotBotKit", package: "KnotBot"),
                .product(name: "KnotBotEmbedded", package: "KnotBot"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/KnotBotBenchmarks",
            // KnotBot's modules are compiled against the static Swift runtime and Foundation in a
            // release build, so the benchmark links them the same way.
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
