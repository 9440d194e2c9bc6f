import UInt256

/// Everything a run needs, with defaults for a month of ten-minute checks by 7 nodes. Files (YAML
/// or JSON, with units and line numbers in errors) are read by `SimulationFile`.
public struct SimulationConfig: Sendable {
    /// The file's title and the reserve asset's unit word (labels for outputs; the engine uses neither).
    public var name: String?
    public var unit: String?
    public var seed: UInt64 = 1
    /// Simulated seconds to run.
    public var duration: UInt64 = 30 * 86_400
    /// The chain's timestamp at simulated second 0.
    public var genesis: UInt64 = 1_767_225_600           // 2026-01-01 00:00 UTC
    /// How often the network runs a round (seconds).
    public var checkInterval: UInt64 = 600
    public var rule = UpdateRule()
    /// How often Automation runs checkUpkeep (seconds), and the second of its first run.
    public var automationInterval: UInt64 = 300
    public var automationPhase: UInt64 = 0
    public var nodes: [OracleNode] = Array(repeating: OracleNode(), count: 7)
    public var f = 2
    /// The heartbeat the token and breaker accept: a little over the network's, so that a figure
    /// re-sent on the heartbeat at the next check is never found stale in between.
    public var contractHeartbeat: UInt64 = 86_400 + 3_600
    public var feedDecimals: UInt64 = 8
    public var marginBps: UInt64 = 0
    public var sources: [any ReserveSource] = []
    public var userEvents: [UserEvent] = []
    /// Users acting at random times, drawn from the seeded generator (nil: only the timed events).
    public var randomUsers: RandomUsers?
    /// Keep a `Sample` at every check (memory grows with the run: off unless asked for).
    public var recordSeries = false
    /// The custody addresses listed on chain (a PoRAddressList on the home chain); nil: none, the
    /// sources count every address they hold.
    public var addressList: AddressList?
    /// The token on a second chain with a bridge (Circulation.swift); nil: one chain.
    public var circulation: Circulation?

    public init() {}

    /// The on-chain custody address list: its first entries and the owner's later changes
    /// (transactions at given times; the nodes see them at their next check).
    public struct AddressList: Sendable, Equatable {
        public struct Change: Sendable, Equatable {
            public var time: UInt64
            public var address: String
            public var isAddition: Bool
            public static func add(_ address: String, at time: UInt64) -> Change { Change(time: time, address: address, isAddition: true) }
            public static func remove(_ address: String, at time: UInt64) -> Change { Change(time: time, address: address, isAddition: false) }
        }
        public var initial: [String]
        public var changes: [Change]
        public init(initial: [String], changes: [Change] = []) {
            self.initial = initial
            self.changes = changes
        }
    }

    /// A timed action of the token's users.
    public struct UserEvent: Sendable, Equatable {
        public enum Action: String, Sendable { case mint, redeem, transfer }
        public var time: UInt64
        public var action: Action
        public var amount: U256

        public init(_ action: Action, _ amount: U256, at time: UInt64) {
            self.time = time
            self.action = action
            self.amount = amount
        }
    }

    /// Random user activity: an action every 1 ... 2 · meanInterval − 1 seconds (uniform), a mint
    /// with `mintPercent` %, a redemption with `redeemPercent` %, else a transfer, of an amount
    /// drawn between the bounds (redemptions and transfers at most the holder's balance).
    public struct RandomUsers: Sendable, Equatable {
        public var meanInterval: UInt64
        public var mintPercent: UInt64
        public var redeemPercent: UInt64
        public var minAmount: U256
        public var maxAmount: U256

        public init(meanInterval: UInt64, mintPercent: UInt64 = 50, redeemPercent: UInt64 = 25,
                    minAmount: U256, maxAmount: U256) {
            self.meanInterval = meanInterval
            self.mintPercent = mintPercent
            self.redeemPercent = redeemPercent
            self.minAmount = minAmount
            self.maxAmount = maxAmount
        }
    }

    func validate() throws {
        if let u = randomUsers {
            guard u.meanInterval > 0 else { throw SimulationError("random users: mean interval must be positive") }
            guard u.mintPercent + u.redeemPercent <= 100 else { throw SimulationError("random users: mint and redeem shares exceed 100%") }
            guard !(u.maxAmount < u.minAmount) else { throw SimulationError("random users: max amount is below min amount") }
        }
        guard checkInterval > 0 else { throw SimulationError("check interval must be positive") }
        guard automationInterval > 0 else { throw SimulationError("automation interval must be positive") }
        guard contractHeartbeat > 0 else { throw SimulationError("contract heartbeat must be positive") }
        guard marginBps <= 10_000 else { throw SimulationError("margin \(marginBps) bps is over 10000") }
        guard feedDecimals <= 36 else { throw SimulationError("feed decimals \(feedDecimals) is over 36") }
        guard !sources.isEmpty else { throw SimulationError("no reserve source") }
    }
}
