import Harness

/// Follows a scenario run step by step (the CLI's `--trace` and `--call-tree`): it may attach
/// transaction watchers to the chain before the first step, and print lines under each step's.
public protocol ScenarioObserver: AnyObject {
    /// Before the first step, with the chain the scenario runs on.
    func scenarioWillRun(_ scenario: LoadedScenario, chain: Chain)
    /// Before step `number` (from 1) runs.
    func stepWillRun(_ number: Int, label: String)
    /// After the step's line was printed: lines to print under it.
    func stepDidRun(_ number: Int, chain: Chain) -> [String]
}
