import ArgumentParser
import EVM
import Harness
import Scenario
import Simulator

/// `simulate --trace DIR` and its filters: a month of checks sends thousands of transactions, so
/// a teacher or reviewer picks the ones to trace by function and by a window of simulated time.
struct SimulationTraceOptions: ParsableArguments {
    @Option(name: .customLong("trace"), help: ArgumentHelp(
        "Write an EIP-3155 trace (with a .pre.json to replay it) of each chosen transaction of the run into this folder.",
        valueName: "DIR"))
    var traceDir: String?

    @Option(name: .customLong("step-html"), help: ArgumentHelp(
        "Write a step-through page of the chosen transactions (one file, a picker; as `porvm view` writes) to this HTML file.",
        valueName: "FILE"))
    var stepHTML: String?

    @Option(name: .customLong("trace-only"), help: ArgumentHelp(
        "Trace only these functions, comma-separated (e.g. transmit,performUpkeep,mint,burn,transfer); default: all.",
        valueName: "NAMES"))
    var traceOnly: String?

    @Option(name: .customLong("trace-from"), help: "Trace transactions from this simulated time on (`10 d`, `3 h`, seconds).")
    var traceFrom: String?

    @Option(name: .customLong("trace-until"), help: "Trace transactions up to this simulated time (inclusive).")
    var traceUntil: String?

    @Option(name: .customLong("trace-max-files"), help: "At most this many traces are written (and transactions put on the --step-html page).")
    var traceMaxFiles: Int = 100

    @Option(name: .customLong("trace-max-bytes"), help: "At most this many bytes are written to the trace folder.")
    var traceMaxBytes: Int = 1 << 30

    func validate() throws {
        guard traceMaxFiles > 0 else { throw ValidationError("--trace-max-files must be positive") }
        guard traceMaxBytes > 0 else { throw ValidationError("--trace-max-bytes must be positive") }
        if traceDir == nil, stepHTML == nil, traceOnly != nil || traceFrom != nil || traceUntil != nil {
            throw ValidationError("--trace-only, --trace-from and --trace-until need --trace DIR or --step-html FILE")
        }
    }

    var isActive: Bool { traceDir != nil || stepHTML != nil }

    /// The watcher asked for, nil without `--trace` or `--step-html`; the folder is created and checked here.
    func makeWatcher(stem: String) throws -> SimulationTraceWatcher? {
        guard isActive else { return nil }
        func time(_ text: String?, _ option: String) throws -> UInt64? {
            do { return try text.map { try SimulationFile.duration($0, option: option) } } catch let e as FieldError {
                throw CLIError("\(option): \(e.message)")
            }
        }
        let from = try time(traceFrom, "--trace-from") ?? 0
        let until = try time(traceUntil, "--trace-until") ?? .max
        guard from <= until else { throw CLIError("--trace-from is after --trace-until") }
        let names = traceOnly.map { Set($0.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }) }
        if let names, names.isEmpty { throw CLIError("--trace-only: no function names") }
        var folder: TraceDirectory?
        if let traceDir {
            do { folder = try TraceDirectory(path: traceDir, maxFiles: traceMaxFiles, maxBytes: traceMaxBytes) } catch {
                throw CLIError(error.description)
            }
            folder?.stem = stem
        }
        return SimulationTraceWatcher(folder: folder, pages: stepHTML == nil ? nil : StepTraceWatcher(readsPanel: true), maxPages: traceMaxFiles,
                                      functions: names, window: from...until)
    }
}

/// Passes the chosen transactions to the trace folder and the step-through page's recorder,
/// each named after its simulated time.
final class SimulationTraceWatcher: TransactionWatcher {
    let folder: TraceDirectory?
    let pages: StepTraceWatcher?
    let maxPages: Int
    let functions: Set<String>?
    let window: ClosedRange<UInt64>
    /// Set once the simulation exists (it converts chain timestamps to simulated time).
    weak var simulation: Simulation?
    /// Chosen transactions left off the page past `maxPages`.
    private(set) var pagesLeftOff = 0
    private var chosen = false

    init(folder: TraceDirectory?, pages: StepTraceWatcher?, maxPages: Int, functions: Set<String>?, window: ClosedRange<UInt64>) {
        self.folder = folder
        self.pages = pages
        self.maxPages = maxPages
        self.functions = functions
        self.window = window
    }

    /// The first bound reached or write that failed, as one line.
    var error: String? {
        if let e = folder?.error { return e.description }
        if pagesLeftOff > 0 {
            return "--step-html: more than \(maxPages) transactions chosen, \(pagesLeftOff) left off the page (--trace-max-files, or narrow --trace-only/--trace-from/--trace-until)"
        }
        return nil
    }

    // Read-only calls are never traced here (checkUpkeep, the network's reads).
    func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        guard !tx.readOnly else { return nil }
        chosen = false
        guard let simulation else { return nil }
        let t = simulation.simulatedTime(of: chain)
        let function = tx.label.split(separator: ".").last.map(String.init) ?? tx.label
        guard window.contains(t), functions?.contains(function) ?? true else { return nil }
        chosen = true
        var inspectors: [any Inspector] = []
        // The page first: its panel readings go before the folder's pre-state is taken.
        if let pages {
            pages.recording = pages.traces.count < maxPages
            if !pages.recording { pagesLeftOff += 1 }
            pages.caption = EventLog.clock(t) + " (\(t) s)"
            if let i = pages.willSend(tx, on: chain) { inspectors.append(i) }
        }
        if let folder {
            folder.context = "t\(t)"
            if let i = folder.willSend(tx, on: chain) { inspectors.append(i) }
        }
        return inspectors.count > 1 ? InspectorGroup(inspectors) : inspectors.first
    }

    func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        guard !tx.readOnly, chosen else { return }
        chosen = false
        folder?.didSend(tx, outcome: outcome, on: chain)
        pages?.didSend(tx, outcome: outcome, on: chain)
    }
}
