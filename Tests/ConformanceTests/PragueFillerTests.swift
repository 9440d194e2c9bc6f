import Foundation
import Testing
import EVM
@testable import Conformance

// Our own Prague state tests (Fixtures/statetests/eip7702_*.json, eip7623_*.json): their
// expected roots and logs hashes come from the execution specs' t8n through
// scripts/statetests/fill.py, never from porvm. Every case must run (none skipped) and pass.

private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs one filled file with Prague's cases included; returns its report.
private func runFilled(_ name: String) throws -> StateTestRunner.FileReport {
    let path = repoRoot.appendingPathComponent("Fixtures/statetests/\(name)").path
    final class Box: @unchecked Sendable { var report: StateTestRunner.FileReport? }
    let box = Box()
    StateTestRunner(options: .init(threads: 2, includesUnfinishedForks: true)).run(files: [path]) { box.report = $0 }
    return try #require(box.report)
}

@Suite struct PragueFillerTests {
    /// EIP-7702: delegation set, cleared, re-delegated, invalid tuples, calls of every kind into
    /// a delegated account (cold and warm delegate), EXTCODE*, refunds, rejections.
    @Test func setCodeStateTestsPass() throws {
        let report = try runFilled("eip7702_set_code.json")
        #expect(report.error == nil)
        #expect(report.skipped == 0)
        #expect(report.results.count == 34)
        for r in report.results where !r.pass { Issue.record("\(r.failureLine)") }
        #expect(report.results.allSatisfy { $0.fork == "Prague" })
    }

    /// EIP-7623: the floor paid or not, the gas limit at and below it (valid in Cancun), after a
    /// refund, with an authorization, with an access list.
    @Test func calldataFloorStateTestsPass() throws {
        let report = try runFilled("eip7623_calldata_floor.json")
        #expect(report.error == nil)
        #expect(report.skipped == 0)
        #expect(report.results.count == 15)
        #expect(report.results.filter { $0.fork == "Cancun" }.count == 7)
        for r in report.results where !r.pass { Issue.record("\(r.failureLine)") }
    }
}
