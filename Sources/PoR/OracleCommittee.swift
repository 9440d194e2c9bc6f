import ABI
import EVM
import EVMCrypto
import Harness
import Primitives
import UInt256

/// A committee of oracles for `PoRAggregator`: n signing keys, the fault tolerance f (3f < n),
/// and the transmitters. Signs reports the way the contract checks them (Contracts/README.md):
/// hash = keccak256(abi.encode(bytes32 configDigest, uint40 epochAndRound, int192[] observations,
/// bytes observers)); f+1 signatures (r, s) with their recovery ids packed into `rawVs`, one
/// byte each from the most significant.
public struct OracleCommittee {
    public let oracles: [TestAccount]
    public let f: Int
    public var transmitters: [TestAccount] { oracles }

    public init(size: Int, f: Int, namePrefix: String = "oracle") {
        oracles = (1...max(size, 1)).map { TestAccount(named: "\(namePrefix)\($0)") }
        self.f = f
    }

    public init(oracles: [TestAccount], f: Int) {
        self.oracles = oracles
        self.f = f
    }

    /// Arguments of `setConfig(address[] signers, address[] transmitters, uint8 f)`.
    public var configArguments: [Any] {
        [oracles.map(\.address), transmitters.map(\.address), UInt64(f)]
    }

    /// The signed report for `transmit`: `observations[i]` made by oracle `observers[i]` (default:
    /// oracle i), sorted ascending with their observers as the contract requires, signed by `signers`
    /// (default: the first f+1 oracles). `sortObservations: false` keeps the given order, to
    /// sign a report the contract must reject as unsorted.
    public func report(configDigest: U256, epochAndRound: UInt64, observations: [Answer],
                       signers: [TestAccount]? = nil, observers: [UInt8]? = nil,
                       sortObservations: Bool = true) throws -> Report {
        // observers[i] is who observed observations[i] (default: oracle i); sorting keeps the pairs.
        var observerIndexes = observers ?? (0..<observations.count).map { UInt8(truncatingIfNeeded: $0) }
        var sorted = observations
        if sortObservations {
            if observerIndexes.count == observations.count {
                let order = observations.indices.sorted { (observations[$0], $0) < (observations[$1], $1) }
                sorted = order.map { observations[$0] }
                observerIndexes = order.map { observerIndexes[$0] }
            } else {
                sorted = observations.sorted()       // a deliberately inconsistent report: keep observers as given
            }
        }
        let obs = sorted.map(\.abiValue)
        let message = try ABI.encode(
            [.fixedBytes(configDigest.bigEndianBytes), .unsigned(epochAndRound), .array(obs), .bytes(observerIndexes)],
            as: [.fixedBytes(32), .uint(40), .dynamicArray(.int(192)), .bytes])
        let hash = Keccak256.hash(message)
        var rs = [[UInt8]](), ss = [[UInt8]]()
        var rawVs = [UInt8](repeating: 0, count: 32)
        for (i, signer) in (signers ?? Array(oracles.prefix(f + 1))).enumerated() {
            guard let sig = Secp256k1.sign(messageHash: hash, privateKey: signer.privateKey), i < 32 else {
                throw HarnessError.signingFailed("cannot sign the report as \(signer.name)")
            }
            rs.append(sig.r)
            ss.append(sig.s)
            rawVs[i] = UInt8(sig.recoveryID)
        }
        return Report(configDigest: configDigest, epochAndRound: epochAndRound, observations: sorted,
                      observers: observerIndexes, rs: rs, ss: ss, rawVs: rawVs, hash: hash)
    }

    /// A signed report, ready to transmit.
    public struct Report {
        public var configDigest: U256
        public var epochAndRound: UInt64
        public var observations: [Answer]
        public var observers: [UInt8]
        public var rs: [[UInt8]]
        public var ss: [[UInt8]]
        public var rawVs: [UInt8]
        /// What the oracles signed.
        public var hash: [UInt8]

        /// The median the contract will store.
        public var median: Answer { observations[observations.count / 2] }

        /// Arguments of `transmit(bytes32,uint40,int192[],bytes,bytes32[],bytes32[],bytes32)`.
        public var transmitArguments: [Any] {
            [ABIValue.fixedBytes(configDigest.bigEndianBytes), epochAndRound,
             observations.map(\.abiValue), observers,
             rs.map { ABIValue.fixedBytes($0) }, ss.map { ABIValue.fixedBytes($0) }, ABIValue.fixedBytes(rawVs)]
        }
    }
}
