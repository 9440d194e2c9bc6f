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

    @Option(name: .customLong("trace-only"), help: ArgumentHelp(
        "Trace only these functions, comma-separated (e.g. transmit,performUpkeep,mint,burn,transfer); default: all.",
        valueName: "NAMES"))
    var traceOnly: String?

    @Option(name: .customLong("trace-from"), help: "Trace transactions from this simulated time on (`10 d`, `3 h`, seconds).")
    var traceFrom: String?

    @Option(name: .customLong("trace-until"), help: "Trace transactions up to this simulated time (inclusive).")
    var traceUntil: String?

    @Option(name: .customLong("trace-max-files"), help: "At most this many traces are written.")
    var traceMaxFiles: Int = 100

    @Option(name: .customLong("trace-max-bytes"), help: "At most this many bytes are written to the trace folder.")
    var traceMaxBytes: Int = 1 << 30

    func validate() throws {
        guard traceMaxFiles > 0 else { throw ValidationError("--trace-max-files must be positive") }
        guard traceMaxBytes > 0 else { throw ValidationError("--trace-max-bytes must be positive") }
        if traceDir == nil, traceOnly != nil || traceFrom != nil || traceUntil != nil {
            throw ValidationError("--trace-only, --trace-from and --trace-until need --trace DIR")
        }
    }

    /// The watcher asked for, nil without `--trace`; the folder is created and checked here.
    func makeWatcher(stem: String) throws -> SimulationTraceWatcher? {
        guard let traceDir else { return nil }
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
        let folder: TraceDirectory
        do { folder = try TraceDirectory(path: traceDir, maxFiles: traceMaxFiles, maxBytes: traceMaxBytes) } catch {
            throw CLIError(error.description)
        }
        folder.stem = stem
        return SimulationTraceWatcher(folder: folder, functions: names, window: from...until)
    }
}

/// Passes the chosen transactions to the trace folder, each file named after its simulated time.
final class SimulationTraceWatcher: TransactionWatcher {
    let folder: TraceDirectory
    let functions: Set<String>?
    let window: ClosedRange<UInt64>
    /// Set once the simulation exists (it converts chain timestamps to simulated time).
    weak var simulation: Simulation?
    private var tracing = false

    init(folder: TraceDirectory, functions: Set<String>?, window: ClosedRange<UInt64>) {
        self.folder = folder
        self.functions = functions
        self.window = window
    }

    func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        tracing = false
        guard let simulation else { return nil }
        let t = simulation.simulatedTime(of: chain)
        let function = tx.label.split(separator: ".").last.map(String.init) ?? tx.label
        guard window.contains(t), functions?.contains(function) ?? true else { return nil }
        folder.context = "t\(t)"
        tracing = true
        return folder.willSend(tx, on: chain)
    }

    func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        if tracing { folder.didSend(tx, outcome: outcome, on: chain) }
        tracing = false
    }
}
