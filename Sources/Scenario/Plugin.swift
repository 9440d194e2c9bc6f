/// How one step went.
public struct StepOutcome {
    public var ok: Bool
    public var text: String
    /// Later steps cannot run (a deployment or the PoR setup failed).
    public var fatal: Bool

    public init(ok: Bool, text: String, fatal: Bool = false) {
        self.ok = ok
        self.text = text
        self.fatal = fatal
    }
}

/// One step, read and checked: every name, function and value of it resolved against the
/// names bound by the steps before it. Running it needs nothing more from the file.
public protocol ScenarioStep {
    /// The text before the arrow of the step's line (`transact token.mint from minter`).
    var label: String { get }
    /// Runs the step on the live chain. A thrown error is a failed check, not a malformed file.
    func run(in context: ScenarioContext) throws -> StepOutcome
}

/// A family of step kinds (and the top-level keys they need) that a scenario file may use.
/// The engine's own steps are one (`BuiltinSteps`); PoR's `setup_por` and `report` are
/// another, registered by the tool (`ScenarioRunner(plugins:output:)`); a fuzzer or a
/// simulator registers its own the same way.
public protocol ScenarioPlugin {
    /// Step kinds read by `parse`, as they appear in a file (the step's key).
    var stepKinds: [String] { get }
    /// Top-level keys read by `readTopLevel` (`oracles` for PoR).
    var topLevelKeys: [String] { get }
    /// Folders searched for `<Name>.json` artifacts after the file's own `artifacts:`
    /// (PoR's `Fixtures/`).
    var artifactFolders: [String] { get }
    /// Reads this plug-in's top-level keys, once per file, after `accounts`. Accounts bound
    /// here exist from the start of the run.
    func readTopLevel(_ top: Fields, scope: Scope) throws
    /// Reads and checks one step of a kind in `stepKinds`, binding the names it creates.
    /// Throws `FieldError` (its `path` names the field) when the step is malformed.
    func parse(kind: String, step: Fields, scope: Scope) throws -> ScenarioStep
}

extension ScenarioPlugin {
    public var topLevelKeys: [String] { [] }
    public var artifactFolders: [String] { [] }
    public func readTopLevel(_ top: Fields, scope: Scope) throws {}
}

/// The plug-ins of a run, and which one reads each step kind.
struct StepRegistry {
    let plugins: [ScenarioPlugin]
    private var owner: [String: Int] = [:]
    /// Every step kind in registration order (for "known: …" in messages).
    private(set) var kinds: [String] = []

    init(_ plugins: [ScenarioPlugin]) {
        self.plugins = plugins
        for (i, p) in plugins.enumerated() {
            // The first plug-in to declare a kind reads it: the built-ins cannot be replaced.
            for k in p.stepKinds where owner[k] == nil {
                owner[k] = i
                kinds.append(k)
            }
        }
    }

    func plugin(for kind: String) -> ScenarioPlugin? { owner[kind].map { plugins[$0] } }
    var topLevelKeys: [String] { plugins.flatMap(\.topLevelKeys) }
    var artifactFolders: [String] { plugins.flatMap(\.artifactFolders) }
}
