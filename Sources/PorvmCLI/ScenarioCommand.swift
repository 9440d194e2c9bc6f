import ArgumentParser
import PoRScenario
import Scenario
import Fuzzer

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run declarative PoR scenario files (YAML or JSON).",
        discussion: """
        Every file is checked before anything runs; a malformed file (bad YAML/JSON, unknown
        step kind, missing field, wrong type, unknown account, contract or function, bad number)
        is one line on stderr naming the file, the step and the field, and exit code 2.
        Then each step prints one line (✓ or ✗), and the run ends with `N passed, N failed`
        over all files (one step is one check). Exit code 1 if any check failed.
        --trace DIR writes one EIP-3155 trace per transaction (read-only calls only with
        --trace-calls), named <file stem>-<NNN>-step<N>-<Contract.function>.jsonl, each with a
        .pre.json to replay it; a folder that cannot be written, or a bound reached
        (--trace-max-files, --trace-max-bytes), is a one-line error and exit code 2.
        --call-tree prints the calls, events and results of each step's transactions.
        See README.md, "Scenarios", for the format.
        """)

    @Argument(help: "Scenario files, or folders holding .yaml/.yml/.json scenarios.") var files: [String]
    @OptionGroup var tracing: TraceOptions

    func run() throws {
        var runner = ScenarioRunner(plugins: [PoRSteps(), FuzzSteps()], output: { say($0) })
        let observer = tracing.isActive ? try tracing.makeWatchers() : nil
        runner.observer = observer
        let scenarios: [LoadedScenario]
        do {
            scenarios = try ScenarioRunner.collect(files).map { try runner.load($0) }
        } catch let e as ScenarioError {
            throw CLIError(e.description)
        }
        let summary = runner.run(scenarios)
        say(summary.line)
        try observer?.finish()
        if summary.failed > 0 { throw ExitStatus(code: 1) }
    }
}
