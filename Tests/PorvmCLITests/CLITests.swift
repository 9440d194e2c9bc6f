import Foundation
import Testing
@testable import PorvmCLI

/// Runs `porvm` in-process with captured output.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var out: [String] = []
    private(set) var err: [String] = []
    var console: Console {
        Console(output: { [self] l in lock.lock(); out.append(l); lock.unlock() },
                error: { [self] l in lock.lock(); err.append(l); lock.unlock() })
    }
}

func porvm(_ args: String...) -> (code: Int32, out: [String], err: [String]) {
    let c = Captured()
    let code = Porvm.main(args, console: c.console)
    return (code, c.out, c.err)
}

/// The console is process-wide, so every CLI test runs one at a time.
@Suite(.serialized) struct CLITests {}

extension CLITests {
@Suite struct RunCommandTests {
    // PUSH1 1 PUSH1 2 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: returns 3 as a word.
    let addAndReturn = "600160020160005260206000f3"

    @Test func runPrintsStatusGasAndOutput() {
        let r = porvm("run", "--code", addAndReturn)
        #expect(r.code == 0)
        #expect(r.out.contains("status: success"))
        // 3+3+3+3 (pushes, ADD) + 3+3 (MSTORE + one word of memory) + 3+3 (pushes) + 0 (RETURN) = 24, Yellow Paper gas table.
        #expect(r.out.contains("gasUsed: 24"))
        #expect(r.out.contains("output: 0x" + String(repeating: "0", count: 63) + "3"))
    }

    @Test func revertAndHaltsExitOneWithTheirName() {
        let revert = porvm("run", "--code", "60006000fd")          // REVERT(0, 0)
        #expect(revert.code == 1)
        #expect(revert.out.contains("status: revert"))
        let underflow = porvm("run", "--code", "01")               // ADD on an empty stack
        #expect(underflow.code == 1)
        #expect(underflow.out.contains("status: stack underflow"))
        let badJump = porvm("run", "--code", "600356")             // JUMP to 3: not a JUMPDEST
        #expect(badJump.out.contains("status: invalid jump destination"))
        let oog = porvm("run", "--code", "600160020160005260206000f3", "--gas", "10")
        #expect(oog.out.contains("status: out of gas"))
        let undefined = porvm("run", "--code", "0c")
        #expect(undefined.out.contains("status: invalid opcode"))
    }

    @Test(arguments: [
        (["run", "--code", "6"], "odd number"),
        (["run", "--code", "60zz"], "invalid hex character"),
        (["run", "--code", "@/nonexistent/file.hex"], "cannot read"),
        (["run", "--code", "00", "--fork", "Homestead"], "unknown fork"),
        (["run", "--code", "00", "--input", "0x1"], "odd number"),
        (["run", "--code", "00", "--gas", "lots"], ""),
        (["run"], "code"),
        (["frobnicate"], ""),
        (["bench", "--code", "00", "--iterations", "0"], "iterations"),
        (["statetest", "/nonexistent/dir"], "no such file"),
    ])
    func badInputIsOneLineAndExitTwo(args: [String], fragment: String) {
        let c = Captured()
        let code = Porvm.main(args, console: c.console)
        #expect(code == 2)
        #expect(c.err.count == 1)
        #expect(c.err.first?.hasPrefix("porvm: ") == true)
        if !fragment.isEmpty { #expect(c.err.first?.contains(fragment) == true) }
    }

    @Test func codeFromFileWithWhitespace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-cli-\(UUID()).hex").path
        try "6001600201\n60005260206000f3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = porvm("run", "--code", "@" + path)
        #expect(r.code == 0)
        #expect(r.out.contains("gasUsed: 24"))
    }

