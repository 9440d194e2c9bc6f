import Foundation
import EVM
import Harness
import PoR

/// Records the transactions `porvm demo` sends (a `StepTraceWatcher`, bounded steps, each with
/// the before/after panel of supply, reserves, ratio and paused) and ties each on-chain action
/// line of the narration ("✓ minter mints 500 BTC to alice") to the transaction it reports, for
/// `DemoPage`'s links. Give it to the demo as a watcher and every line to `see`, in order: a
/// line's index is its place among all the lines of the demo's sections.
///
/// An action line is printed after its transaction ran, sometimes after several (the deploys,
/// then one line each): it takes the oldest unlinked transaction whose function it names
/// ("deploy X" for `X.constructor`, else the function: `transmit`, `mint`, `setConfig`...),
/// else the newest unlinked one.
public final class DemoTransactionLinks: TransactionWatcher {
    public let watcher: StepTraceWatcher
    /// Line index → index in `watcher.traces`.
    public private(set) var links: [Int: Int] = [:]
    private var lineIndex = 0
    private var linked: Set<Int> = []

    public init(maxSteps: Int = 200_000) { watcher = StepTraceWatcher(maxSteps: maxSteps, readsPanel: true) }

    public func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        watcher.willSend(tx, on: chain)
    }

    public func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        watcher.didSend(tx, outcome: outcome, on: chain)
    }

    public func see(_ line: DemoLine) {
        defer { lineIndex += 1 }
        guard Self.isAction(line) else { return }
        let pending = watcher.traces.indices.filter { !linked.contains($0) }
        let named = pending.first { Self.names(watcher.traces[$0].transaction.label, in: line.text) }
        guard let pick = named ?? pending.last else { return }
        linked.insert(pick)
        links[lineIndex] = pick
    }

    /// The recorded transactions, each captioned with its action line (without the gas column).
    public func traces(lines: [DemoLine]) -> [StepTrace] {
        var out = watcher.traces
        for (i, t) in links where i < lines.count && t < out.count { out[t].caption = Self.caption(lines[i].text) }
        return out
    }

    /// "✓ …" or "✗ …" lines of the success and refused styles (not the "reverted with" details).
    public static func isAction(_ line: DemoLine) -> Bool {
        guard line.style == .success || line.style == .refused else { return false }
        let t = line.text.drop { $0 == " " }
        return t.hasPrefix("✓ ") || t.hasPrefix("✗ ")
    }

    static func names(_ label: String, in text: String) -> Bool {
        let parts = label.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        return text.contains(parts[1] == "constructor" ? "deploy " + parts[0] : String(parts[1]))
    }

    /// "minter mints 10 BTC to bob: refused" from "  ✗ minter mints … : refused     gas 31,000".
    static func caption(_ text: String) -> String {
        var t = Substring(text).drop { $0 == " " }.dropFirst(2)
        if let gas = t.range(of: " gas ", options: .backwards) { t = t[..<gas.lowerBound] }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
