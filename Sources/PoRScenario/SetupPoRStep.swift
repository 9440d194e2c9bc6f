import Foundation
import ABI
import EVM
import Harness
import PoR
import Scenario
import UInt256
import Primitives

/// `setup_por: {…}`: PoRAggregator, SecureMintToken and ReserveCircuitBreaker deployed with
/// `PoRDeployment` and wired, named `feed`, `token`, `breaker`; the accounts `owner`
/// (= deployer), `minter`, `forwarder` and the committee. Each contract comes from the first
/// artifact folder holding it: the file's `artifacts:` in order, then `Fixtures/`, so that a
/// modified token is what gets tested.
struct SetupPoRStep: ScenarioStep {
    let label = "setup_por"
    let settings: PoRDeployment.Settings
    let artifacts: PoRDeployment.Artifacts
    /// Stand-in addresses of feed, token and breaker.
    let placeholders: [Address]
    /// Accounts to fund once deployed, with their balances.
    let funded: [(TestAccount, U256)]
    /// Artifacts not from the plug-in's folders, shown in the step's line.
    let ownArtifacts: [String]

    /// What setup_por calls on each contract besides the constructor, with the constructor's arity.
    static let needs: [(name: String, constructorInputs: Int, functions: [String])] = [
        (FixtureArtifacts.aggregator, 4, ["setConfig", "transmit", "latestConfigDetails"]),
        (FixtureArtifacts.token, 6, ["setMinter", "setPauser"]),
        (FixtureArtifacts.breaker, 3, ["setForwarder"]),
    ]

    static func parse(_ f: Fields, scope: Scope) throws -> SetupPoRStep {
        try f.only(["setup_por", "expect"], in: "a setup_por step")
        if f.has("expect") { throw FieldError(path: "expect", line: f.line, message: "setup_por takes no expect (it must succeed)") }
        var state = PoRScope.of(scope)
        guard !state.setupDone else { throw FieldError(path: "setup_por", line: f.line, message: "setup_por may appear once per scenario") }
        var s = PoRDeployment.Settings()
        if let d = f["setup_por"], !(d.scalarText.map { ["true", "yes"].contains($0.lowercased()) } ?? false) {
            let o = try Fields(d, path: "setup_por", prefix: "setup_por.")
            try o.only(["feed_decimals", "token_decimals", "description", "min_answer", "max_answer", "heartbeat",
                        "margin_bps", "oracles", "f"], in: "setup_por")
            if let v = o["feed_decimals"] { s.feedDecimals = UInt64(try Numbers.smallInt(v, path: o.path("feed_decimals"), range: 0...255)) }
            if let v = o["token_decimals"] { s.tokenDecimals = UInt64(try Numbers.smallInt(v, path: o.path("token_decimals"), range: 0...255)) }
            if let v = try o.optionalString("description", what: "a description") {
                guard v.utf8.count <= 100 else { throw FieldError(path: o.path("description"), line: o.line, message: "at most 100 bytes") }
                s.description = v
            }
            if let v = o["min_answer"] { s.minAnswer = try Answer.read(v, path: o.path("min_answer")) }
            if let v = o["max_answer"] { s.maxAnswer = try Answer.read(v, path: o.path("max_answer")) }
            if let v = o["heartbeat"] { s.heartbeat = try Numbers.uint64(v, path: o.path("heartbeat"), time: true) }
            if let v = o["margin_bps"] { s.marginBps = try Numbers.uint64(v, path: o.path("margin_bps")) }
            if let v = o["oracles"] { s.committeeSize = try Numbers.smallInt(v, path: o.path("oracles"), range: 1...31) }
            if let v = o["f"] { s.f = try Numbers.smallInt(v, path: o.path("f"), range: 0...30) }
            if let c = state.committee {
                if o.has("oracles") && s.committeeSize != c.oracles.count || o.has("f") && s.f != c.f {
                    throw FieldError(path: "setup_por.oracles", line: o.line, message: "differs from the top-level oracles: {count: \(c.oracles.count), f: \(c.f)}")
                }
            }
        }
        if let c = state.committee { s.committeeSize = c.oracles.count; s.f = c.f }
        guard s.f + 1 <= s.committeeSize else {
            throw FieldError(path: "setup_por.f", line: f.line, message: "f+1 signatures are needed, more than the \(s.committeeSize) oracles")
        }
        guard s.minAnswer <= s.maxAnswer else {
            throw FieldError(path: "setup_por.min_answer", line: f.line, message: "min_answer \(s.minAnswer) is above max_answer \(s.maxAnswer)")
        }
        for n in ["feed", "token", "breaker"] { try scope.checkFree(n, path: "setup_por", line: f.line) }
        for n in ["minter", "forwarder", "owner"] where scope.declared[n]?.hasKey == true || (n == "owner" && scope.declared[n] != nil) {
            throw FieldError(path: "accounts.\(n)", line: f.line, message: "setup_por defines the account '\(n)'; do not declare it with a key")
        }

        let loaded = try needs.map { try artifact($0, scope: scope, line: f.line) }
        let fixtures = Set(PoRSteps().artifactFolders.map { ($0 as NSString).standardizingPath })
        let own = needs.compactMap { n -> String? in
            guard let p = scope.artifacts.path(of: n.name) else { return nil }
            return fixtures.contains(((p as NSString).deletingLastPathComponent as NSString).standardizingPath) ? nil : p
        }

        state.setupDone = true
        state.save(in: scope)
        let placeholders = [scope.placeholderAddress(), scope.placeholderAddress(), scope.placeholderAddress()]
        for (i, n) in ["feed", "token", "breaker"].enumerated() {
            scope.bind(contract: Bound(name: n, abi: loaded[i].abi, address: placeholders[i], artifact: loaded[i].contractName))
        }
        var funded: [(TestAccount, U256)] = []
        for n in ["minter", "forwarder"] {
            let a = TestAccount(named: n)
            scope.bind(account: a)
            funded.append((a, scope.declared[n]?.balance ?? ether(100)))
        }
        if let deployer = scope.accounts["deployer"] { scope.bind(name: "owner", to: deployer) }
        if state.committee == nil {
            let c = try PoRSteps.makeCommittee(count: s.committeeSize, f: s.f, path: "setup_por", line: f.line, scope: scope)
            funded += c.oracles.map { ($0, PoRSteps.oracleBalance($0, scope: scope)) }
        }
        return SetupPoRStep(settings: s, artifacts: PoRDeployment.Artifacts(feed: loaded[0], token: loaded[1], breaker: loaded[2]),
                            placeholders: placeholders, funded: funded, ownArtifacts: own)
    }

