import ArgumentParser
import Harness
import PoRScenario
import Scenario
import Fuzzer
import Views

struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Run a scenario and write a step-through page of its transactions.",
        discussion: """
        Runs the scenario file as `porvm scenario` does and writes one self-contained HTML file
        (no network) to step through its transactions: opcodes, stack, memory, storage, logs,
        the frame tree, decoded calls, errors and events, and the PoR contracts' supply,
        reserves, ratio and paused before and after the step, and the source line of each step
        when the contract's artifact carries a source map (our Vyper fixtures do). With --step N only the
        transactions of the scenario's N-th step are recorded, else all (read-only calls never);
        the page has a picker and opens the last one. A bad file, a step that does not exist or
        sent no transaction, or a file that cannot be written is one line and exit code 2; exit
        code 1 if a check of the scenario failed (the page is still written).
        """)

    @Argument(help: "A scenario file (YAML or JSON).") var file: String
    @Option(help: "Record only the transactions of this step (from 1).") var step: Int?
    @Option(help: "Write the page to this HTML file.") var html: String
    @Option(name: .customLong("max-steps"), help: "Record at most this many instructions per transaction.") var maxSteps: Int = 1_000_000

    func validate() throws {
        if let step, step < 1 { throw ValidationError("--step must be at least 1") }
        guard (1...10_000_000).contains(maxSteps) else { throw ValidationError("--max-steps must be between 1 and 10,000,000") }
    }

    func run() throws {
        // A page that cannot be written is exit 2 before the scenario runs.
        try SimulateCommand.write("", to: html)
        var runner = ScenarioRunner(plugins: [PoRSteps(), FuzzSteps()], output: { say($0) })
        let observer = StepPageObserver(watcher: StepTraceWatcher(maxSteps: maxSteps), onlyStep: step)
        runner.observer = observer
        let scenario: LoadedScenario
        do { scenario = try runner.load(file) } catch let e as ScenarioError { throw CLIError(e.description) }
        let summary = runner.run([scenario])
        say(summary.line)
        if let step, step > observer.stepsSeen {
            throw CLIError("view: no step \(step) in \(file): it has \(observer.stepsSeen) step(s)")
        }
        let traces = observer.watcher.traces
        guard !traces.isEmpty else {
            throw CLIError("view: \(step.map { "step \($0) of " } ?? "")\(file) sent no transaction")
        }
        let title = "porvm view " + file + (step.map { " --step \($0)" } ?? "")
        try SimulateCommand.write(TransactionPage.render(traces, title: title), to: html)
        let steps = traces.reduce(0) { $0 + $1.recorder.stepCount }
        say("wrote \(html): \(traces.count) transaction(s), \(steps) steps")
        if summary.failed > 0 { throw ExitStatus(code: 1) }
    }
}

/// Records the chosen steps' transactions, each with its before/after panel.
final class StepPageObserver: ScenarioObserver {
    let watcher: StepTraceWatcher
    let onlyStep: Int?
    private(set) var stepsSeen = 0

    init(watcher: StepTraceWatcher, onlyStep: Int?) {
        self.watcher = watcher
        self.onlyStep = onlyStep
        watcher.readsPanel = true
    }

    func scenarioWillRun(_ scenario: LoadedScenario, chain: Chain) {
        chain.watchers = [watcher]
    }

    func stepWillRun(_ number: Int, label: String) {
        stepsSeen = max(stepsSeen, number)
        watcher.recording = onlyStep == nil || onlyStep == number
        watcher.caption = "step \(number): \(label)"
    }

    func stepDidRun(_ number: Int, chain: Chain) -> [String] { [] }
}
