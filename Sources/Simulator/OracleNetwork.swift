import Primitives
import UInt256

/// The decentralized oracle network as in OCR: n nodes tolerating f faulty ones (3f < n). In each
/// round every live node observes the reserves, the leader gathers the observations (at least
/// 2f + 1 of them), builds the report with their median, and f + 1 nodes sign it.
public struct OracleNetwork {
    public var nodes: [OracleNode]
    public let f: Int
    /// The contract's limit on committee size (PoRAggregator MAX_ORACLES).
    public static let maxNodes = 31

    public init(nodes: [OracleNode], f: Int) throws {
        guard f >= 0, 3 * f < nodes.count else {
            throw SimulationError("oracle network: f = \(f) with \(nodes.count) nodes; OCR needs 3f < n")
        }
        guard nodes.count <= Self.maxNodes else {
            throw SimulationError("oracle network: \(nodes.count) nodes; the aggregator takes at most \(Self.maxNodes)")
        }
        self.nodes = nodes
        self.f = f
    }

    /// A report ready to sign and transmit.
    public struct Report: Equatable {
        /// (node index, figure) ascending by figure then node, as the aggregator requires.
        public var observations: [(node: Int, value: U256)]
        public var leader: Int
        public var signers: [Int]
        /// The figure the aggregator stores: the middle observation (upper middle when even).
        public var median: U256 { observations[observations.count / 2].value }

        public static func == (a: Report, b: Report) -> Bool {
            a.leader == b.leader && a.signers == b.signers
                && a.observations.elementsEqual(b.observations) { $0.node == $1.node && $0.value == $1.value }
        }
    }

    public enum Outcome: Equatable {
        case report(Report)
        /// Too few live nodes: the round produced nothing.
        case noQuorum(live: Int, needed: Int)
    }

    /// Round `number` at true time `t`: every node observes, then the report is built.
    public func round(_ number: UInt64, at t: UInt64, book: ReserveBook, random: inout SeededRandom) -> Outcome {
        report(number, from: observations(at: t, book: book, random: &random))
    }

    /// Each node's observation at true time `t` (nil: offline, or no usable reading).
    /// A report carries int192 figures: larger ones (a byzantine node's) are clamped to its maximum.
    public func observations(at t: UInt64, book: ReserveBook, random: inout SeededRandom) -> [U256?] {
        nodes.map { $0.observe(book, at: t, random: &random).map { Self.int192Max < $0 ? Self.int192Max : $0 } }
    }

    /// 2^191 − 1, the largest figure an OCR report (int192) can carry.
    public static let int192Max = U256.one.shiftedLeft(byBits: 191) &- .one

    /// The leader's report from the nodes' observations. The leader rotates with the round
    /// number; an offline leader is replaced by the next live node (OCR's pacemaker changes
    /// leader on a timeout).
    public func report(_ number: UInt64, from observed: [U256?]) -> Outcome {
        var observations: [(node: Int, value: U256)] = []
        observations.reserveCapacity(observed.count)
        for (i, v) in observed.enumerated() { if let v { observations.append((i, v)) } }
        let needed = 2 * f + 1
        guard observations.count >= needed else { return .noQuorum(live: observations.count, needed: needed) }
        observations.sort { $0.value != $1.value ? $0.value < $1.value : $0.node < $1.node }
        let n = observed.count
        let rotation = (0..<n).map { (Int(number % UInt64(n)) + $0) % n }.filter { observed[$0] != nil }
        guard let leader = rotation.first else { return .noQuorum(live: 0, needed: needed) }
        return .report(Report(observations: observations, leader: leader, signers: Array(rotation.prefix(f + 1))))
    }
}
