// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer). Kept out of the root package so that the root
// `swift build` / `swift test` are unaffected. Build with the sanitizer flags, e.g.
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address
// (scripts/fuzz/libfuzzer.sh does this; without -sanitize=fuzzer the link fails, as there is no
// libFuzzer). Each executable defines LLVMFuzzerTestOneInput and a main that hands it to
// libFuzzer's driver (LLVMFuzzerRunDriver), since SwiftPM gives executables their own entry point.
let package = Package(
    name: "porvm-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "porvm", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(name: "FuzzInterpreter", dependencies: [
            "FuzzSupport", .product(name: "Primitives", package: "porvm"), .product(name: "EVM", package: "porvm"), .product(name: "UInt256", package: "porvm"),
        ]),
        .executableTarget(name: "FuzzRLP", dependencies: [
            "FuzzSupport", .product(name: "Primitives", package: "porvm"), .product(name: "Ethereum", package: "porvm"), .product(name: "UInt256", package: "porvm"),
        ]),
        .executableTarget(name: "FuzzABI", dependencies: [
            "FuzzSupport", .product(name: "ABI", package: "porvm"),
        ]),
        .executableTarget(name: "FuzzStateTest", dependencies: [
            "FuzzSupport", .product(name: "Conformance", package: "porvm"), .product(name: "EVM", package: "porvm"),
        ]),
        .executableTarget(name: "FuzzScenario", dependencies: [
            "FuzzSupport", .product(name: "Scenario", package: "porvm"), .product(name: "PoRScenario", package: "porvm"),
        ]),
        .executableTarget(name: "FuzzArtifact", dependencies: [
            "FuzzSupport", .product(name: "Primitives", package: "porvm"), .product(name: "Harness", package: "porvm"), .product(name: "EVM", package: "porvm"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
