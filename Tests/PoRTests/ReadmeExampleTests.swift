import Foundation
import Testing
import Harness
import PoR

/// The Swift example in README.md, verbatim: it must keep compiling and passing, here and in
/// the stand-alone package `Examples/PoRQuickstart` (which uses the products as another
/// package does; `.ci/run` builds and tests it).
@Suite struct ReadmeExampleTests {
    @Test func harnessExampleFromTheReadme() throws {
        // README example begin
        let chain = Chain()                                   // Osaka, chain id 31337, funded accounts
        var por = try PoRDeployment(chain: chain)             // feed + token + breaker from Fixtures/, wired
        try por.publish([150, 160, 170])                      // 4 oracles, f = 1: signed report, median 160
        let alice = chain.account("alice")
        try por.token.transact("mint", alice, 160, from: por.minter)        // at the boundary: succeeds
        chain.expectRevert(error: "ReservesExceeded", 161, 160)             // one unit more: refused
        try por.token.transact("mint", alice, 1, from: por.minter)
        chain.warp(chain.block.timestamp + 86_401)                          // past the heartbeat
        chain.expectRevert("ReservesStale")
        try por.token.transact("mint", alice, 1, from: por.minter)
        // README example end

        #expect(try por.token.read("totalSupply").uint64Value == 160)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The README's ```swift block: its import lines and the rest.
    static func readmeExample() throws -> (imports: [String], body: [String]) {
        let lines = try text("README.md").components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "```swift"), "README.md has no ```swift block")
        let end = try #require(lines[(start + 1)...].firstIndex(of: "```"), "README.md's ```swift block is not closed")
        let block = lines[(start + 1)..<end].map { $0.trimmingTrailingWhitespace }
        let imports = block.filter { $0.hasPrefix("import ") }
        let body = block.filter { !$0.hasPrefix("import ") }.drop { $0.isEmpty }
        return (imports, Array(body))
    }

    /// The lines between the markers of a Swift file, with their common indentation removed.
    static func markedExample(in relativePath: String) throws -> (imports: [String], body: [String]) {
        let lines = try text(relativePath).components(separatedBy: "\n").map { $0.trimmingTrailingWhitespace }
        let start = try #require(lines.firstIndex { $0.hasSuffix("// README example begin") }, "no begin marker in \(relativePath)")
        let end = try #require(lines.firstIndex { $0.hasSuffix("// README example end") }, "no end marker in \(relativePath)")
        let region = lines[(start + 1)..<end]
        let indent = region.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return (lines.filter { $0.hasPrefix("import ") }, region.map { String($0.dropFirst(min(indent, $0.count))) })
    }

    @Test(arguments: ["Tests/PoRTests/ReadmeExampleTests.swift", "Examples/PoRQuickstart/Tests/PoRQuickstartTests/QuickstartTests.swift"])
    func readmeExampleIsCopiedVerbatim(into file: String) throws {
        let readme = try Self.readmeExample()
        let copy = try Self.markedExample(in: file)
        #expect(readme.body.count > 5)
        #expect(copy.body == readme.body, "README.md's Swift example and \(file) differ: update the copy")
        for i in readme.imports { #expect(copy.imports.contains(i), "\(file) lacks the README's \(i)") }
    }
}

private extension String {
    var trimmingTrailingWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
