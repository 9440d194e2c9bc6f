import ABI
import EVM
import Harness
import UInt256
import Primitives

/// `warp: 1000` / `warp: "+2 hours"` / `roll: "+1"`: sets the block's timestamp or number,
/// absolute or relative to the current one.
struct WarpStep: ScenarioStep {
    enum Direction { case absolute, forward, back }
    let label: String
    let warp: Bool
    let amount: UInt64
    let direction: Direction

    static func parse(_ f: Fields, kind: String) throws -> WarpStep {
        try f.only([kind], in: "a \(kind) step")
        let doc = try f.require(kind, what: kind == "warp" ? "a timestamp or +seconds" : "a block number or +n")
        let text = try Fields.string(doc, path: kind, what: kind == "warp" ? "a timestamp or \"+seconds\"" : "a block number or \"+n\"")
        let t = text.trimmingWhitespace
        let relative = t.hasPrefix("+") || t.hasPrefix("-")
        let n = try Numbers.number(.scalar(relative ? String(t.dropFirst()) : t, plain: true, line: doc.line), path: kind, time: kind == "warp")
        guard !n.negative, let amount = n.uint64 else {
            throw FieldError(path: kind, line: doc.line, message: "\(n) is out of range (0 to \(UInt64.max))")
        }
        return WarpStep(label: "\(kind) \(t)", warp: kind == "warp", amount: amount,
                        direction: t.hasPrefix("+") ? .forward : t.hasPrefix("-") ? .back : .absolute)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let current = warp ? c.chain.block.timestamp : c.chain.block.number
        var target = amount
        switch direction {
        case .absolute: break
        case .forward:
            let (s, o) = current.addingReportingOverflow(amount)
            guard !o else { return StepOutcome(ok: false, text: "\(current) + \(amount) overflows") }
            target = s
        case .back:
            guard amount <= current else { return StepOutcome(ok: false, text: "\(current) - \(amount) is negative") }
            target = current - amount
        }
        if warp { c.chain.warp(target) } else { c.chain.roll(target) }
        return StepOutcome(ok: true, text: warp ? "timestamp \(target)" : "block \(target)")
    }
}

/// `deal: {account, balance}`: sets an ether balance.
struct DealStep: ScenarioStep {
    let label: String
    let address: Address
    let balance: U256

    static func parse(_ f: Fields, scope: Scope) throws -> DealStep {
        try f.only(["deal"], in: "a deal step")
        let d = try Fields(f.require("deal", what: "{account, balance}"), path: "deal", prefix: "deal.")
        try d.only(["account", "balance"], in: "deal")
        let who = try d.require("account", what: "the account")
        let address = try scope.addressValue(who, path: "deal.account")
        let balance = try Numbers.unsigned(d.require("balance", what: "the balance"), path: "deal.balance", what: "a balance")
        return DealStep(label: "deal \(who.compact)", address: address, balance: balance)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        c.chain.deal(c.live(address), balance)
        return StepOutcome(ok: true, text: "balance \(balance) wei")
    }
}

/// `store: {address, slot, value}`: writes a storage word.
struct StoreStep: ScenarioStep {
    let label: String
    let address: Address
    let slot: U256
    let value: U256

    static func parse(_ f: Fields, scope: Scope) throws -> StoreStep {
        try f.only(["store"], in: "a store step")
        let s = try Fields(f.require("store", what: "{address, slot, value}"), path: "store", prefix: "store.")
        try s.only(["address", "slot", "value"], in: "store")
        let target = try s.require("address", what: "the address (account or contract name)")
        let address = try scope.addressValue(target, path: "store.address")
        let slot = try Numbers.unsigned(s.require("slot", what: "the slot"), path: "store.slot", what: "a slot number")
        let value = try scope.word(s.require("value", what: "the value"), path: "store.value")
        return StoreStep(label: "store \(target.compact)[\(slot.hexString)]", address: address, slot: slot, value: value)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let value = c.live(self.value)
        c.chain.store(c.live(address), slot: slot, value: value)
        return StepOutcome(ok: true, text: value.hexString)
    }
}

/// `etch: {address, code}`: replaces the runtime code at an address.
struct EtchStep: ScenarioStep {
    let label: String
    let address: Address
    let code: [UInt8]

    static func parse(_ f: Fields, scope: Scope) throws -> EtchStep {
        try f.only(["etch"], in: "an etch step")
        let e = try Fields(f.require("etch", what: "{address, code}"), path: "etch", prefix: "etch.")
        try e.only(["address", "code"], in: "etch")
        let target = try e.require("address", what: "the address (account or contract name)")
        let address = try scope.addressValue(target, path: "etch.address")
        let hex = try e.string("code", what: "the runtime code (hex)")
        let code: [UInt8]
        do { code = try ABI.hex(hex) } catch { throw FieldError(path: "etch.code", line: e.line, message: "expected hex code, got \"\(hex)\"") }
        return EtchStep(label: "etch \(target.compact)", address: address, code: code)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        c.chain.etch(c.live(address), code: code)
        return StepOutcome(ok: true, text: "\(code.count) bytes of code")
    }
}

/// `snapshot: name` / `revert_to: name`: saves or restores the whole chain, and with it the
/// names the scenario knew (a contract deployed after the snapshot is unknown again).
struct SnapshotStep: ScenarioStep {
    let label: String
    let name: String
    let restore: Bool

    static func parse(_ f: Fields, kind: String, scope: Scope) throws -> SnapshotStep {
        try f.only([kind], in: "a \(kind) step")
        let n = try f.string(kind, what: "a snapshot name")
        if kind == "snapshot" {
            scope.snapshots[n] = scope.save()
        } else {
            guard let s = scope.snapshots[n] else {
                let known = scope.snapshots.keys.sorted()
                throw FieldError(path: kind, line: f.line, message: "no snapshot '\(n)' taken before" + (known.isEmpty ? "" : " (snapshots: \(known.joined(separator: ", ")))"))
            }
            scope.restore(s)
        }
        return SnapshotStep(label: "\(kind) \(n)", name: n, restore: kind == "revert_to")
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        guard restore else {
            c.snapshots[name] = (c.chain.snapshot(), c.extras)
            return StepOutcome(ok: true, text: "taken")
        }
        guard let s = c.snapshots[name] else { return StepOutcome(ok: false, text: "no snapshot '\(name)' taken") }
        try c.chain.revertTo(s.id)
        c.extras = s.extras
        return StepOutcome(ok: true, text: "restored")
    }
}
