// swift-tools-version:6.0
import PackageDescription

// A contract developer's package using porvm as a dependency, as README.md shows it: the
// libraries come in through the root package's products. The root is referred to by path so
// that CI tests the working tree; another project would write
//   .package(url: "https://…/porvm.git", from: "…")
let package = Package(
    name: "PoRQuickstart",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "porvm", path: "../..")],
    targets: [
        .testTarget(name: "PoRQuickstartTests", dependencies: [
            .product(name: "Harness", package: "porvm"),
            .product(name: "HarnessTesting", package: "porvm"),
            .product(name: "PoR", package: "porvm"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
