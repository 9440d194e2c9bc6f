import ArgumentParser
import Harness
import Scenario
import Primitives

/// `--trace DIR`, `--call-tree` and their bounds, shared by `scenario` and `demo`.
struct TraceOptions: ParsableArguments {
    @Option(name: .customLong("trace"), help: ArgumentHelp(
        "Write an EIP-3155 trace (JSON lines, summary line last) of every transaction into its own file in this folder, with a .pre.json beside it (the transaction, block and prior state, to replay it).",
        valueName: "DIR"))
    var traceDir: String?

    @Flag(name: .customLong("trace-calls"), help: "Also trace read-only calls (eth_call: `call` steps and `expect: {call}`).")
    var traceCalls = false

    @Option(name: .customLong("trace-max-files"), help: "At most this many traces are written.")
    var traceMaxFiles: Int = 1000

    @Option(name: .customLong("trace-max-bytes"), help: "At most this many bytes are written to the trace folder.")
    var traceMaxBytes: Int = 1 << 30

    @Flag(name: .customLong("call-tree"), help: "Print under each step the tree of its transactions' calls: decoded functions, arguments, gas, return values or revert reasons, events.")
    var callTree = false

    var isActive: Bool { traceDir != nil || callTree }

    func validate() throws {
        guard traceMaxFiles > 0 else { throw ValidationError("--trace-max-files must be positive") }
        guard traceMaxBytes > 0 else { throw ValidationError("--trace-max-bytes must be positive") }
    }

    /// The watchers asked for; the trace folder is created and checked here.
    func makeWatchers() throws -> TransactionTracing {
        var folder: TraceDirectory?
        if let traceDir {
            do { folder = try TraceDirectory(path: traceDir, maxFiles: traceMaxFiles, maxBytes: traceMaxBytes, includeCalls: traceCalls) } catch {
                throw CLIError(error.description)
            }
        }
        return TransactionTracing(folder: folder, tree: callTree ? CallTreeWatcher(includeCalls: traceCalls) : nil)
    }
}

/// Attaches the trace folder and the call-tree recorder to each scenario's chain, names the
/// trace files after the scenario file and step, and prints the trees under each step.
final class TransactionTracing: ScenarioObserver {
    let folder: TraceDirectory?
    let tree: CallTreeWatcher?
    private var filesBefore = 0

    init(folder: TraceDirectory?, tree: CallTreeWatcher?) { self.folder = folder; self.tree = tree }

    var watchers: [any TransactionWatcher] { [folder as (any TransactionWatcher)?, tree].compactMap { $0 } }

    func scenarioWillRun(_ scenario: LoadedScenario, chain: Chain) {
        folder?.stem = Self.stem(scenario.path)
        chain.watchers = watchers
    }

    func stepWillRun(_ number: Int, label: String) {
        folder?.context = "step\(number)"
        filesBefore = folder?.written.count ?? 0
    }

    func stepDidRun(_ number: Int, chain: Chain) -> [String] {
        var lines = tree?.take(chain: chain) ?? []
        if let folder { lines += folder.written.dropFirst(filesBefore).map { "  trace → " + MessageText.printable($0) } }
        return lines
    }

    /// Throws the trace folder's error (a bound reached, a failed write) as a one-line error.
    func finish() throws {
        if let e = folder?.error { throw CLIError(e.description) }
    }

    /// The file name without folder and extension.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
