import EVM
import Harness
import UInt256
import Primitives

/// `delegate: {account, to, from}` (Prague on): `account` signs an EIP-7702 authorization to run
/// `to`'s code (a contract or account name, or an address; the zero address clears it), and a
/// set-code transaction carries it to `account`, sent by `from` (default: `account` itself).
/// The step fails when the account's code is not the designator afterwards (a fork without
/// EIP-7702 refuses the transaction).
struct DelegateStep: ScenarioStep {
    let label: String
    let account: TestAccount
    let delegate: Address
    let from: Sender?

    static func parse(_ f: Fields, scope: Scope) throws -> DelegateStep {
        try f.only(["delegate"], in: "a delegate step")
        let d = try Fields(f.require("delegate", what: "{account, to, from}"), path: "delegate", prefix: "delegate.")
        try d.only(["account", "to", "from"], in: "delegate")
        let who = try d.require("account", what: "the account that delegates (it signs)")
        let account = try scope.account(who, path: "delegate.account")
        let target = try d.require("to", what: "the code's address (contract or account name, or an address)")
        let delegate = try scope.addressValue(target, path: "delegate.to")
        let from = try d["from"].map { try scope.sender($0, path: "delegate.from") }
        return DelegateStep(label: "delegate \(who.compact) to \(target.compact)" + (from.map { " from \($0.label)" } ?? ""),
                            account: account, delegate: delegate, from: from)
    }

    func run(in c: ScenarioContext) throws -> StepOutcome {
        let delegate = c.live(self.delegate)
        var sender: AddressConvertible = account
        switch from.map(c.live) {
        case .account(let a, _)?: sender = a
        case .impersonated(let a, _)?: sender = a; c.chain.prank(a)
        case nil: break
        }
        let tuple = try c.chain.authorization(account, delegate: delegate, sender: sender)
        let outcome = try c.chain.setCode([tuple], to: account, from: sender)
        let want = delegate == .zero ? [] : Delegation.designator(delegate)
        guard c.chain.code(at: account) == want else {
            return StepOutcome(ok: false, text: "the authorization was not applied (code \(Hex.encode(c.chain.code(at: account), prefix: true)))")
        }
        return StepOutcome(ok: true, text: (delegate == .zero ? "code cleared" : "code \(Hex.encode(want, prefix: true))")
                           + (outcome.succeeded ? "" : "; the call to it failed"))
    }
}
