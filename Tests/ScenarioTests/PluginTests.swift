import Foundation
import Testing
import Harness
import UInt256
import Scenario

/// What a test plug-in saw, in order.
final class Journal: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
}

/// A third-party plug-in, as a fuzzer or a simulator would write one: a top-level key
/// (`faucet: amount`), a step that funds an account (`drip: name`) and a step that records
/// when it is read and when it runs (`probe: text`). Uses only the public API.
struct FaucetPlugin: ScenarioPlugin {
    let journal: Journal
    var stepKinds: [String] { ["drip", "probe", "deploy"] }   // "deploy" stays the built-in's
    var topLevelKeys: [String] { ["faucet"] }

    func readTopLevel(_ top: Fields, scope: Scope) throws {
        let amount = try top["faucet"].map { try Numbers.unsigned($0, path: "faucet", what: "an amount") } ?? U256.one
        scope.extras["faucet"] = amount
    }

    struct Drip: ScenarioStep {
        let label: String
        let account: TestAccount
        let amount: U256
        func run(in context: ScenarioContext) throws -> StepOutcome {
            context.chain.deal(account, amount)
            return StepOutcome(ok: true, text: "\(amount) wei")
        }
    }

    struct Probe: ScenarioStep {
        let label: String
        let journal: Journal
        func run(in context: ScenarioContext) throws -> StepOutcome {
            journal.add("run \(label)")
            return StepOutcome(ok: true, text: "block \(context.chain.block.number)")
        }
    }

    func parse(kind: String, step: Fields, scope: Scope) throws -> ScenarioStep {
        try step.only([kind], in: "a \(kind) step")
        let text = try step.string(kind, what: kind == "drip" ? "an account name" : "a word")
        if kind == "probe" {
            journal.add("read \(text)")
            return Probe(label: "probe \(text)", journal: journal)
        }
        let account = try scope.account(try step.require(kind, what: "an account"), path: kind)
        return Drip(label: "drip \(text)", account: account, amount: scope.extras["faucet"] as? U256 ?? U256.one)
    }
}

@Suite struct PluginTests {
    @Test func aThirdPartyPluginAddsStepsAndTopLevelKeys() throws {
        let journal = Journal(), lines = Lines()
        let runner = ScenarioRunner(plugins: [FaucetPlugin(journal: journal)], output: lines.add)
        let s = try runner.load(text: """
            name: faucet
            faucet: "2 ether"
            accounts: {alice: {balance: 0}}
            steps:
              - drip: alice
              - expect: {balance: {account: alice, equals: "2 ether"}}
            """, path: "faucet.yaml")
        #expect(runner.run(s) == ScenarioSummary(passed: 2, failed: 0), "\(lines.all)")
        #expect(lines.all[1] == "✓ 1 drip alice → 2000000000000000000 wei")
        // Its fields are checked like the built-ins', with the same one-line errors.
        var error: ScenarioError?
        do { _ = try runner.load(text: "name: x\nsteps:\n  - drip: mallory\n", path: "bad.yaml") } catch let e as ScenarioError { error = e }
        let e = try #require(error)
        #expect(e.description.hasPrefix("bad.yaml:3, step 1, field 'drip': unknown account 'mallory'"), "\(e)")
    }

    @Test func everyStepIsReadBeforeTheFirstRuns() throws {
        let journal = Journal(), lines = Lines()
        let runner = ScenarioRunner(plugins: [FaucetPlugin(journal: journal)], output: lines.add)
        let s = try runner.load(text: "name: order\nsteps:\n  - probe: a\n  - roll: +1\n  - probe: b\n", path: "order.yaml")
        #expect(journal.all == ["read a", "read b"])
        #expect(runner.run(s) == ScenarioSummary(passed: 3, failed: 0))
        #expect(journal.all == ["read a", "read b", "run probe a", "run probe b"])
        #expect(lines.all.last == "✓ 3 probe b → block 2")
    }

    @Test func aFileWithAnErrorInStepNineRunsNothing() throws {
        let journal = Journal()
        let runner = ScenarioRunner(plugins: [FaucetPlugin(journal: journal)], output: { _ in })
        let steps = (1...8).map { "  - probe: s\($0)\n" }.joined() + "  - roll: never\n"
        var error: ScenarioError?
        do { _ = try runner.load(text: "name: x\nsteps:\n" + steps, path: "x.yaml") } catch let e as ScenarioError { error = e }
        let e = try #require(error)
        #expect(e.step == 9 && e.field == "roll", "\(e)")
        // All eight were read; none ran (a run needs the checked file, which was refused).
        #expect(journal.all == (1...8).map { "read s\($0)" })
    }

    @Test func aPluginCannotReplaceABuiltinStep() throws {
        let runner = ScenarioRunner(plugins: [FaucetPlugin(journal: Journal())], output: { _ in })
        // `deploy` is still the built-in one: it looks for an artifact (the plug-in would want an account).
        do {
            _ = try runner.load(text: "name: x\nartifacts: .\nsteps:\n  - deploy: NoSuchArtifact\n", path: "/tmp/x.yaml")
            Issue.record("accepted")
        } catch let e as ScenarioError {
            #expect(e.message.hasPrefix("no artifact 'NoSuchArtifact'"), "\(e)")
        }
    }

    @Test func withoutThePoRPluginSetupPoRIsUnknown() throws {
        // The engine alone knows no PoR: the tool registers PoRSteps.
        do {
            _ = try ScenarioRunner(output: { _ in }).load(text: "name: x\noracles: {count: 4}\nsteps:\n  - setup_por\n", path: "x.yaml")
            Issue.record("accepted")
        } catch let e as ScenarioError {
            #expect(e.field == "oracles" && e.message.hasPrefix("unknown field 'oracles'"), "\(e)")
        }
        do {
            _ = try ScenarioRunner(output: { _ in }).load(text: "name: x\nsteps:\n  - setup_por\n", path: "x.yaml")
            Issue.record("accepted")
        } catch let e as ScenarioError {
            #expect(e.step == 1 && e.message.hasPrefix("unknown step kind 'setup_por' (known: deploy, call, transact"), "\(e)")
        }
    }
}
