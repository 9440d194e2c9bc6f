import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
@Suite struct ScenarioCommandTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    func temp(_ text: String, ext: String = "yaml") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-scenario-\(UUID()).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func passingScenarioPrintsOneLinePerStepAndTheSummary() {
        let r = porvm("scenario", Self.scenarios.appendingPathComponent("mint-boundary.yaml").path)
        #expect(r.code == 0)
        #expect(r.out.count == 1 + 7 + 1)
        #expect(r.out.contains("✓ 5 transact token.mint from minter → reverted ReservesExceeded(161, 160) as expected"))
        #expect(r.out.last == "7 passed, 0 failed")
        #expect(r.err.isEmpty)
    }

    @Test func failuresAreCountedOverAllFilesAndExitOne() throws {
        let bad = try temp("""
            name: wrong
            accounts: [alice]
            steps:
              - setup_por
              - report: {feed: feed, observations: [100, 100, 100]}
              - transact: token.mint
                from: minter
                args: [alice, 101]
            """)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let r = porvm("scenario", Self.scenarios.appendingPathComponent("mint-boundary.yaml").path, bad)
        #expect(r.code == 1)
        #expect(r.out.contains("✗ 3 transact token.mint from minter → expected success, got reverted ReservesExceeded(101, 100)"))
        #expect(r.out.last == "9 passed, 1 failed")
    }

    @Test func malformedFileIsOneLineExitTwoAndNothingRuns() throws {
        let bad = try temp("{\"name\": \"x\", \"steps\": [{\"setup_por\": {}}, {\"transact\": \"token.mint\", \"args\": [\"alice\", 1]}]}", ext: "json")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let r = porvm("scenario", Self.scenarios.appendingPathComponent("mint-boundary.yaml").path, bad)
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.count == 1)
        #expect(r.err.first?.hasPrefix("porvm: \(bad)") == true)
        #expect(r.err.first?.contains("step 2, field 'args[0]': unknown account or contract 'alice'") == true)
    }

    @Test func missingFileIsExitTwo() {
        let r = porvm("scenario", "/nonexistent/scenario.yaml")
        #expect(r.code == 2)
        #expect(r.err.first?.contains("no such file") == true)
    }

    @Test func aFolderRunsEveryScenarioInIt() {
        let r = porvm("scenario", Self.scenarios.path)
        #expect(r.code == 0, "\(r.out.filter { $0.hasPrefix("✗") })")
        #expect(r.out.last?.hasSuffix(" passed, 0 failed") == true)
    }
}
}
