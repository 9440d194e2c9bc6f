import ABI
import EVM
import Harness
import UInt256
import Primitives

/// `deploy: Artifact`: creates a contract from the scenario's artifact folders and names it.
struct DeployStep: ScenarioStep {
    let label: String
    let artifact: Artifact
    let args: [ABIValue]
    let from: Sender?
    let value: U256
    let gas: UInt64?
    let expect: CallExpect
    /// The stand-in address the name was bound to (nil when a revert is expected: no name).
    let placeholder: Address?
    let names: Names

    static func parse(_ f: Fields, scope: Scope) throws -> DeployStep {
        try f.only(["deploy", "as", "from", "args", "value", "gas", "expect"], in: "a deploy step")
        let artifactName = try f.string("deploy", what: "an artifact name")
        let artifact = try scope.artifacts.load(artifactName, path: "deploy", line: f.line)
        let alias = try f.optionalString("as", what: "a contract name") ?? artifactName
        try scope.checkFree(alias, path: f.has("as") ? "as" : "deploy", line: f.line)
        let inputs = artifact.abi.constructor?.inputs ?? []
        let args = try arguments(f, inputs: inputs, signature: "constructor of \(artifactName)", scope: scope)
        let from = try f["from"].map { try scope.sender($0, path: "from") }
        let value = try f["value"].map { try Numbers.unsigned($0, path: "value", what: "an amount") } ?? .zero
        let gas = try f["gas"].map { try Numbers.uint64($0, path: "gas") }
        var expect = CallExpect()
        if let e = f["expect"] {
            expect = try scope.callExpect(e, path: "expect", function: nil, extraABIs: [artifact.abi], allowReturns: false)
        }
        let label = "deploy \(artifactName) as \(alias)" + (from.map { " from \($0.label)" } ?? "")
        var placeholder: Address?
        if !expect.expectsRevert {
            let p = scope.placeholderAddress()
            scope.bind(contract: Bound(name: alias, abi: artifact.abi, address: p, artifact: artifactName))
            placeholder = p
        }
        return DeployStep(label: label, artifact: artifact, args: args, from: from, value: value, gas: gas,
                          expect: expect, placeholder: placeholder, names: scope.names)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let from = self.from.map(c.live)
        if case .impersonated(let a, _)? = from { c.chain.prank(a) }
        let fromAccount: AddressConvertible? = { if case .account(let a, _)? = from { return a }; return nil }()
        let (outcome, contract) = try c.chain.tryDeploy(artifact, arguments: args.map(c.live), from: fromAccount,
                                                        value: value, gasLimit: gas)
        if let contract, let placeholder { c.relocate(placeholder, to: contract.address) }
        var (ok, text) = c.live(expect).judge(outcome, showValues: false, names: c.live(names))
        if ok, let contract, placeholder != nil { text = "\(contract.address)" + (text.hasPrefix("ok") ? "" : ", " + text) }
        // Later steps use the contract's name: without it they cannot run.
        return StepOutcome(ok: ok, text: text, fatal: !ok && placeholder != nil)
    }

    /// `args:` typed by `inputs`; a single value is taken as the only argument.
    static func arguments(_ f: Fields, inputs: [ABIParameter], signature: String, scope: Scope) throws -> [ABIValue] {
        var docs: [Doc] = []
        if let a = f["args"] {
            if case .list(let items, _) = a { docs = items } else if inputs.count == 1 { docs = [a] } else {
                throw FieldError(path: "args", line: a.line, message: "expected a list of arguments, got \(a.kindDescription)")
            }
        }
        return try Convert.arguments(docs, for: inputs, signature: signature, path: "args", line: f["args"]?.line ?? f.line, book: scope)
    }

    static func argumentCount(_ f: Fields) -> Int {
        guard let a = f["args"] else { return 0 }
        if case .list(let items, _) = a { return items.count }
        return 1
    }
}

/// `call: contract.function` (eth_call), `transact: contract.function` (a signed transaction
/// or a pranked message call), and `expect: {call: …}`: one function called, its outcome judged.
struct CallStep: ScenarioStep {
    let label: String
    let transact: Bool
    let bound: Bound
    let function: ABIFunction
    let args: [ABIValue]
    let from: Sender?
    let value: U256
    let gas: UInt64?
    let expect: CallExpect
    let names: Names

    static func parse(_ f: Fields, kind: String, scope: Scope) throws -> CallStep {
        let text = try f.string(kind, what: "<contract>.<function>")
        let (bound, function) = try scope.target(text, path: kind, line: f[kind]?.line, argumentCount: DeployStep.argumentCount(f))
        let args = try DeployStep.arguments(f, inputs: function.inputs, signature: "\(bound.name).\(function.signature)", scope: scope)
        let from = try f["from"].map { try scope.sender($0, path: "from") }
        let value = try f["value"].map { try Numbers.unsigned($0, path: "value", what: "an amount") } ?? .zero
        let gas = try f["gas"].map { try Numbers.uint64($0, path: "gas") }
        try f.only([kind, "args", "from", "value", "gas", "expect"], in: "a \(kind) step")
        let expect = try f["expect"].map {
            try scope.callExpect($0, path: "expect", function: function, extraABIs: [], allowReturns: true)
        } ?? CallExpect()
        let label = "\(kind) \(bound.name).\(scope.displayName(bound, function))" + (from.map { " from \($0.label)" } ?? "")
        return CallStep(label: label, transact: kind == "transact", bound: bound, function: function, args: args,
                        from: from, value: value, gas: gas, expect: expect, names: scope.names)
    }

    /// `expect: {call: contract.function, args, from, value, gas, returns, revert, …}`.
    static func parseExpect(_ e: Fields, scope: Scope) throws -> CallStep {
        try e.only(["call", "args", "from", "value", "gas", "returns", "revert", "revert_args", "events", "gas_below"], in: "expect")
        let text = try e.string("call", what: "<contract>.<function>")
        var docs: [Doc] = []
        if let a = e["args"] { if case .list(let items, _) = a { docs = items } else { docs = [a] } }
        let (bound, function) = try scope.target(text, path: "expect.call", line: e.line, argumentCount: docs.count)
        let args = try Convert.arguments(docs, for: function.inputs, signature: "\(bound.name).\(function.signature)",
                                         path: "expect.args", line: e.line, book: scope)
        let from = try e["from"].map { try scope.sender($0, path: "expect.from") }
        let value = try e["value"].map { try Numbers.unsigned($0, path: "expect.value", what: "an amount") } ?? .zero
        let gas = try e["gas"].map { try Numbers.uint64($0, path: "expect.gas") }
        let expect = try scope.callExpect(e, function: function, extraABIs: [])
        let label = "expect \(bound.name).\(scope.displayName(bound, function))" + (from.map { " from \($0.label)" } ?? "")
        return CallStep(label: label, transact: false, bound: bound, function: function, args: args,
                        from: from, value: value, gas: gas, expect: expect, names: scope.names)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let outcome = try c.invoke(transact: transact, bound: bound, function: function, args: args,
                                   from: from, value: value, gas: gas)
        let (ok, text) = c.live(expect).judge(outcome, showValues: !transact, names: c.live(names))
        return StepOutcome(ok: ok, text: text)
    }
}
