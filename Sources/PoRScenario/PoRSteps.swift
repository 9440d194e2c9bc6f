import ABI
import EVM
import Harness
import PoR
import Scenario
import UInt256

/// PoR's scenario steps as a plug-in: `setup_por` (the three contracts deployed and wired),
/// `report` (a signed oracle report transmitted to a feed), and the top-level
/// `oracles: {count, f}` committee. `Fixtures/` is searched for artifacts after the file's own
/// folders. The tool registers it: `ScenarioRunner(plugins: [PoRSteps()], output: …)`.
public struct PoRSteps: ScenarioPlugin {
    public init() {}

    public var stepKinds: [String] { ["setup_por", "report"] }
    public var topLevelKeys: [String] { ["oracles"] }
    public var artifactFolders: [String] { (try? FixtureArtifacts.directory()).map { [$0] } ?? [] }

    public func readTopLevel(_ top: Fields, scope: Scope) throws {
        guard let doc = top["oracles"] else { return }
        let f = try Fields(doc, path: "oracles", prefix: "oracles.")
        try f.only(["count", "f"], in: "oracles")
        let count = try f["count"].map { try Numbers.smallInt($0, path: "oracles.count", range: 1...31) } ?? 4
        let faults = try f["f"].map { try Numbers.smallInt($0, path: "oracles.f", range: 0...30) } ?? max(1, (count - 1) / 3)
        guard faults + 1 <= count else {
            throw FieldError(path: "oracles.f", line: f.line, message: "f+1 signatures are needed, more than the \(count) oracles")
        }
        _ = try Self.makeCommittee(count: count, f: faults, path: "oracles", line: f.line, scope: scope)
    }

    public func parse(kind: String, step: Fields, scope: Scope) throws -> ScenarioStep {
        kind == "setup_por" ? try SetupPoRStep.parse(step, scope: scope) : try ReportStep.parse(step, scope: scope)
    }

    /// The committee's accounts `oracle1`…`oracleN`, bound (and funded: a declared balance or 100 ether).
    static func makeCommittee(count: Int, f: Int, path: String, line: Int?, scope: Scope) throws -> OracleCommittee {
        let c = OracleCommittee(size: count, f: f)
        for o in c.oracles {
            if let d = scope.declared[o.name], d.hasKey {
                throw FieldError(path: path, line: line, message: "account '\(o.name)' has its own key; oracle names are oracle1, oracle2…")
            }
            scope.bind(account: o, balance: oracleBalance(o, scope: scope))
        }
        var state = PoRScope.of(scope)
        state.committee = c
        state.save(in: scope)
        return c
    }

    static func oracleBalance(_ a: TestAccount, scope: Scope) -> U256 { scope.declared[a.name]?.balance ?? ether(100) }
}

/// What the checking pass knows of PoR at a step (restored with the names by `revert_to`).
struct PoRScope {
    static let key = "PoR"
    var committee: OracleCommittee?
    var setupDone = false

    static func of(_ scope: Scope) -> PoRScope { scope.extras[key] as? PoRScope ?? PoRScope() }
    func save(in scope: Scope) { scope.extras[Self.key] = self }
}

/// What a run knows of PoR: the last accepted report per feed, for `replay`.
struct PoRRunState {
    static let key = "PoR.lastReport"
    static func lastReport(_ c: ScenarioContext) -> [String: OracleCommittee.Report] {
        c.extras[key] as? [String: OracleCommittee.Report] ?? [:]
    }
    static func setLastReport(_ r: OracleCommittee.Report, feed: String, in c: ScenarioContext) {
        var all = lastReport(c)
        all[feed] = r
        c.extras[key] = all
    }
}

extension Answer {
    /// A feed answer as a scenario writes it: an int192, as the aggregator stores it.
    static func read(_ doc: Doc, path: String) throws -> Answer {
        let n = try Numbers.number(doc, path: path)
        let bound = U256.one.shiftedLeft(byBits: 191)
        guard n.negative ? !(bound < n.magnitude) : n.magnitude < bound else {
            throw FieldError(path: path, line: doc.line, message: "\(n) is out of range for int192")
        }
        return Answer(word: n.negative ? n.magnitude.negated : n.magnitude)
    }
}
