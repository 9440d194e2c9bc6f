import Foundation
import Testing
import PoRScenario
@testable import Scenario

/// The package's Scenarios/ folder.
let scenariosDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios").path

/// Output lines of a run, collected.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
}

/// A runner with the PoR steps, as the tool registers them.
func porRunner(output: @escaping (String) -> Void = { _ in }) -> ScenarioRunner {
    ScenarioRunner(plugins: [PoRSteps()], output: output)
}

/// Checks and runs scenario text; returns the summary and the printed lines.
func runText(_ text: String, path: String = "inline.yaml") throws -> (ScenarioSummary, [String]) {
    let lines = Lines()
    let runner = porRunner(output: lines.add)
    let s = try runner.load(text: text, path: path)
    let summary = runner.run(s)
    return (summary, lines.all)
}

/// The error of a malformed scenario.
func malformed(_ text: String, path: String = "bad.yaml") -> ScenarioError? {
    do {
        _ = try porRunner().load(text: text, path: path)
        return nil
    } catch let e as ScenarioError {
        return e
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite struct ShippedScenarioTests {
    static let files: [String] = (try? ScenarioRunner.collect([scenariosDir])) ?? []

    @Test func thereAreScenariosForEveryGuardRail() {
        let names = Set(Self.files.map { ($0 as NSString).lastPathComponent })
        for expected in ["mint-boundary.yaml", "stale-feed.yaml", "future-updatedAt.yaml", "zero-updatedAt.yaml",
                         "non-positive-answers.yaml", "decimals-feed18-token8.yaml", "decimals-feed8-token18.yaml",
                         "paused.yaml", "reverting-feed.yaml", "burn-always-allowed.yaml", "bad-reports.yaml",
                         "circuit-breaker.yaml", "safety-margin.json", "manual-deploy.yaml", "cheats.yaml",
                         "genesis.yaml"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
    }

    @Test(arguments: ShippedScenarioTests.files)
    func shippedScenarioPasses(_ file: String) throws {
        let lines = Lines()
        let runner = porRunner(output: lines.add)
        let s = try runner.load(file)
        let summary = runner.run(s)
        let failures = lines.all.filter { $0.hasPrefix("✗") }
        #expect(summary.failed == 0, "\(failures.joined(separator: "\n"))")
        #expect(summary.passed == s.stepCount)
        // A header, then one line per step.
        #expect(lines.all.count == s.stepCount + 1)
        #expect(lines.all.dropFirst().allSatisfy { $0.hasPrefix("✓ ") })
    }
}

@Suite struct FailingScenarioTests {
    static let boundary = """
        name: boundary
        accounts: [alice]
        steps:
          - setup_por
          - report: {feed: feed, observations: [150, 160, 170]}
          - transact: token.mint
            from: minter
            args: [alice, 160]
          - transact: token.mint
            from: minter
            args: [alice, 1]
            expect: {revert: ReservesExceeded, revert_args: [162, 160]}
          - expect: {call: token.totalSupply, returns: 150}
          - transact: token.mint
            from: minter
            args: [alice, 1]
          - call: token.balanceOf
            args: [alice]
            expect: {revert: "NotMinter(alice)"}
          - expect: {balance: {account: alice, equals: "1 ether"}}
        """

    @Test func wrongExpectationsFailWithTheirLine() throws {
        let (summary, lines) = try runText(Self.boundary)
        #expect(summary == ScenarioSummary(passed: 3, failed: 5))
        #expect(lines[0] == "boundary (inline.yaml)")
        #expect(lines[3].hasPrefix("✓ 3 transact token.mint from minter → ok (gas "))
        #expect(lines[4] == "✗ 4 transact token.mint from minter → expected revert ReservesExceeded(162, 160), got reverted ReservesExceeded(161, 160)")
        #expect(lines[5] == "✗ 5 expect token.totalSupply → expected returns 150, got 160")
        #expect(lines[6] == "✗ 6 transact token.mint from minter → expected success, got reverted ReservesExceeded(161, 160)")
        #expect(lines[7] == "✗ 7 call token.balanceOf → expected revert NotMinter(alice), got success returning 160")
        #expect(lines[8] == "✗ 8 expect balance of alice → expected equals 1000000000000000000 wei, got 10000000000000000000000")
    }

    @Test func eventOrderAndGasAreChecked() throws {
        let (summary, lines) = try runText("""
            name: events
            accounts: [alice]
            steps:
              - setup_por
              - report: {feed: feed, observations: [100, 100, 100]}
                expect: {events: [AnswerUpdated, NewRound]}
              - transact: token.mint
                from: minter
                args: [alice, 10]
                expect: {gas_below: 1000}
              - transact: token.mint
                from: minter
                args: [alice, 10]
                expect: {events: [{Transfer: {to: alice, value: 11}}]}
            """)
        #expect(summary == ScenarioSummary(passed: 1, failed: 3))
        #expect(lines[2].hasPrefix("✗ 2 report feed [100, 100, 100] → expected event NewRound() (in order), got events: NewRound(roundId: 1"))
        #expect(lines[3].hasPrefix("✗ 3 transact token.mint from minter → expected gas below 1000, got "))
        #expect(lines[4] == "✗ 4 transact token.mint from minter → expected event Transfer(to: alice, value: 11) (in order), got events: Transfer(from: 0x0000000000000000000000000000000000000000, to: alice, value: 10)")
    }

    @Test func aFailedDeploymentStopsTheFile() throws {
        let (summary, lines) = try runText("""
            name: broken deploy
            steps:
              - deploy: SecureMintToken
                args: [Name, SYM, 8, "0x0000000000000000000000000000000000000000", 0, 0]
              - call: SecureMintToken.totalSupply
              - warp: +1
            """)
        #expect(summary == ScenarioSummary(passed: 0, failed: 3))
        #expect(lines[1] == "✗ 1 deploy SecureMintToken as SecureMintToken → expected success, got reverted InvalidHeartbeat(0)")
        #expect(lines[2] == "✗ 2–3 not run: step 1 failed")
    }
}

@Suite struct MalformedScenarioTests {
    static let head = "name: bad\naccounts: [alice]\nsteps:\n  - setup_por\n"

    @Test(arguments: [
        // (text, step, field, fragment of the message)
        ("name: x\nsteps: [\n", nil, nil, "invalid YAML"),
        (head + "  - mint: token.mint\n", 2, "mint", "unknown step kind 'mint'"),
        (head + "  - transact: token.mint\n    from: minter\n", 2, "args", "takes 2 argument(s), got 0"),
        (head + "  - transact: token.mint\n    from: minter\n    args: [alice, lots]\n", 2, "args[1]", "bad number \"lots\""),
        (head + "  - transact: token.mint\n    from: minter\n    args: [alice, \"1.5\"]\n", 2, "args[1]", "not a whole number"),
        (head + "  - transact: token.mint\n    from: minter\n    args: [alice, -1]\n", 2, "args[1]", "does not fit uint256"),
        (head + "  - transact: token.mint\n    from: mallory\n    args: [alice, 1]\n", 2, "from", "unknown account or contract 'mallory'"),
        (head + "  - transact: token.mint\n    from: minter\n    args: [bob, 1]\n", 2, "args[0]", "unknown account or contract 'bob'"),
        (head + "  - transact: tokn.mint\n    args: [alice, 1]\n", 2, "transact", "unknown contract 'tokn'"),
        (head + "  - transact: token.mintt\n    args: [alice, 1]\n", 2, "transact", "has no function 'mintt'"),
        (head + "  - transact: token.mint\n    args: [alice, 1]\n    form: minter\n", 2, "form", "unknown field 'form'"),
        (head + "  - call: token.paused\n    expect: {returns: maybe}\n", 2, "expect.returns", "expected true or false"),
        (head + "  - call: token.paused\n    expect: {revert: ReservesExceded}\n", 2, "expect.revert", "no custom error 'ReservesExceded'"),
        (head + "  - call: token.latestAnswer\n", 2, "call", "has no function 'latestAnswer'"),
        (head + "  - call: token.balanceOf\n    args: [alice]\n    expect: {returns: {amount: 1}}\n", 2, "expect.returns.amount", "no output 'amount'"),
        (head + "  - warp: soon\n", 2, "warp", "bad number \"soon\""),
        (head + "  - deal: {account: alice}\n", 2, "deal.balance", "missing the balance"),
        (head + "  - revert_to: start\n", 2, "revert_to", "no snapshot 'start'"),
        // A contract deployed after a snapshot is gone once reverted: its name is unknown again.
        ("name: bad\naccounts: [alice]\nsteps:\n  - snapshot: empty\n  - setup_por\n  - revert_to: empty\n  - call: token.totalSupply\n",
         4, "call", "unknown contract 'token'"),
        (head + "  - report: {feed: token, observations: [1, 2, 3]}\n", 2, "report.feed", "not a PoRAggregator"),
        (head + "  - report: {feed: feed, observations: [1, 2, \"1e60\"]}\n", 2, "report.observations[2]", "out of range"),   // beyond int192 (2^191 ≈ 3.1e57)
        (head + "  - expect: {call: token.paused, returns: true, balance: {account: alice, equals: 1}}\n", 2, "expect", "one check per step"),
        (head + "  - transact: token.mint\n    args: [alice, 1]\n    expect:\n      events: [{Transfer: {amount: 1}}]\n", 2, "expect.events[0].Transfer.amount", "has no field 'amount'"),
        (head + "  - setup_por\n", 2, "setup_por", "once per scenario"),
        ("name: bad\nsteps:\n  - report: {feed: feed, observations: [1, 2, 3]}\n", 1, "report", "no oracle committee"),
        ("name: bad\nsteps:\n  - deploy: NoSuchContract\n", 1, "deploy", "no artifact 'NoSuchContract'"),
        ("name: bad\naccounts: {alice: {balance: lots}}\nsteps:\n  - warp: 1\n", nil, "accounts.alice.balance", "bad number \"lots\""),
        ("name: bad\nfork: Frontier\nsteps:\n  - warp: 1\n", nil, "fork", "unknown fork 'Frontier'"),
        ("steps:\n  - warp: 1\n", nil, "name", "missing the scenario's name"),
        ("name: bad\nsteps: []\n", nil, "steps", "no steps"),
        ("name: bad\nstep:\n  - warp: 1\n", nil, "step", "unknown field 'step'"),
        ("- just\n- a list\n", nil, nil, "expected a mapping"),
        ("", nil, nil, "empty"),
    ] as [(String, Int?, String?, String)])
    func malformedFilesNameStepAndField(text: String, step: Int?, field: String?, fragment: String) throws {
        let e = try #require(malformed(text))
        #expect(e.file == "bad.yaml")
        #expect(e.step == step, "\(e)")
        #expect(e.field == field, "\(e)")
        #expect(e.message.contains(fragment), "\(e)")
        #expect(e.description.hasPrefix("bad.yaml"))
    }

    @Test func badJSONIsReportedAsJSON() throws {
        let e = try #require(malformed("{\"name\": \"x\", \"steps\": [}", path: "bad.json"))
        #expect(e.message.hasPrefix("invalid JSON"), "\(e)")
        let e2 = try #require(malformed("{\"name\": \"x\", \"steps\": [{\"warp\": \"+1\"}, {\"roll\": true}]}", path: "bad.json"))
        #expect(e2.step == 2 && e2.field == "roll", "\(e2)")
    }

    @Test func errorDescriptionNamesFileLineStepAndField() throws {
        let e = try #require(malformed(Self.head + "  - transact: token.mint\n    from: minter\n    args: [alice, lots]\n"))
        #expect(e.description == "bad.yaml:7, step 2, field 'args[1]': bad number \"lots\": not a number")
    }

    @Test func nothingRunsBeforeTheWholeFileIsChecked() throws {
        // Step 3 is malformed: load throws and step 1 never ran (no chain is built while checking).
        let e = try #require(malformed(Self.head + "  - warp: +1\n  - roll: later\n"))
        #expect(e.step == 3)
    }

    @Test(arguments: ["\u{0}\u{1}binary", "name: [unclosed", "name: x\nsteps:\n  - {warp: 1, roll: 2}\n",
                      "name: x\nsteps:\n  - warp: 1\n    warp: 2\n", "name: x\nsteps:\n  - 42\n",
                      "name: x\nsteps:\n  - transact: .\n", "name: x\nsteps:\n  - call: a.\n",
                      "name: x\nsteps:\n  - report: {feed: f, observations: []}\n",
                      "name: x\nsteps:\n  - store: {address: \"0x12\", slot: 1, value: 1}\n",
                      "name: x\nsteps:\n  - etch: {address: deployer, code: \"0xzz\"}\n",
                      "name: x\naccounts: {a: {privateKey: \"0x00\"}}\nsteps:\n  - warp: 1\n",
                      "name: x\naccounts: {1a: {}}\nsteps:\n  - warp: 1\n",
                      "name: x\nsteps:\n  - warp: \"+99999999999999999999999\"\n"])
    func hostileInputIsAnErrorNotATrap(text: String) {
        #expect(malformed(text) != nil)
    }
}

@Suite struct NumberTests {
    @Test(arguments: [
        ("160", false, "160"), ("-5", false, "-5"), ("1_000", false, "1000"), ("0x1f", false, "31"),
        ("1.5 ether", false, "1500000000000000000"), ("2 gwei", false, "2000000000"), ("1.6e18", false, "1600000000000000000"),
        ("1e0", false, "1"), ("160e10", false, "1600000000000"), ("+7", false, "7"),
        ("2 hours", true, "7200"), ("1d", true, "86400"), ("90s", true, "90"), ("1.5e1", false, "15"),
    ])
    func parses(text: String, time: Bool, value: String) throws {
        guard case .success(let n) = Numbers.parse(text, time: time) else { Issue.record("\(text) did not parse"); return }
        #expect(n.description == value)
    }

    @Test(arguments: ["1.5", "1.0000000000000000001 ether", "abc", "1 parsec", "", "0x", "1e999", "0x" + String(repeating: "f", count: 65),
                      "1" + String(repeating: "0", count: 80)])
    func rejects(text: String) {
        if case .success(let n) = Numbers.parse(text) { Issue.record("\(text) parsed as \(n)") }
    }
}

/// Issue 8: scenario text that trapped or exhausted memory is a malformed file.
@Suite struct HostileScenarioTests {
    @Test(arguments: ["1e-9223372036854775808", "1e9223372036854775807", "1e-101", "1e101", "5e99999999999999999999"])
    func extremeExponentsAreBadNumbers(number: String) throws {
        let e = try #require(malformed("name: x\nsteps:\n  - warp: \"\(number)\"\n"))
        #expect(e.field == "warp")
        #expect(e.message.contains("bad exponent") || e.message.contains("too large"), "\(e)")
    }

    @Test func aliasBombIsRefusedBeforeItGrows() throws {
        // Each level names the previous one ten times: 10^10 nodes at the last level from 600 bytes.
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "name: bomb\nsteps:\n  - warp: 1\n"
        #expect(text.utf8.count <= 600)
        let start = ContinuousClock.now
        let e = try #require(malformed(text))
        #expect(e.message.contains("expands (YAML aliases included) to more than 100000 nodes"), "\(e)")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func longStringsViaAliasesAreBounded() throws {
        let big = String(repeating: "y", count: 1 << 20)
        var text = "s: &s \"\(big)\"\n" + "l: [" + Array(repeating: "*s", count: 20).joined(separator: ", ") + "]\n"
        text += "name: long\nsteps:\n  - warp: 1\n"
        let e = try #require(malformed(text))
        #expect(e.message.contains("MiB of text"), "\(e)")
    }

    @Test func wideMappingsAreCheckedInLinearTime() throws {
        // 50,000 distinct keys: duplicate detection was quadratic.
        let keys = (0..<50_000).map { "k\($0): 1" }.joined(separator: ", ")
        let start = ContinuousClock.now
        let e = try #require(malformed("name: x\nextra: {\(keys)}\nsteps:\n  - warp: 1\n"))
        #expect(e.field == "extra")
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func endlessFilesAreRefused() throws {
        #expect(throws: ScenarioError.self) { try porRunner().load("/dev/zero") }
    }

    @Test func etchedTrapCodeIsAStatusNotACrash() throws {
        // Issue 8's five bytes (a zero-size CALLDATACOPY to 2^256 - 1) succeed with empty output,
        // which totalSupply() cannot decode: that check fails, the run goes on to the end.
        let text = """
        name: etch
        steps:
          - setup_por
          - etch: {address: token, code: "0x5f5f5f1937"}
          - call: token.totalSupply
          - warp: "+1"
        """
        let (summary, lines) = try runText(text)
        #expect(summary.passed == 3 && summary.failed == 1, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("✗ 3 call token.totalSupply") }, "\(lines)")
    }
}

/// Issue 9: a failure's text says each word once (was `got reverted reverted without data`) and
/// names a halt as a halt (was `reverted … (out of gas)`).
@Suite struct FailureWordingTests {
    @Test func revertWithoutDataAndHaltsAreNamedOnce() throws {
        let text = """
        name: wording
        steps:
          - setup_por
          - etch: {address: token, code: "0x60006000fd"}
          - call: token.totalSupply
          - call: token.totalSupply
            expect: {revert: any}
          - etch: {address: token, code: "0xfe"}
          - call: token.totalSupply
        """
        let (_, lines) = try runText(text)
        #expect(lines.contains("✗ 3 call token.totalSupply → expected success, got reverted without data"), "\(lines)")
        #expect(lines.contains("✓ 4 call token.totalSupply → reverted without data as expected"), "\(lines)")
        #expect(lines.contains("✗ 6 call token.totalSupply → expected success, got halted: invalid instruction"), "\(lines)")
    }
}