    /// One of the three contracts, refused when it lacks what setup_por calls on it.
    static func artifact(_ need: (name: String, constructorInputs: Int, functions: [String]), scope: Scope, line: Int?) throws -> Artifact {
        let a = try scope.artifacts.load(need.name, path: "setup_por", line: line)
        let source = scope.artifacts.path(of: need.name) ?? need.name
        let inputs = a.abi.constructor?.inputs.count ?? 0
        guard inputs == need.constructorInputs else {
            throw FieldError(path: "setup_por", line: line, message: "\(source): the constructor takes \(inputs) argument(s); "
                             + "setup_por deploys \(need.name) with \(need.constructorInputs)")
        }
        for fn in need.functions where !a.abi.functions.contains(where: { $0.name == fn }) {
            throw FieldError(path: "setup_por", line: line, message: "\(source) has no function '\(fn)', which setup_por needs")
        }
        return a
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let por: PoRDeployment
        do { por = try PoRDeployment(chain: c.chain, settings: settings, artifacts: artifacts) } catch {
            return StepOutcome(ok: false, text: "setup_por failed: \(error)", fatal: true)
        }
        let deployed = [por.feed.address, por.token.address, por.breaker.address]
        for (p, a) in zip(placeholders, deployed) { c.relocate(p, to: a) }
        for (a, balance) in funded { c.chain.addAccount(a, balance: balance) }
        let s = settings
        var text = "feed \(deployed[0]), token \(deployed[1]), breaker \(deployed[2]) "
            + "(feed \(s.feedDecimals) decimals, token \(s.tokenDecimals), heartbeat \(s.heartbeat) s, \(s.committeeSize) oracles, f=\(s.f))"
        if !ownArtifacts.isEmpty { text += "; from " + ownArtifacts.joined(separator: ", ") }
        return StepOutcome(ok: true, text: text)
    }
}
