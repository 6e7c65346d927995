// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Release builds compile against the static Swift runtime and Foundation, whose modules name
    // the static libraries they need (CoreFoundation and the rest) for the link.
    .unsafeFlags(["-static-stdlib"], .when(configuration: .release)),
    // A concrete generic type's metadata through its accessor, not by mangled name: by name, the
    // first use of each type ([String: Int], ...) had the runtime demangle it and scan all of the
    // binary's protocol conformances for its requirements (0.84 M of a one-shot's 8.5 M instructions).
    .unsafeFlags(
        ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

/// Every release executable links the Swift runtime and Foundation statically, at a fixed address.
///
/// The modules above were compiled against them. knotbot then runs where no Swift toolchain is installed and starts
/// without loading eleven shared libraries (one-shot answer 13.3 -> 7.6 ms here); it needs only
/// Debian's libc, libedit and libstemmer. Debug builds, which the tests use, stay dynamic.
///
/// `-no-pie`: a position-independent executable of this size has 78,000 pointers that the loader
/// rewrites at every start, copying each page that holds one (about 375 of a one-shot answer's 1,260
/// page faults, and 1.5 M instructions). At a fixed address the linker resolves them once. The cost:
/// the binary's own code is not moved by address-space randomisation (the C libraries, stack and heap
/// still are), which matters for memory-unsafe code; KnotBot's is Swift.
let staticInRelease: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(configuration: .release))
]

/// Links a Debian C library: as a shared library in debug builds, from its static archive in release.
///
/// A release knotbot then loads only libc, libm, libstdc++ and libgcc_s: loading libedit, libtinfo,
/// libbsd, libmd and libstemmer cost a one-shot answer 120 of its 930 page faults and about 0.7 ms here.
/// The module maps name no library for that reason (a `link` there always links the shared one).
/// `archives` lists what the library needs in link order (libedit needs libtinfo, libbsd, libmd).
func debianLibrary(_ name: String, archives: [String]) -> [LinkerSetting] {
    [
        .linkedLibrary(name, .when(configuration: .debug)),
        .unsafeFlags(archives.flatMap { ["-Xlinker", "-l:lib\($0).a"] }, .when(configuration: .release)),
    ]
}

// Linux only: the code calls Glibc directly and links Debian's libedit and Snowball stemmer, so no
// Apple platform is listed (`platforms:` names only Apple platforms' minimum versions).
let package = Package(
    name: "KnotBot",
    products: [
        .executable(name: "knotbot", targets: ["knotbot"]),
        .library(name: "KnotBotKit", targets: ["KnotBotKit"]),
        .library(name: "KnotBotEmbedded", targets: ["KnotBotEmbedded"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Debian's libedit-dev: line editing and history for the REPL.
        .systemLibrary(
            name: "CEditLine",
            providers: [.apt(["libedit-dev"])]
        ),
        // Debian's libstemmer-dev: the Snowball English stemmer (ships no pkg-config file).
        .systemLibrary(
            name: "CSnowball",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // All behaviour: knowledge, understanding, dialogue, transcripts. No terminal I/O.
        .target(
            name: "KnotBotKit",
            dependencies: [
                "CSnowball",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: debianLibrary("stemmer", archives: ["stemmer"])
        ),
        // Concrete terminal front ends behind KnotBotKit's I/O protocols (stdio, libedit).
        .target(
            name: "KnotBotTerminal",
            dependencies: ["KnotBotKit", "CEditLine"],
            swiftSettings: strictSettings,
            linkerSettings: debianLibrary("edit", archives: ["edit", "tinfo", "bsd", "md"])
        ),
        // The intents and knowledge, compiled at build time and embedded in the binary.
        .target(
            name: "KnotBotEmbedded",
            dependencies: ["KnotBotKit"],
            swiftSettings: strictSettings,
            plugins: ["EmbedModel"]
        ),
        // Build-time compiler: Intents/ + Knowledge/ -> one archive embedded as Swift source.
        .executableTarget(
            name: "knotbot-compile",
            dependencies: ["KnotBotKit"],
            swiftSettings: strictSettings,
            linkerSettings: staticInRelease
        ),
        .plugin(
            name: "EmbedModel",
            capability: .buildTool(),
            dependencies: ["knotbot-compile"]
        ),
        .executableTarget(
            name: "knotbot",
            dependencies: [
                "KnotBotKit",
                "KnotBotTerminal",
                "KnotBotEmbedded",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: staticInRelease
        ),
        .testTarget(
            name: "KnotBotKitTests",
            dependencies: ["KnotBotKit", "KnotBotEmbedded"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KnotBotCLITests",
            dependencies: ["knotbot"],
            swiftSettings: strictSettings
        ),
    ]
)
