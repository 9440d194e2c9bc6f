import Foundation
import Testing

/// Fixtures/ must be what the pinned Vyper makes of Contracts/. Runs wherever that Vyper is
/// installed (`$VYPER`, a `vyper` on PATH, or ../venv-vyper): CI installs it; elsewhere the test
/// runner reports it as skipped.
@Suite struct FixturesUpToDateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The vyper executable the build script would use, if one of the pinned version exists.
    static let vyper: String? = pinnedVyper()

    static func pinnedVyper() -> String? {
        var candidates = [String]()
        if let v = ProcessInfo.processInfo.environment["VYPER"] { candidates.append(v) }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("venv-vyper/bin/vyper").path)
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/vyper" }
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
            if let v = run(c, ["--version"]), v.output.hasPrefix("0.4.3") { return c }
        }
        return nil
    }

    static func run(_ exe: String, _ args: [String]) -> (status: Int32, output: String)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.currentDirectoryURL = root
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: vyper != nil, "vyper 0.4.3 is not installed (set $VYPER or put it on PATH)"))
    func fixturesMatchContracts() throws {
        let vyper = try #require(Self.vyper)
        let result = try #require(Self.run("/usr/bin/env", ["python3", "scripts/build-fixtures.py", "--check", "--vyper", vyper]))
        #expect(result.status == 0, "Fixtures/ is out of date with Contracts/:\n\(result.output)")
    }
}
