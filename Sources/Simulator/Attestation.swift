import EVMCrypto
import Primitives
import UInt256

/// A custodian's or auditor's attestation API (the TUSD/PAXG case): every `cadence` seconds it
/// states what the account held at that moment, publishes the statement `lag` seconds later, and
/// signs it with its secp256k1 key. A node uses the latest published statement only if it is
/// signed by the auditor's address and no older than `maxAge`; otherwise it has no reading
/// (it sits the round out, and the feed goes stale rather than wrong).
public struct Attestation: ReserveSource {
    /// How a statement is signed (the faulty cases are for scenarios).
    public enum Signing: Sendable, Equatable {
        case auditor
        /// Signed by another key: recovers to the wrong address.
        case forged
        case unsigned
    }

    /// A published statement as the API serves it.
    public struct Statement: Sendable, Equatable {
        public var account: String
        /// In `unit`s (the attestation's own units, not the feed's).
        public var amount: U256
        public var unit: String
        public var asOf: UInt64
        public var published: UInt64
        /// (r, s, recovery ID), nil when unsigned.
        public var signature: (r: [UInt8], s: [UInt8], recoveryID: Int32)?

        public static func == (a: Statement, b: Statement) -> Bool {
            a.account == b.account && a.amount == b.amount && a.unit == b.unit && a.asOf == b.asOf
                && a.published == b.published && a.signature?.r == b.signature?.r
                && a.signature?.s == b.signature?.s && a.signature?.recoveryID == b.signature?.recoveryID
        }

        /// What is signed: keccak256(keccak256(account) ‖ amount ‖ keccak256(unit) ‖ asOf), each
        /// field a 32-byte word, so that no field can be shifted into another.
        public var digest: [UInt8] {
            Keccak256.hash(Keccak256.hash(Array(account.utf8)) + amount.bigEndianBytes
                           + Keccak256.hash(Array(unit.utf8)) + U256(asOf).bigEndianBytes)
        }

        /// The address that signed it, nil when unsigned or the signature does not recover.
        public var signer: [UInt8]? {
            guard let sig = signature else { return nil }
            return Secp256k1.recoverAddress(messageHash: digest, recoveryID: sig.recoveryID, r: sig.r, s: sig.s)
        }
    }

    /// Feed units per attested unit: value = amount × price / per (e.g. USD with 8 decimals per
    /// troy ounce, or per m² of appraised real estate). Nil: the units are the feed's.
    public struct Valuation: Sendable, Equatable {
        public var price: U256
        public var per: U256
        public init(price: U256, per: U256 = .one) { self.price = price; self.per = per }

        /// Saturates at the largest U256 rather than wrap (a figure that large fails every check).
        func value(_ amount: U256) -> U256 {
            let wide = U256.multipliedFullWidth(amount, price)
            let low = U256(w0: wide.l0, w1: wide.l1, w2: wide.l2, w3: wide.l3)
            let overflow = wide.l4 | wide.l5 | wide.l6 | wide.l7 != 0
            return overflow ? U256(w0: .max, w1: .max, w2: .max, w3: .max) : low.div(per)
        }
    }

    public let name: String
    public let account: String
    public let unit: String
    public let valuation: Valuation?
    public let cadence: UInt64
    public let lag: UInt64
    public let maxAge: UInt64
    /// The auditor's address (from its key).
    public let auditor: [UInt8]
    /// What the account really holds: (from time, amount in units), ascending, first at 0.
    public let holdings: [(time: UInt64, amount: U256)]
    /// Every statement published, ascending in time.
    public let statements: [Statement]
    /// Whether statement i verifies (signed by the auditor). Computed once: every node running
    /// the same check on the same bytes gets the same answer, and recovery is the costly part.
    private let verified: [Bool]

    /// Statements as of 0, cadence, 2 · cadence, ... up to `until` (inclusive); `signing` says how
    /// the one as of a given time is signed (default: by the auditor).
    public init(name: String = "attestation", account: String, unit: String, valuation: Valuation? = nil,
                holdings: [(time: UInt64, amount: U256)], cadence: UInt64, lag: UInt64 = 0, maxAge: UInt64,
                until: UInt64, auditorKey: [UInt8], forgerKey: [UInt8]? = nil,
                signing: [UInt64: Signing] = [:]) throws {
        guard cadence > 0 else { throw SimulationError("\(name): cadence must be positive") }
        guard holdings.first?.time == 0 else { throw SimulationError("\(name): holdings must start at time 0") }
        guard zip(holdings, holdings.dropFirst()).allSatisfy({ $0.time < $1.time }) else {
            throw SimulationError("\(name): holdings times must ascend")
        }
        guard let auditor = Secp256k1.address(ofPrivateKey: auditorKey) else {
            throw SimulationError("\(name): the auditor's key is not a valid secp256k1 key")
        }
        guard until / cadence < 1_000_000 else { throw SimulationError("\(name): over a million statements; raise the cadence") }
        self.name = name
        self.account = account
        self.unit = unit
        self.valuation = valuation
        self.cadence = cadence
        self.lag = lag
        self.maxAge = maxAge
        self.auditor = auditor
        self.holdings = holdings
        var statements: [Statement] = []
        var asOf: UInt64 = 0
        while asOf <= until {
            let (published, overflow) = asOf.addingReportingOverflow(lag)
            if overflow { break }
            var s = Statement(account: account, amount: Self.amount(holdings, at: asOf), unit: unit,
                              asOf: asOf, published: published, signature: nil)
            switch signing[asOf] ?? .auditor {
            case .unsigned: break
            case .auditor: s.signature = Secp256k1.sign(messageHash: s.digest, privateKey: auditorKey)
            case .forged:
                // A forger signs a doubled figure with its own key.
                s.amount = s.amount &+ s.amount
                guard let key = forgerKey else { throw SimulationError("\(name): a forged statement needs a forger key") }
                s.signature = Secp256k1.sign(messageHash: s.digest, privateKey: key)
            }
            statements.append(s)
            let (next, o) = asOf.addingReportingOverflow(cadence)
            if o { break }
            asOf = next
        }
        self.statements = statements
        verified = statements.map { $0.signer == auditor }
    }

    static func amount(_ holdings: [(time: UInt64, amount: U256)], at time: UInt64) -> U256 {
        holdings.last { $0.time <= time }?.amount ?? .zero
    }

    private func value(_ amount: U256) -> U256 { valuation?.value(amount) ?? amount }

    public func reserves(at time: UInt64) -> U256 { value(Self.amount(holdings, at: time)) }

    /// The latest statement published by `time`, if it verifies and is fresh enough.
    public func reading(at time: UInt64) -> U256? {
        guard let i = latest(at: time), verified[i] else { return nil }
        let s = statements[i]
        guard time - s.asOf <= maxAge else { return nil }
        return value(s.amount)
    }

    /// Index of the latest statement with published <= time (publication times ascend).
    func latest(at time: UInt64) -> Int? {
        var lo = 0, hi = statements.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if statements[mid].published <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    public var changeTimes: [UInt64] { holdings.dropFirst().map(\.time) }
}
