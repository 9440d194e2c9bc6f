import ArgumentParser

// Placeholder until the scenario runner lands.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenario", abstract: "Run declarative PoR scenario files.")
    @Argument var files: [String]
    func run() throws { throw CLIError("scenario: not implemented yet") }
}
