import Primitives
import UInt256
import EVM

/// How much of one contract's branching the campaign has reached.
public struct ContractCoverage: Equatable, Sendable, CustomStringConvertible {
    /// Distinct JUMPI outcomes seen (at most `branchEdgesPossible` in code compiled by solc,
    /// whose JUMPI destinations are constants).
    public var branchEdgesSeen: Int
    /// Two per JUMPI site in the code (taken and not taken).
    public var branchEdgesPossible: Int
    /// Distinct JUMP (source, target) pairs seen: internal calls and returns.
    public var jumpEdgesSeen: Int

    public init(branchEdgesSeen: Int, branchEdgesPossible: Int, jumpEdgesSeen: Int) {
        self.branchEdgesSeen = branchEdgesSeen
        self.branchEdgesPossible = branchEdgesPossible
        self.jumpEdgesSeen = jumpEdgesSeen
    }

    public var fraction: Double {
        branchEdgesPossible == 0 ? 1 : Double(min(branchEdgesSeen, branchEdgesPossible)) / Double(branchEdgesPossible)
    }

    public var description: String {
        let percent = (fraction * 1000).rounded() / 10
        return "\(branchEdgesSeen)/\(branchEdgesPossible) branch edges (\(percent)%), \(jumpEdgesSeen) jump edges"
    }

    /// JUMPI sites (opcodes, not push data) in `code`.
    public static func branchSites(in code: [UInt8]) -> Int {
        var sites = 0, pc = 0
        while pc < code.count {
            let op = code[pc]
            if op == 0x57 { sites += 1 }
            if op >= 0x60 && op <= 0x7f { pc += Int(op) - 0x5f }   // skip push data
            pc += 1
        }
        return sites
    }
}

/// The campaign's cumulative edges (exact, so that per-contract counts are exact). A value
/// type: workers merge into one under their own lock.
public struct CoverageMap: Sendable {
    public private(set) var edges: Set<Edge> = []
    private var branchEdges: [UInt64: Int] = [:]
    private var jumpEdges: [UInt64: Int] = [:]

    public init() {}

    public var count: Int { edges.count }
    public func contains(_ edge: Edge) -> Bool { edges.contains(edge) }

    /// Adds `edges`; returns how many were new.
    @discardableResult
    public mutating func merge<S: Sequence>(_ new: S) -> Int where S.Element == Edge {
        var added = 0
        for e in new where edges.insert(e).inserted {
            added += 1
            if e.isBranch { branchEdges[e.code, default: 0] += 1 } else { jumpEdges[e.code, default: 0] += 1 }
        }
        return added
    }

    public func coverage(of code: Bytecode) -> ContractCoverage {
        let key = Edge.codeKey(code.hash)
        return ContractCoverage(branchEdgesSeen: branchEdges[key] ?? 0,
                                branchEdgesPossible: 2 * ContractCoverage.branchSites(in: code.bytes),
                                jumpEdgesSeen: jumpEdges[key] ?? 0)
    }

    /// The edges in a fixed order (Set order differs between processes).
    public var sortedEdges: [Edge] { edges.sorted() }
}

extension EdgeCoverage {
    /// The edges of this run that `global` lacks, in the order reached.
    public func newEdges(against global: CoverageMap) -> [Edge] {
        runEdges.filter { !global.contains($0) }
    }

    public func hasNewEdges(against global: CoverageMap) -> Bool {
        runEdges.contains { !global.contains($0) }
    }

    /// Merges this run into `global`; returns how many edges were new.
    @discardableResult
    public func merge(into global: inout CoverageMap) -> Int { global.merge(runEdges) }
}