    /// EIP-3155: one JSON object per instruction on stderr with the EIP's fields, then a summary.
    @Test func traceWritesEIP3155Lines() throws {
        let r = porvm("run", "--code", addAndReturn, "--trace")
        #expect(r.code == 0)
        #expect(r.err.count == 9)            // 8 instructions + the summary line
        let first = try #require(JSONSerialization.jsonObject(with: Data(r.err[0].utf8)) as? [String: Any])
        for key in ["pc", "op", "gas", "gasCost", "memSize", "stack", "depth", "returnData", "refund", "opName"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["op"] as? Int == 0x60)
        #expect(first["opName"] as? String == "PUSH1")
        #expect(first["depth"] as? Int == 1)
        let add = try #require(JSONSerialization.jsonObject(with: Data(r.err[2].utf8)) as? [String: Any])
        #expect(add["opName"] as? String == "ADD")
        #expect(add["stack"] as? [String] == ["0x1", "0x2"])
        #expect(add["gasCost"] as? String == "0x3")
        let mstore = try #require(JSONSerialization.jsonObject(with: Data(r.err[4].utf8)) as? [String: Any])
        #expect(mstore["gasCost"] as? String == "0x6")   // 3 + 3 for the first memory word
        let summary = try #require(JSONSerialization.jsonObject(with: Data(r.err[8].utf8)) as? [String: Any])
        #expect(summary["gasUsed"] as? String == "0x18")
    }

    /// The anchors.py protocol: `output: <hex>` and the nanoseconds per call as the last line.
    @Test func benchFollowsTheAnchorsProtocol() throws {
        let r = porvm("bench", "--code", addAndReturn, "--iterations", "5")
        #expect(r.code == 0)
        #expect(r.out.contains("output: " + String(repeating: "0", count: 63) + "3"))
        let last = try #require(r.out.last)
        let ns = try #require(Double(last))
        #expect(ns > 0)
    }
}

}

extension CLITests {
@Suite struct StateTestCommandTests {
    static let fixtureDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func passingFixtureSummary() {
        let r = porvm("statetest", Self.fixtureDir.appendingPathComponent("add11.json").path)
        #expect(r.code == 0)
        #expect(r.out.last == "1 passed, 0 failed")
    }

    @Test func failingAndCorruptFilesAreReportedAndTheRunGoesOn() {
        let r = porvm("statetest", Self.fixtureDir.path)
        // truncated.json is bad input: exit 2 and one stderr line naming it (the rule of every
        // subcommand); the other files still ran: add11.json passes, add11-wrong-root.json fails
        // with its expected and actual roots.
        #expect(r.code == 2)
        #expect(r.out.contains { $0.hasPrefix("FAIL ") && $0.contains("add11-wrong-root.json") && $0.contains("stateRoot expected 0x") })
        #expect(r.err.count == 1)
        #expect(r.err.first?.hasPrefix("porvm: ") == true && r.err.first?.contains("truncated.json: not a state test fixture") == true)
        #expect(r.out.last == "1 passed, 1 failed")
    }

    @Test func onlyAMalformedFileIsExitTwoAndOneLine() {
        let r = porvm("statetest", Self.fixtureDir.appendingPathComponent("truncated.json").path)
        #expect(r.code == 2)
        #expect(r.err.count == 1 && r.err.first?.hasPrefix("porvm: ") == true)
    }

    @Test func jsonLinesHaveTheRunnerFields() throws {
        let r = porvm("statetest", "--json", Self.fixtureDir.appendingPathComponent("add11.json").path)
        let line = try #require(r.out.first)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(obj["name"] as? String == "add11")
        #expect(obj["pass"] as? Bool == true)
        #expect(obj["fork"] as? String == "Cancun")
        #expect(obj["stateRoot"] as? String == "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530")
    }

    @Test func forkFilterSkipsOtherForks() {
        let r = porvm("statetest", "--fork", "London", Self.fixtureDir.appendingPathComponent("add11.json").path)
        #expect(r.code == 0)
        #expect(r.out.last == "0 passed, 0 failed, 1 skipped")
    }

    @Test func knownFailuresDoNotFailTheRun() throws {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("known-\(UUID()).txt").path
        try "GeneralStateTests/add11-wrong-root.json add11 Cancun 0 0 0  # deliberately wrong root\n"
            .write(toFile: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: list) }
        let fixture = Self.fixtureDir.deletingLastPathComponent().appendingPathComponent("KnownFailureFixtures/GeneralStateTests/add11-wrong-root.json").path
        let r = porvm("statetest", "--known-failures", list, fixture)
        #expect(r.code == 0)
        #expect(r.out.last == "0 passed, 0 failed (1 more failed as known failures)")
    }
}
}
