import ABI
import EVM
import Harness
import UInt256
import Primitives

/// What a running step sees: the live chain, the deployed address of every contract the
/// checking pass knew by a stand-in, and the plug-ins' run-time state.
public final class ScenarioContext {
    public let chain: Chain
    /// Plug-ins' state while running (PoR: the last accepted report per feed), saved by
    /// `snapshot` and restored by `revert_to` with the chain.
    public var extras: [String: Any] = [:]
    private var relocations: [Address: Address] = [:]
    var snapshots: [String: (id: Int, extras: [String: Any])] = [:]

    init(chain: Chain) { self.chain = chain }

    /// The contract bound to `placeholder` while checking now lives at `address`.
    public func relocate(_ placeholder: Address, to address: Address) { relocations[placeholder] = address }

    /// An address as it is on the chain: a contract's stand-in replaced by its deployed address.
    public func live(_ a: Address) -> Address { relocations[a] ?? a }

    public func live(_ v: ABIValue) -> ABIValue {
        switch v {
        case .address(let a): return .address(live(a))
        case .array(let items): return .array(items.map(live))
        case .tuple(let items): return .tuple(items.map(live))
        default: return v
        }
    }

    /// A storage word that may hold a contract's address.
    public func live(_ w: U256) -> U256 {
        guard !relocations.isEmpty, w.shiftedRight(byBits: 160).isZero else { return w }
        return relocations[Address(word: w)]?.word ?? w
    }

    public func live(_ s: Sender) -> Sender {
        if case .impersonated(let a, let n) = s { return .impersonated(live(a), n) }
        return s
    }

    public func live(_ n: Names) -> Names {
        var out = Names()
        for (a, name) in n.byAddress { out.byAddress[live(a)] = name }
        return out
    }

    public func live(_ e: CallExpect) -> CallExpect { e.relocated(live) }

    /// The contract of a bound name, at its deployed address.
    public func contract(_ b: Bound) -> Contract { chain.at(live(b.address), abi: b.abi, name: b.name) }

    /// Calls or transacts as `from`: a signing account, or an impersonated address (a prank).
    public func invoke(transact: Bool, bound: Bound, function: ABIFunction, args: [ABIValue],
                       from: Sender?, value: U256, gas: UInt64?) throws -> CallOutcome {
        let contract = contract(bound)
        var fromAccount: AddressConvertible?
        switch from.map(live) {
        case .account(let a, _)?: fromAccount = a
        case .impersonated(let a, _)?: chain.prank(a)
        case nil: break
        }
        let args = args.map(live)
        return transact
            ? try contract.transact(function.signature, arguments: args, from: fromAccount, value: value, gasLimit: gas)
            : try contract.call(function.signature, arguments: args, from: fromAccount, value: value, gasLimit: gas)
    }
}
