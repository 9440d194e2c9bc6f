import ABI
import Harness
import PoR
import UInt256

extension SimulationConfig {
    /// Proof of Circulation: the token also lives on a second porvm chain; a bridge moves supply
    /// between the two, and the network reports the supply out there to a second feed on the home
    /// chain, which the token's secure mint and the breaker count (`setCirculationFeed`).
    public struct Circulation: Sendable, Equatable {
        public struct Bridge: Sendable, Equatable {
            public enum Kind: String, Sendable {
                /// Burn on the home chain, then mint on the other.
                case toRemote
                /// Burn on the other chain, then mint on the home chain (through its secure mint).
                case toHome
                /// A mint on the other chain with nothing burnt (a bridge fault or exploit).
                case remoteMint
            }
            public var time: UInt64
            public var kind: Kind
            public var amount: U256
            public init(_ kind: Kind, _ amount: U256, at time: UInt64) {
                self.time = time
                self.kind = kind
                self.amount = amount
            }
        }
        public var bridges: [Bridge]
        public init(bridges: [Bridge] = []) { self.bridges = bridges }
    }
}

/// The token on the second chain. It has no reserves of its own: its mint is the bridge's, so its
/// reserve feed is a mock that always covers it (the home chain's secure mint is what is modelled).
final class RemoteChain {
    let chain: Chain
    let token: Contract
    let reserveMock: Contract
    let bridge: TestAccount
    let genesis: UInt64

    init(genesis: UInt64, decimals: UInt64, heartbeat: UInt64) throws {
        chain = Chain(chainId: 31338, timestamp: genesis)
        self.genesis = genesis
        bridge = chain.account("bridge")
        reserveMock = try chain.deploy(try FixtureArtifacts.load("mocks/MockFeed"), decimals, ABIValue.signed(Int.max),
                                       from: chain.deployer)
        token = try chain.deploy(try FixtureArtifacts.load(FixtureArtifacts.token),
                                 "Wrapped BTC", "WBTC", decimals, reserveMock, heartbeat, UInt64(0), from: chain.deployer)
        let minter = try token.transact("setMinter", bridge, from: chain.deployer)
        guard minter.succeeded else { throw SimulationError("second chain: setMinter failed") }
    }

    func warp(to t: UInt64) {
        let (time, overflow) = genesis.addingReportingOverflow(t)
        chain.warp(overflow ? .max : time)
        chain.roll(1 + t / 12)
    }

    func mint(_ amount: U256) throws -> CallOutcome {
        // Keep the mock fresh so that only the bridge decides.
        _ = try reserveMock.transact("set", ABIValue.signed(Int.max), ABIValue.uint(U256(chain.block.timestamp)), from: chain.deployer)
        return try token.transact("mint", bridge, ABIValue.uint(amount), from: bridge)
    }

    func burn(_ amount: U256) throws -> CallOutcome {
        try token.transact("burn", ABIValue.uint(amount), from: bridge)
    }

    func totalSupply() throws -> U256 {
        guard let v = try token.read("totalSupply").u256 else { throw SimulationError("second chain: totalSupply() returned no number") }
        return v
    }
}
