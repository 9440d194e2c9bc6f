import ABI
import EVM
import Harness
import UInt256
import Primitives

/// The engine's own steps, read through the same plug-in interface as anyone's.
public struct BuiltinSteps: ScenarioPlugin {
    public init() {}

    public var stepKinds: [String] {
        ["deploy", "call", "transact", "warp", "roll", "deal", "store", "etch", "snapshot", "revert_to", "expect",
         "delegate"]
    }

    public func parse(kind: String, step f: Fields, scope: Scope) throws -> ScenarioStep {
        switch kind {
        case "deploy": return try DeployStep.parse(f, scope: scope)
        case "call", "transact": return try CallStep.parse(f, kind: kind, scope: scope)
        case "warp", "roll": return try WarpStep.parse(f, kind: kind)
        case "deal": return try DealStep.parse(f, scope: scope)
        case "store": return try StoreStep.parse(f, scope: scope)
        case "etch": return try EtchStep.parse(f, scope: scope)
        case "snapshot", "revert_to": return try SnapshotStep.parse(f, kind: kind, scope: scope)
        case "delegate": return try DelegateStep.parse(f, scope: scope)
        default: return try Self.standaloneExpect(f, scope: scope)
        }
    }

    /// `expect: {call: …}`, `expect: {balance: …}` or `expect: {storage: …}`.
    static func standaloneExpect(_ f: Fields, scope: Scope) throws -> ScenarioStep {
        try f.only(["expect"], in: "an expect step")
        guard let doc = f["expect"] else { throw FieldError(path: "expect", line: f.line, message: "missing what to expect (call, balance or storage)") }
        let e = try Fields(doc, path: "expect", prefix: "expect.")
        let what = ["call", "balance", "storage"].filter { e.has($0) }
        guard what.count == 1 else {
            throw FieldError(path: "expect", line: e.line, message: what.isEmpty ? "expected one of call, balance, storage"
                             : "one check per step; found both \(what[0]) and \(what[1])")
        }
        switch what[0] {
        case "call": return try CallStep.parseExpect(e, scope: scope)
        case "balance": return try BalanceCheck.parse(e, doc: doc, scope: scope)
        default: return try StorageCheck.parse(e, doc: doc, scope: scope)
        }
    }
}

/// `expect: {balance: {account, equals | at_least | at_most}}`.
struct BalanceCheck: ScenarioStep {
    let label: String
    let address: Address
    let bounds: [(String, U256)]

    static func parse(_ e: Fields, doc: Doc, scope: Scope) throws -> BalanceCheck {
        try e.only(["balance"], in: "expect")
        let b = try Fields(e["balance"] ?? doc, path: "expect.balance", prefix: "expect.balance.")
        try b.only(["account", "equals", "at_least", "at_most"], in: "expect.balance")
        let who = try b.require("account", what: "the account")
        let address = try scope.addressValue(who, path: "expect.balance.account")
        let bounds = try ["equals", "at_least", "at_most"].compactMap { k in
            try b[k].map { (k, try Numbers.unsigned($0, path: b.path(k), what: "an amount")) }
        }
        guard !bounds.isEmpty else { throw FieldError(path: "expect.balance.equals", line: b.line, message: "missing equals (or at_least / at_most)") }
        return BalanceCheck(label: "expect balance of \(who.compact)", address: address, bounds: bounds)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let actual = c.chain.balance(of: c.live(address))
        for (k, v) in bounds {
            let good = k == "equals" ? actual == v : k == "at_least" ? !(actual < v) : !(v < actual)
            if !good { return StepOutcome(ok: false, text: "expected \(k.replacingOccurrences(of: "_", with: " ")) \(v) wei, got \(actual)") }
        }
        return StepOutcome(ok: true, text: "\(actual) wei")
    }
}

/// `expect: {storage: {address, slot, equals}}`.
struct StorageCheck: ScenarioStep {
    let label: String
    let address: Address
    let slot: U256
    let want: U256

    static func parse(_ e: Fields, doc: Doc, scope: Scope) throws -> StorageCheck {
        try e.only(["storage"], in: "expect")
        let s = try Fields(e["storage"] ?? doc, path: "expect.storage", prefix: "expect.storage.")
        try s.only(["address", "slot", "equals"], in: "expect.storage")
        let target = try s.require("address", what: "the address (account or contract name)")
        let address = try scope.addressValue(target, path: "expect.storage.address")
        let slot = try Numbers.unsigned(s.require("slot", what: "the slot"), path: "expect.storage.slot", what: "a slot number")
        let want = try scope.word(s.require("equals", what: "the expected value"), path: "expect.storage.equals")
        return StorageCheck(label: "expect storage \(target.compact)[\(slot.hexString)]", address: address, slot: slot, want: want)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let got = c.chain.load(c.live(address), slot: slot)
        let want = c.live(self.want)
        return got == want ? StepOutcome(ok: true, text: got.hexString)
            : StepOutcome(ok: false, text: "expected \(want.hexString), got \(got.hexString)")
    }
}
