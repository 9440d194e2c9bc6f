import ArgumentParser
import Harness
import PoR
import Primitives
import Views
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
            a story: the oracles report 1,000 BTC, mints succeed, the reserves drop to 600 BTC, \
            a mint is refused, the breaker pauses minting, the reserves come back, minting resumes. \
            The same output every run. Colours only when stdout is a terminal; lines wrapped to the \
            terminal's width (COLUMNS, else the terminal's, else 80; or --width), at most 92. \
            --step waits for Enter after each section when stdin is a terminal. \
            --reserves, --mint (repeated), --withdrawal, --heartbeat or --story FILE change the story's \
            numbers; the narration tells what the contracts did with them. \
            --call-tree prints the calls of each action's transactions under its line; --trace DIR \
            writes their EIP-3155 traces (demo-<NNN>-<Contract.function>.jsonl), as `porvm scenario` does. \
            --html FILE writes the story as one self-contained page: each section with its steps' table, \
            a plot of supply, reserves and the pause, and each on-chain action linked to its step-through view.
            """)

    @Flag(name: .customLong("no-color"), help: "Plain text, without ANSI colours.")
    var noColor = false

    @Flag(help: "Print only the summary, as JSON.")
    var json = false

    @Flag(help: "Pause after each section until Enter is pressed (only when stdin is a terminal).")
    var step = false

    @Option(help: ArgumentHelp("Wrap lines to this many columns, \(DemoWrap.widths.lowerBound) to \(DemoWrap.widths.upperBound) (lines stay within \(DemoWrap.readingWidth) anyway).", valueName: "columns"))
    var width: Int?

    @Option(help: ArgumentHelp("Also write the story as a self-contained page (plot, tables, each transaction to step through).", valueName: "file"))
    var html: String?

    @OptionGroup var storyOptions: DemoStoryOptions

    @OptionGroup var tracing: TraceOptions

    func validate() throws {
        if let width, !DemoWrap.widths.contains(width) {
            throw ValidationError("--width \(width): \(DemoWrap.widths.lowerBound) to \(DemoWrap.widths.upperBound) columns")
        }
    }

    func run() throws {
        let story = try storyOptions.resolve()
        let color = !noColor && !json && Self.stdoutIsColorTerminal()
        // The narration stays within the reading width; call trees may use the whole terminal.
        let terminal = width ?? Self.terminalWidth()
        let columns = min(terminal, DemoWrap.readingWidth)
        var pauser = step && !json ? Self.stepInput() : nil
        let summary: DemoSummary
        let traced = tracing.isActive ? try tracing.makeWatchers() : nil
        traced?.folder?.stem = "demo"
        var shownFiles = 0
        let links = html != nil ? DemoTransactionLinks() : nil
        func show(_ line: DemoLine, width: Int = columns) {
            for l in DemoWrap.wrap(line, width: width) { say(l.rendered(color: color)) }
        }
        do {
            summary = try PoRDemo.run(story: story, width: columns, watchers: (links.map { [$0] } ?? []) + (traced?.watchers ?? [])) { line in
                links?.see(line)
                guard !json else { return }
                // A heading starts a section: the one before it (the introduction first) is over.
                if line.style == .heading { pauser?.pause { show($0) } }
                show(line)
                // Under each action line: the trees and trace files of its transactions.
                guard let traced, line.style == .success || line.style == .refused else { return }
                for l in traced.tree?.take(indent: "      ") ?? [] { show(DemoLine(.detail, l), width: terminal) }
                let files = traced.folder?.written ?? []
                for f in files.dropFirst(shownFiles) { show(DemoLine(.detail, "      trace → " + MessageText.printable(f)), width: terminal) }
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
        if let html, let links {
            let lines = summary.sections.flatMap(\.lines)
            let page = DemoPage.render(summary, traces: links.traces(lines: lines), links: links.links, story: story)
            try SimulateCommand.write(page, to: html)
            if !json { say("wrote \(html): \(summary.sections.filter { $0.number > 0 }.count) sections, \(links.watcher.traces.count) transactions") }
        }
        if json { say(try summary.json()) }
    }

    /// How `--step` waits (tests stand in for a terminal).
    nonisolated(unsafe) static var stepInput: () -> StepPauser = { .standard }

    /// stdout is a terminal, and neither NO_COLOR (https://no-color.org) nor TERM=dumb says otherwise.
    static func stdoutIsColorTerminal() -> Bool {
        guard isatty(STDOUT_FILENO) != 0 else { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return true
    }

    /// COLUMNS when it is a number in range, else the terminal's width (TIOCGWINSZ on stdout),
    /// else 80; clamped to `DemoWrap.widths`.
    static func terminalWidth() -> Int {
        let clamp = { (w: Int) in min(max(w, DemoWrap.widths.lowerBound), DemoWrap.widths.upperBound) }
        if let c = getenv("COLUMNS"), let w = Int(String(cString: c).trimmingWhitespace), w > 0 { return clamp(w) }
        #if canImport(Glibc)
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return clamp(Int(size.ws_col)) }
        #endif
        return 80
    }
}

/// `--step`: between sections, a prompt, then a wait for a line on stdin. Waits only when stdin
/// is a terminal, and never again once stdin is closed (EOF), so scripts and CI never hang.
struct StepPauser {
    var waits: Bool
    var readLine: () -> String?
    static let prompt = DemoLine(.detail, "  ⏎  press Enter for the next section")

    static var standard: StepPauser {
        StepPauser(waits: isatty(STDIN_FILENO) != 0, readLine: { Swift.readLine(strippingNewline: true) })
    }

    /// Shows the prompt through `show`, then waits for Enter (or EOF).
    mutating func pause(_ show: (DemoLine) -> Void) {
        show(Self.prompt)
        guard waits else { return }
        if readLine() == nil { waits = false }
    }
}
