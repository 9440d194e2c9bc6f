import ArgumentParser
import Harness
import PoR
import Primitives
#if canImport(Glibc)
import Glibc
#endif

/// `porvm demo`: the narrated Proof of Reserve walk-through (see `PoRDemo`).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Narrated Proof of Reserve walk-through.",
        discussion: """
            Deploys the PoR feed, a WBTC-like token and its circuit breaker on porvm's EVM, then plays \
            a fixed story: the oracles report 1,000 BTC, mints succeed, the reserves drop to 600 BTC, \
            a mint is refused, the breaker pauses minting, the reserves come back, minting resumes. \
            The same output every run. Colours only when stdout is a terminal. \
            --call-tree prints the calls of each action's transactions under its line; --trace DIR \
            writes their EIP-3155 traces (demo-<NNN>-<Contract.function>.jsonl), as `porvm scenario` does.
            """)

    @Flag(name: .customLong("no-color"), help: "Plain text, without ANSI colours.")
    var noColor = false

    @Flag(help: "Print only the summary, as JSON.")
    var json = false

    @OptionGroup var tracing: TraceOptions

    func run() throws {
        let color = !noColor && !json && Self.stdoutIsColorTerminal()
        let summary: DemoSummary
        let traced = tracing.isActive ? try tracing.makeWatchers() : nil
        traced?.folder?.stem = "demo"
        var shownFiles = 0
        do {
            summary = try PoRDemo.run(watchers: traced?.watchers ?? []) { line in
                guard !json else { return }
                say(line.rendered(color: color))
                // Under each action line: the trees and trace files of its transactions.
                guard let traced, line.style == .success || line.style == .refused else { return }
                for l in traced.tree?.take(indent: "      ") ?? [] { say(l) }
                let files = traced.folder?.written ?? []
                for f in files.dropFirst(shownFiles) { say("      trace → " + MessageText.printable(f)) }
                shownFiles = files.count
            }
        } catch let e as HarnessError {
            // Setup problems (the compiled contracts not found...): the user's to fix.
            throw CLIError("demo: \(e.description)")
        } catch let e as DemoError {
            warn(Porvm.errorLine("demo: \(e.description)"))
            throw ExitStatus(code: 1)
        }
        try traced?.finish()
        if json { say(try summary.json()) }
    }

    /// stdout is a terminal, and neither NO_COLOR (https://no-color.org) nor TERM=dumb says otherwise.
    static func stdoutIsColorTerminal() -> Bool {
        guard isatty(STDOUT_FILENO) != 0 else { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return true
    }
}
