import ArgumentParser

// Placeholder until the demo lands.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Narrated Proof of Reserve walk-through.")
    func run() throws { throw CLIError("demo: not implemented yet") }
}
