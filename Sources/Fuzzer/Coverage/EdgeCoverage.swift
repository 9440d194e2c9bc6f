import Primitives
import UInt256
import EVM

/// One control-flow edge: a JUMPI outcome (taken to `dest`, or not taken to `pc + 1`) or a JUMP
/// to `dest`, in the code identified by `code` (the low 64 bits of its Keccak-256 hash).
public struct Edge: Hashable, Comparable, Sendable {
    public let code: UInt64
    public let pc: UInt32
    /// The destination; `UInt32.max` for one that does not fit (an invalid jump anyway).
    public let dest: UInt32
    /// A JUMPI outcome (counted against the code's branch sites); false for a JUMP.
    public let isBranch: Bool

    public init(code: UInt64, pc: UInt32, dest: UInt32, isBranch: Bool) {
        self.code = code
        self.pc = pc
        self.dest = dest
        self.isBranch = isBranch
    }

    public static func < (a: Edge, b: Edge) -> Bool {
        (a.code, a.pc, a.dest, a.isBranch ? 1 : 0) < (b.code, b.pc, b.dest, b.isBranch ? 1 : 0)
    }

    /// The key of a code hash as edges carry it.
    public static func codeKey(_ hash: U256) -> UInt64 { hash.w0 }
}

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

/// Records edge coverage through the interpreter's `Inspector` hook, in the manner of AFL's
/// edge bitmap: each edge hashes to one of 64 Ki slots holding a tag of the edge, so a step
/// that repeats an edge costs one hash and one compare and allocates nothing; an edge's first
/// hit in a run appends it to `runEdges` (amortised). A slot taken by another edge (rare at the
/// sizes of real contracts) falls back to a set. `resetRun` clears only the slots the run used.
///
/// Code is identified by its hash, so every proxy or clone of one code shares its coverage:
/// `codeHash` resolves a called address (the campaign passes a look-up into its state; at
/// `callStart`, never per step); a creation's init code is hashed from the message input.
///
/// Overhead, measured (release, a 50-iteration JUMPI loop, ~310 instructions a call, best of 5
/// x 200k calls, 2 shared cores so ±30%): NoInspector 0.7-1.3 M calls/s; EdgeCoverage 50-97 k
/// (13-19x slower), and an inspector doing nothing per step costs the same: the price is the
/// per-step hook through `execute(_:inspector:)`, which runs the interpreter unspecialised for
/// any type outside the EVM module. The same work specialised inside EVM (experiment) was 7x
/// slower; a hook called only at JUMP/JUMPI, specialised, 1.2-1.6x. So the EVM should offer a
/// jump hook and specialise for the coverage type; `jump(pc:destination:taken:isBranch:)` is the
/// entry such a hook would call.
public final class EdgeCoverage: Inspector {
    public static let mapSize = 1 << 16

    /// Edges first reached in this run, in the order reached (deterministic).
    public private(set) var runEdges: [Edge] = []
    private let tags: UnsafeMutablePointer<UInt32>
    private var collided: Set<Edge> = []
    private var current: UInt64 = 0
    private var codeStack: [UInt64] = []
    private var keyCache: [Address: UInt64] = [:]
    private let codeHash: (Address) -> U256?

    /// `codeHash` returns the hash of the code at an address (nil for none, e.g. a precompile:
    /// its calls run no steps, and it is keyed by its address instead).
    public init(codeHash: @escaping (Address) -> U256?) {
        self.codeHash = codeHash
        tags = .allocate(capacity: Self.mapSize)
        tags.initialize(repeating: 0, count: Self.mapSize)
        runEdges.reserveCapacity(4096)
        codeStack.reserveCapacity(1025)   // the call depth limit, +1
    }

    deinit { tags.deallocate() }

    /// Forgets the run (call once per sequence); keeps the buffers.
    public func resetRun() {
        for e in runEdges { tags[Self.slot(Self.mix(e)).slot] = 0 }
        runEdges.removeAll(keepingCapacity: true)
        collided.removeAll(keepingCapacity: true)
        codeStack.removeAll(keepingCapacity: true)
        keyCache.removeAll(keepingCapacity: true)   // code at an address may differ after a restore
        current = 0
    }

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

    // MARK: Inspector

    public func step(_ frame: borrowing Frame, opcode: UInt8) {
        if opcode == 0x56 {                       // JUMP: µs[0] is the destination
            guard frame.stackHeight >= 1 else { return }
            jump(pc: frame.pc, destination: frame.stack(0), taken: true, isBranch: false)
        } else if opcode == 0x57 {                // JUMPI: µs[0] destination, µs[1] condition
            guard frame.stackHeight >= 2 else { return }
            jump(pc: frame.pc, destination: frame.stack(0), taken: !frame.stack(1).isZero, isBranch: true)
        }
    }

    /// Records a JUMP (`taken`, not a branch) or a JUMPI outcome at `pc` in the running code.
    @inline(__always)
    public func jump(pc: Int, destination: U256, taken: Bool, isBranch: Bool) {
        record(pc: pc, dest: taken ? destination : U256(UInt64(truncatingIfNeeded: pc) &+ 1), isBranch: isBranch)
    }

    public func callStart(_ message: Message, callerGasLeft: Int64?) {
        codeStack.append(current)
        current = message.kind.isCreate ? Edge.codeKey(U256(bigEndianBytes: Keccak256.hash(message.input)))
                                        : key(of: message.codeAddress)
    }

    public func callEnd(_ message: Message, result: CallResult) {
        current = codeStack.popLast() ?? 0
    }

    // MARK: internals

    private func key(of address: Address) -> UInt64 {
        if let k = keyCache[address] { return k }
        let k = codeHash(address).map(Edge.codeKey) ?? (address.word.w0 ^ 0x9e37_79b9_7f4a_7c15)
        keyCache[address] = k
        return k
    }

    @inline(__always)
    private func record(pc: Int, dest: U256, isBranch: Bool) {
        let d: UInt32 = dest.fitsInUInt64 && dest.w0 <= UInt64(UInt32.max) ? UInt32(truncatingIfNeeded: dest.w0) : .max
        let edge = Edge(code: current, pc: UInt32(truncatingIfNeeded: pc), dest: d, isBranch: isBranch)
        let (slot, tag) = Self.slot(Self.mix(edge))
        let seen = tags[slot]
        if seen == tag { return }
        if seen == 0 {
            tags[slot] = tag
            runEdges.append(edge)
        } else if collided.insert(edge).inserted {
            runEdges.append(edge)
        }
    }

    /// A 64-bit mix of the edge (splitmix64's finaliser); the map is indexed by its low bits and
    /// tagged with its high ones, so a repeat is told from a collision up to a 2^-31 chance.
    @inline(__always)
    static func mix(_ e: Edge) -> UInt64 {
        var x = e.code ^ ((UInt64(e.pc) << 32 | UInt64(e.dest)) &* 0x9e37_79b9_7f4a_7c15) ^ (e.isBranch ? 1 : 0)
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        return x ^ (x >> 31)
    }

    @inline(__always)
    static func slot(_ h: UInt64) -> (slot: Int, tag: UInt32) {
        (Int(truncatingIfNeeded: h) & (mapSize - 1), UInt32(truncatingIfNeeded: h >> 32) | 1)
    }
}
