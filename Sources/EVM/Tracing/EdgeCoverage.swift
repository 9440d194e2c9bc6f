import Primitives
import UInt256

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

/// Records edge coverage (JUMPI outcomes and JUMP targets per code hash) through the
/// interpreter's jump hook, in the manner of AFL's edge bitmap: each edge hashes to one of 64 Ki
/// slots holding a tag of the edge, so a jump that repeats an edge costs one hash and one
/// compare and allocates nothing; an edge's first hit in a run appends it to `runEdges`. A slot
/// taken by another edge (rare at the sizes of real contracts) falls back to a set. `resetRun`
/// clears only the slots the run used.
///
/// Defined in EVM and final so that `execute` runs the interpreter specialised for it (as
/// evmone's and revm's tracers are compiled in): the loop calls `jump` at JUMP/JUMPI only and
/// observes no step, so the registers stay in registers. A generic per-step inspector from
/// another module ran 13-19x slower than none (the unspecialised loop); this hook costs about
/// what the hash does (`porvm fuzz` calls/s, see the README).
///
/// Code is identified by its hash, so every proxy or clone of one code shares its coverage:
/// `codeHash` resolves a called address at `callStart` (cached per run, never per jump); a
/// creation's init code is hashed from the message input.
public final class EdgeCoverage: Inspector {
    public static let mapSize = 1 << 16
    public static var observesSteps: Bool { false }
    public static var observesJumps: Bool { true }

    /// Edges first reached in this run, in the order reached (deterministic).
    public private(set) var runEdges: [Edge] = []
    private let tags: UnsafeMutablePointer<UInt32>
    private var collided: Set<Edge> = []
    private var current: UInt64 = 0
    private var codeStack: [UInt64] = []
    private var keyCache: [Address: UInt64] = [:]
    private let codeHash: (Address) -> U256?

    /// `codeHash` returns the hash of the code at an address (nil for none, e.g. a precompile:
    /// its calls run no code, and it is keyed by its address instead).
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

    // MARK: Inspector

    /// A JUMP (`taken`, not a branch) or a JUMPI outcome at `pc` in the running code.
    @inline(__always)
    public func jump(pc: Int, destination: U256, taken: Bool, isBranch: Bool) {
        let dest: UInt32
        if !taken {
            dest = UInt32(truncatingIfNeeded: pc &+ 1)
        } else {
            dest = destination.fitsInUInt64 && destination.w0 <= UInt64(UInt32.max) ? UInt32(truncatingIfNeeded: destination.w0) : .max
        }
        let edge = Edge(code: current, pc: UInt32(truncatingIfNeeded: pc), dest: dest, isBranch: isBranch)
        let (slot, tag) = Self.slot(Self.mix(edge))
        if tags[slot] != tag { firstHit(edge, slot: slot, tag: tag) }
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

    /// Out of line: the interpreter's loop keeps only the hash and the compare.
    @inline(never)
    private func firstHit(_ edge: Edge, slot: Int, tag: UInt32) {
        if tags[slot] == 0 {
            tags[slot] = tag
            runEdges.append(edge)
        } else if collided.insert(edge).inserted {
            runEdges.append(edge)
        }
    }

    private func key(of address: Address) -> UInt64 {
        if let k = keyCache[address] { return k }
        let k = codeHash(address).map(Edge.codeKey) ?? (address.word.w0 ^ 0x9e37_79b9_7f4a_7c15)
        keyCache[address] = k
        return k
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
