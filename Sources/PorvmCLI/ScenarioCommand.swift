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
        See README.md, "Scenarios", for the format.
        """)

    @Argument(help: "Scenario files, or folders holding .yaml/.yml/.json scenarios.") var files: [String]

    func run() throws {
        let runner = ScenarioRunner(plugins: [PoRSteps(), FuzzSteps()], output: { say($0) })
        let scenarios: [LoadedScenario]
        do {
            scenarios = try ScenarioRunner.collect(files).map { try runner.load($0) }
        } catch let e as ScenarioError {
            throw CLIError(e.description)
        }
        let summary = runner.run(scenarios)
        say(summary.line)
        if summary.failed > 0 { throw ExitStatus(code: 1) }
    }
}
