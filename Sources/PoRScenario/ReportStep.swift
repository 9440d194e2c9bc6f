import ABI
import EVM
import Harness
import PoR
import Scenario
import UInt256

/// `report: {feed, observations, signers, transmitter, epoch_and_round, observers, replay}`:
/// the committee signs the observations for the feed's current config and one of them
/// transmits the report (or the last accepted report is sent again).
struct ReportStep: ScenarioStep {
    let label: String
    let feedName: String
    let feed: Bound
    let committee: OracleCommittee
    let replay: Bool
    let observations: [Answer]
    let signers: [TestAccount]?
    let transmitter: TestAccount?
    let epochAndRound: UInt64?
    let observers: [UInt8]?
    let expect: CallExpect
    let names: Names

    static func parse(_ f: Fields, scope: Scope) throws -> ReportStep {
        try f.only(["report", "expect"], in: "a report step")
        let r = try Fields(f.require("report", what: "the report"), path: "report", prefix: "report.")
        try r.only(["feed", "observations", "signers", "transmitter", "epoch_and_round", "replay", "observers"], in: "report")
        guard let committee = PoRScope.of(scope).committee else {
            throw FieldError(path: "report", line: r.line, message: "no oracle committee: add `oracles: {count: 4, f: 1}` at the top, or a setup_por step before")
        }
        let feedName = try r.string("feed", what: "the feed contract")
        guard let feed = scope.contracts[feedName] else {
            let known = scope.contractNames
            throw FieldError(path: "report.feed", line: r.line, message: "unknown contract '\(feedName)'" + (known.isEmpty ? "" : " (contracts: \(known.joined(separator: ", ")))"))
        }
        guard feed.abi.functions.contains(where: { $0.name == "transmit" }),
              feed.abi.functions.contains(where: { $0.name == "latestConfigDetails" }) else {
            throw FieldError(path: "report.feed", line: r.line, message: "\(feedName) (\(feed.artifact)) is not a PoRAggregator (no transmit)")
        }
        let replay = try r["replay"].map { try Numbers.bool($0, path: "report.replay") } ?? false
        var observations: [Answer] = []
        if replay {
            for k in ["observations", "signers", "epoch_and_round", "observers"] where r.has(k) {
                throw FieldError(path: r.path(k), line: r.line, message: "replay resends the previous report unchanged; remove \(k)")
            }
        } else {
            guard let obs = try r.list("observations") else {
                throw FieldError(path: "report.observations", line: r.line, message: "missing the observations (a list of numbers)")
            }
            guard !obs.isEmpty, obs.count <= 31 else {
                throw FieldError(path: "report.observations", line: r.line, message: "give 1 to 31 observations, got \(obs.count)")
            }
            observations = try obs.enumerated().map { try Answer.read($1, path: "report.observations[\($0)]") }
        }
        let signers = try r.list("signers")?.enumerated().map { try scope.account($1, path: "report.signers[\($0)]") }
        if let signers, signers.count > 32 || signers.isEmpty {
            throw FieldError(path: "report.signers", line: r.line, message: "give 1 to 32 signers")
        }
        let transmitter = try r["transmitter"].map { try scope.account($0, path: "report.transmitter") }
        let epochAndRound = try r["epoch_and_round"].map { d -> UInt64 in
            let v = try Numbers.uint64(d, path: "report.epoch_and_round")
            guard v < 1 << 40 else { throw FieldError(path: "report.epoch_and_round", line: d.line, message: "\(v) does not fit uint40") }
            return v
        }
        let observers = try r.list("observers")?.enumerated().map { UInt8(try Numbers.smallInt($1, path: "report.observers[\($0)]", range: 0...255)) }
        let expect = try f["expect"].map { try scope.callExpect($0, path: "expect", function: nil, extraABIs: [], allowReturns: false) } ?? CallExpect()

        var l = "report \(feedName) " + (replay ? "(replay)" : "[" + observations.map(String.init).joined(separator: ", ") + "]")
        if let signers { l += " signed by " + signers.map(\.name).joined(separator: ", ") }
        if let transmitter { l += " from \(transmitter.name)" }
        return ReportStep(label: l, feedName: feedName, feed: feed, committee: committee, replay: replay,
                          observations: observations, signers: signers, transmitter: transmitter,
                          epochAndRound: epochAndRound, observers: observers, expect: expect, names: scope.names)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let contract = c.contract(feed)
        let rep: OracleCommittee.Report
        if replay {
            guard let last = PoRRunState.lastReport(c)[feedName] else { return StepOutcome(ok: false, text: "no previous report to \(feedName) to replay") }
            rep = last
        } else {
            let details = try contract.readAll("latestConfigDetails")
            guard details.count == 3, let digest = details[2].bytesValue, digest.count == 32 else {
                return StepOutcome(ok: false, text: "latestConfigDetails returned \(details)")
            }
            var next: UInt64 = 1
            if let er = epochAndRound { next = er } else if feed.abi.functions.contains(where: { $0.name == "latestTransmissionDetails" }) {
                let t = try contract.readAll("latestTransmissionDetails")
                if t.count == 5, let epoch = t[1].uint64Value, let round = t[2].uint64Value { next = (epoch << 8 | round) + 1 }
            }
            rep = try committee.report(configDigest: U256(bigEndianBytes: digest), epochAndRound: next,
                                       observations: observations, signers: signers, observers: observers)
        }
        let outcome = try contract.transact("transmit", arguments: rep.transmitArguments,
                                            from: transmitter ?? committee.transmitters[0])
        if outcome.succeeded { PoRRunState.setLastReport(rep, feed: feedName, in: c) }
        var (ok, text) = c.live(expect).judge(outcome, showValues: false, names: c.live(names))
        if ok, outcome.succeeded {
            let round = outcome.events(named: "AnswerUpdated").first?["roundId"].map { ", round \($0)" } ?? ""
            let answer = rep.observations.isEmpty ? "" : "answer \(rep.median)\(round)"
            text = text.hasPrefix("ok") ? answer : answer + ", " + text
        }
        return StepOutcome(ok: ok, text: text)
    }
}
