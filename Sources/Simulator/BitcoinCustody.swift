import UInt256

/// Bitcoin held at custody addresses (the WBTC case), as a simple ledger: holdings at the start,
/// then deposits and withdrawals at given times. A block is mined every `blockInterval` seconds
/// (at multiples of it); a deposit counts once it has `confirmations` confirmations, i.e. from the
/// block `confirmations − 1` after the one that includes it. A withdrawal counts as gone when it is
/// sent (conservative: reserves never look larger than what the custodian still controls).
public struct BitcoinCustody: ReserveSource {
    public struct Movement: Sendable, Equatable {
        public var time: UInt64
        public var address: String
        /// Satoshis (or the feed's units).
        public var amount: U256
        public var isDeposit: Bool

        public static func deposit(_ amount: U256, to address: String, at time: UInt64) -> Movement {
            Movement(time: time, address: address, amount: amount, isDeposit: true)
        }
        public static func withdrawal(_ amount: U256, from address: String, at time: UInt64) -> Movement {
            Movement(time: time, address: address, amount: amount, isDeposit: false)
        }
    }

    public let name: String
    public let blockInterval: UInt64
    public let confirmations: UInt64
    /// As given (for the config's encoded form).
    public let holdings: [String: U256]
    public let movements: [Movement]
    /// (time from which, total reserves), ascending in time; the first entry is at time 0.
    private let steps: [(time: UInt64, total: U256)]
    /// Per address: (time from which, balance), ascending; for reading only the listed addresses.
    private let addressSteps: [String: [(time: UInt64, balance: U256)]]

    public init(name: String = "bitcoin custody", holdings: [String: U256], movements: [Movement],
                blockInterval: UInt64 = 600, confirmations: UInt64 = 6) throws {
        guard blockInterval > 0 else { throw SimulationError("bitcoin custody: block interval must be positive") }
        self.name = name
        self.blockInterval = blockInterval
        self.confirmations = max(confirmations, 1)
        self.holdings = holdings
        self.movements = movements
        var balances = holdings
        var total = holdings.values.reduce(U256.zero) { $0 &+ $1 }
        // Apply in effective-time order; ties keep the given order.
        let effective = movements.enumerated().map { (i, m) in (time: Self.effectiveTime(m, blockInterval, max(confirmations, 1)), index: i, m: m) }
            .sorted { ($0.time, $0.index) < ($1.time, $1.index) }
        var steps: [(time: UInt64, total: U256)] = [(0, total)]
        var addressSteps = holdings.mapValues { [(time: UInt64(0), balance: $0)] }
        for e in effective {
            let balance = balances[e.m.address] ?? .zero
            if e.m.isDeposit {
                balances[e.m.address] = balance &+ e.m.amount
                total = total &+ e.m.amount
            } else {
                guard !(balance < e.m.amount) else {
                    throw SimulationError("bitcoin custody: withdrawal of \(e.m.amount) from \(e.m.address) at \(e.m.time) s exceeds its confirmed balance \(balance)")
                }
                balances[e.m.address] = balance &- e.m.amount
                total = total &- e.m.amount
            }
            if steps[steps.count - 1].time == e.time { steps[steps.count - 1].total = total } else { steps.append((e.time, total)) }
            addressSteps[e.m.address, default: [(0, .zero)]].append((e.time, balances[e.m.address] ?? .zero))
        }
        self.steps = steps
        self.addressSteps = addressSteps
    }

    /// When a movement changes the reserves (saturating: a deposit too late to confirm never does).
    static func effectiveTime(_ m: Movement, _ blockInterval: UInt64, _ confirmations: UInt64) -> UInt64 {
        guard m.isDeposit else { return m.time }
        let included = (m.time / blockInterval).addingReportingOverflow(1)
        let blocks = included.partialValue.addingReportingOverflow(confirmations - 1)
        let at = blocks.partialValue.multipliedReportingOverflow(by: blockInterval)
        return included.overflow || blocks.overflow || at.overflow ? .max : at.partialValue
    }

    public func reserves(at time: UInt64) -> U256 {
        // The last step whose time is <= time (steps[0].time == 0).
        var lo = 0, hi = steps.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if steps[mid].time <= time { lo = mid } else { hi = mid - 1 }
        }
        return steps[lo].total
    }

    /// What the listed addresses hold at `time` (all of them when there is no list); addresses
    /// this custodian does not know hold nothing.
    public func reading(at time: UInt64, listed: Set<String>?) -> U256? {
        guard let listed else { return reserves(at: time) }
        var sum = U256.zero
        for a in listed {
            // Several steps may share a time; the last one of them holds.
            if let s = addressSteps[a], let b = s.last(where: { $0.time <= time }) { sum = sum &+ b.balance }
        }
        return sum
    }

    public var changeTimes: [UInt64] { steps.dropFirst().map(\.time).filter { $0 != .max } }
}
