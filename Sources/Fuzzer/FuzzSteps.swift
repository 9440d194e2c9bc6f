import Scenario

/// The scenario step a reproducer ends with: `property: "token.totalSupply() <= token.reserves()"`,
/// a check of a property in the fuzzer's grammar (`Property`). Registered by `porvm scenario`
/// so that reproducers replay.
public struct FuzzSteps: ScenarioPlugin {
    public init() {}
    public var stepKinds: [String] { ["property"] }

    public func parse(kind: String, step: Fields, scope: Scope) throws -> ScenarioStep {
        try step.only(["property"], in: "a property step")
        let text = try step.string("property", what: "a property (`c.f() <= c.g()`, or a call returning bool)")
        return PropertyStep(property: try Property(text, scope: scope, path: "property", line: step["property"]?.line))
    }
}

struct PropertyStep: ScenarioStep {
    let property: Property
    var label: String { "property \(property.text)" }
    func run(in context: ScenarioContext) throws -> StepOutcome {
        if let v = property.violation(in: context) { return StepOutcome(ok: false, text: "broken: \(v)") }
        return StepOutcome(ok: true, text: "holds")
    }
}
