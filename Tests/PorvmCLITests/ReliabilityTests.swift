import Foundation
import Testing
@testable import PorvmCLI

/// Issue 8's reproducers, as the user met them on the command line. The contract of every
/// subcommand (README, "Exit codes"): bad input is exit 2 with one `porvm: ` line on stderr,
/// without control characters; whatever the code does is a status (exit 0 or 1); nothing hangs.
extension CLITests {
@Suite struct ReliabilityTests {
    static func expectBadInput(_ r: (code: Int32, out: [String], err: [String]), _ fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.code == 2, "\(r)", sourceLocation: sourceLocation)
        #expect(r.err.count == 1, "\(r.err)", sourceLocation: sourceLocation)
        let line = r.err.first ?? ""
        #expect(line.hasPrefix("porvm: "), sourceLocation: sourceLocation)
        if !fragment.isEmpty { #expect(line.contains(fragment), "\(line)", sourceLocation: sourceLocation) }
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }, "\(line)", sourceLocation: sourceLocation)
    }

    @Test func zeroSizeCopyToAHugeOffsetSucceeds() {
        // PUSH0 ×3, NOT, CALLDATACOPY: a zero-size copy expands no memory (Yellow Paper §9.1);
        // gas 2+2+2+3+3 = 12 (Shanghai's PUSH0 is 2, EIP-3855).
        let r = porvm("run", "--code", "5f5f5f1937")
        #expect(r.code == 0)
        #expect(r.out.contains("status: success"))
        #expect(r.out.contains("gasUsed: 12"))
        let b = porvm("bench", "--code", "5f5f5f1937", "--iterations", "3")
        #expect(b.code == 0)
        #expect(b.out.contains("output: "))
    }

    @Test func negativeAndHugeGasAreOneClearLine() {
        Self.expectBadInput(porvm("run", "--code", "00", "--gas", "-1"), "gas must be between 0 and 1000000000, got -1")
        Self.expectBadInput(porvm("run", "--code", "00", "--gas", "9223372036854775807"), "gas must be between")
        Self.expectBadInput(porvm("bench", "--code", "00", "--gas", "-5"), "gas must be between")
        let max = porvm("run", "--code", "00", "--gas", "1000000000")
        #expect(max.code == 0)
    }

    @Test func iterationsAreBounded() {
        Self.expectBadInput(porvm("bench", "--code", "00", "--iterations", "9223372036854775807"), "iterations must be between 1 and 1000000000")
        Self.expectBadInput(porvm("bench", "--code", "00", "--iterations", "100000000000"), "iterations must be between")
        Self.expectBadInput(porvm("bench", "--code", "00", "--iterations", "-1"), "iterations must be between")
    }

    @Test func batchedTimingKeepsTheProtocol() throws {
        // More calls than samples: the last line is still one number of nanoseconds per call.
        let r = porvm("bench", "--code", "00", "--iterations", "1000001")
        #expect(r.code == 0)
        let last = try #require(r.out.last)
        #expect(Double(last) != nil, "\(last)")
    }

    @Test func endlessFilesAreRefused() {
        Self.expectBadInput(porvm("run", "--code", "@/dev/zero"), "larger than 64 MiB")
        Self.expectBadInput(porvm("run", "--code", "00", "--input", "@/dev/zero"), "larger than 64 MiB")
        let fixtures = StateTestCommandTests.fixtureDir.path
        Self.expectBadInput(porvm("statetest", "--known-failures", "/dev/zero", fixtures), "known-failures file: '/dev/zero' is larger than 64 MiB")
    }

    @Test func controlCharactersAreEscaped() {
        // ESC [ 2 J would clear the terminal if echoed raw.
        Self.expectBadInput(porvm("run", "--code", "60\u{1b}[2J"), "invalid hex character byte 0x1b at position 2")
        Self.expectBadInput(porvm("run", "--code", "00", "--fork", "x\u{7}\u{1b}]0;pwned\u{7}"), "unknown fork 'x\\u{7}\\u{1B}]0;pwned\\u{7}'")
        Self.expectBadInput(porvm("run", "--code", "00é"), "invalid hex character byte 0xc3")
    }

    @Test func longMessagesAreCut() {
        let r = porvm("run", "--code", "00", "--fork", String(repeating: "x", count: 100_000))
        Self.expectBadInput(r, "unknown fork")
        #expect((r.err.first?.count ?? 0) <= Porvm.maxErrorLength + 1)
    }

    @Test func threadCountIsBounded() {
        Self.expectBadInput(porvm("statetest", "--threads", "1000000", "/nonexistent"), "threads must be between 1 and 64")
        Self.expectBadInput(porvm("statetest", "--threads", "-3", "/nonexistent"), "threads must be between")
    }

    @Test func hugeExcessBlobGasInAFixtureEndsQuickly() throws {
        // add11.json with currentExcessBlobGas 2^64-1: the blob fee loop ran for days.
        let dir = StateTestCommandTests.fixtureDir
        var text = try String(contentsOf: dir.appendingPathComponent("add11.json"), encoding: .utf8)
        let env = try #require(text.range(of: "\"env\" : {") ?? text.range(of: "\"env\": {"))
        text.insert(contentsOf: "\"currentExcessBlobGas\" : \"0xffffffffffffffff\",", at: env.upperBound)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("excess-\(UUID()).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = Date()
        let r = porvm("statetest", path)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(r.code == 0 || r.code == 1, "\(r)")
        #expect(r.out.last?.hasSuffix("failed") == true, "\(r)")
    }
}
}
