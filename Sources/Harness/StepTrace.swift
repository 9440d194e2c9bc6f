import Foundation
import EVM
import ABI
import Primitives
import UInt256

/// One recorded transaction for the step-through page: the transaction, its outcome, the steps
/// (`StepRecorder`), and the names the chain gives its frames, logs and addresses, decoded with
/// the ABIs the chain knows once the transaction ran (as `--call-tree` prints them).
public struct StepTrace {
    public let transaction: SentTransaction
    public let outcome: CallOutcome?
    public let recorder: StepRecorder
    /// Per frame: `Contract::function(arguments)` and its decoded result (`← [Revert] …`).
    public let frameCalls: [String]
    public let frameResults: [String]
    /// Per log (in `recorder.logs` order): `emit Event(name: value, …)`.
    public let logTexts: [String]
    /// Names of the accounts and contracts the chain knows, by address (0x-prefixed hex).
    public let names: [String: String]
    /// A caption: the scenario step or command that sent it.
    public var caption = ""
    /// Values read before and after the transaction (supply, reserves, …): label, before, after.
    public var panel: [(label: String, before: String, after: String)] = []
    /// Source maps of the code the call frames ran, by code address, as the chain knew them
    /// when the transaction ended (a later etch or deploy cannot change this trace's lines).
    public var sourceMaps: [Address: SourceMap] = [:]

    public init(transaction: SentTransaction, outcome: CallOutcome?, recorder: StepRecorder, chain: Chain?) {
        self.transaction = transaction
        self.outcome = outcome
        self.recorder = recorder
        guard let chain else {
            frameCalls = recorder.frames.map { f in
                let m = f.message
                return (m.kind.isCreate ? "new \(f.createdAddress ?? m.recipient)" : "\(m.recipient)") + " input " + Hex.encode(m.input, prefix: true)
            }
            frameResults = recorder.frames.map { $0.status.map { "← [\($0)]" } ?? "" }
            logTexts = recorder.logs.map { "log from \($0.log.address)" }
            names = [:]
            return
        }
        let r = CallTreeRenderer(chain: chain)
        frameCalls = recorder.frames.map { f in
            let m = f.message
            if m.kind.isCreate { return "new " + r.name(f.createdAddress ?? m.recipient) }
            return r.name(m.recipient) + "::" + r.callText(m)
        }
        frameResults = recorder.frames.map { f in
            let node = CallNode(f.message)
            node.status = f.status
            node.output = f.output
            node.createdAddress = f.createdAddress
            return r.resultText(node)
        }
        logTexts = recorder.logs.map { r.eventText($0.log) }
        var names: [String: String] = [:]
        for (a, k) in chain.known { names[a.description] = k.name }
        for a in chain.accounts { names[a.address.description] = a.name }
        self.names = names
        for f in recorder.frames where !f.message.kind.isCreate {
            if let map = chain.sourceMap(at: f.message.codeAddress) { sourceMaps[f.message.codeAddress] = map }
        }
    }
}

/// Records the steps of the transactions a chain sends while `recording` is true (read-only
/// calls never), each bounded by `maxSteps`; `traces` holds them, oldest first.
///
/// With `readsPanel`, each recorded transaction's panel holds the chain's readings just before
/// and just after it (`Chain.stepPageReadings`). They are read-only calls made from inside the
/// chain's send, which come back through every watcher: this one ignores them while it reads,
/// and other watchers should ignore read-only calls they did not ask for.
public final class StepTraceWatcher: TransactionWatcher {
    public let maxSteps: Int
    public var recording = true
    public var readsPanel: Bool
    /// Set before each transaction: becomes its trace's caption.
    public var caption = ""
    public private(set) var traces: [StepTrace] = []
    private var recorder: StepRecorder?
    private var before: [(key: String, label: String, value: String)] = []

    public init(maxSteps: Int = 1_000_000, readsPanel: Bool = false) {
        self.maxSteps = maxSteps
        self.readsPanel = readsPanel
    }

    public func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        guard recording, !tx.readOnly else { recorder = nil; return nil }
        if readsPanel { before = readings(chain) }
        let r = StepRecorder(maxSteps: maxSteps, state: chain.state)
        recorder = r
        return r
    }

    public func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        guard let r = recorder else { return }
        recorder = nil
        var t = StepTrace(transaction: tx, outcome: outcome, recorder: r, chain: chain)
        t.caption = caption
        if readsPanel { t.panel = Chain.stepPagePanel(before: before, after: readings(chain)) }
        traces.append(t)
    }

    private func readings(_ chain: Chain) -> [(key: String, label: String, value: String)] {
        chain.unwatched { chain.stepPageReadings() }
    }
}

extension StepTrace {
    /// A run of loose code (`porvm run --html`): no chain, no names, no ABI.
    public init(label: String, sender: Address, to: Address, input: [UInt8], gasLimit: Int64, recorder: StepRecorder) {
        let tx = SentTransaction(label: label, readOnly: false, signed: false, sender: sender, to: to, value: .zero, data: input,
                                 nonce: 0, gasLimit: UInt64(clamping: gasLimit), gasPrice: .zero, priorityFee: .zero, function: nil)
        self.init(transaction: tx, outcome: nil, recorder: recorder, chain: nil)
    }
}

extension Chain {
    /// What the step-through page's before/after panel shows: every known contract's
    /// `totalSupply()`, `paused()` and `latestRoundData()` answer (for the PoR contracts: supply,
    /// paused, reserves), and the ratio of reserves to supply when there is one of each. `key`
    /// (address and function) matches readings across a transaction, where `label` may change
    /// (a scenario names a contract when it first uses it). Read with read-only calls, which
    /// watchers do not record.
    public func stepPageReadings() -> [(key: String, label: String, value: String)] {
        var out: [(key: String, label: String, value: String)] = []
        var supply: Double?, reserves: Double?
        func has(_ abi: ContractABI, _ name: String) -> Bool { abi.functions.contains { $0.name == name && $0.inputs.isEmpty } }
        for (address, k) in known.sorted(by: { $0.key.description < $1.key.description }) {
            let c = at(address, abi: k.abi, name: k.name)
            let key = address.description + "."
            if has(k.abi, "totalSupply"), let v = try? c.read("totalSupply") {
                out.append((key + "totalSupply", "\(k.name) supply", v.description))
                supply = Double(v.description)
            }
            if has(k.abi, "paused"), let v = try? c.read("paused") { out.append((key + "paused", "\(k.name) paused", v.description)) }
            if has(k.abi, "latestRoundData"), let v = try? c.readAll("latestRoundData"), v.count > 1 {
                out.append((key + "latestRoundData", "\(k.name) answer (reserves)", v[1].description))
                reserves = Double(v[1].description)
            }
        }
        if let supply, let reserves, supply > 0 {
            out.append(("ratio", "reserves / supply", String(format: "%.4f", reserves / supply)))
        }
        return out
    }

    /// Before and after readings as panel rows, matched by key (— where one side has none).
    public static func stepPagePanel(before: [(key: String, label: String, value: String)],
                                     after: [(key: String, label: String, value: String)]) -> [(label: String, before: String, after: String)] {
        var rows = after.map { a in (label: a.label, before: before.first { $0.key == a.key }?.value ?? "—", after: a.value) }
        for b in before where !after.contains(where: { $0.key == b.key }) { rows.append((b.label, b.value, "—")) }
        return rows
    }
}
