// swift-tools-version: 6.1
import PackageDescription

// KnotBot's libFuzzer targets, kept out of the main package so that building or testing KnotBot never
// builds them with sanitizers. Run from the repository root with `scripts/fuzz [TARGET] [SECONDS]`,
// which builds them with:
//   swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address
// SwiftPM also tries to build the KnotBot package's build tool (knotbot-compile) with libFuzzer, and
// that link fails ("multiple definition of 'main'"): nothing here uses the tool, and the build
// carries on and succeeds. See Fuzz/README.md.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// A fuzz target has no `main`: libFuzzer's runtime provides it and calls `LLVMFuzzerTestOneInput`.
let fuzzTargetSettings = strictSettings + [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "KnotBotFuzz",
    dependencies: [
        .package(name: "KnotBot", path: "..")
    ],
    targets: [
        // What the three targets share: the model, input decoding and the invariant checks.
        //
        // It compiles the model from Intents/ and Knowledge/ at start-up rather than using
        // KnotBotEmbedded, whose build plugin would need knotbot-compile, the tool that cannot be
        // linked with libFuzzer.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "KnotBotKit", package: "KnotBot")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fuzz-utterance",
            dependencies: ["FuzzSupport", .product(name: "KnotBotKit", package: "KnotBot")],
            path: "Sources/FuzzUtterance",
            swiftSettings: fuzzTargetSettings
        ),
        .executableTarget(
            name: "fuzz-intents",
            dependencies: ["FuzzSupport", .product(name: "KnotBotKit", package: "KnotBot")],
            path: "Sources/FuzzIntents",
            swiftSettings: fuzzTargetSettings
        ),
        .executableTarget(
            name: "fuzz-transcript",
            dependencies: ["FuzzSupport", .product(name: "KnotBotKit", package: "KnotBot")],
            path: "Sources/FuzzTranscript",
            swiftSettings: fuzzTargetSettings
        ),
    ]
)
