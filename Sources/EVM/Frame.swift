import UInt256

/// The interpreter's stack pointer (to the top item; one below the base when empty). The loop
/// keeps it in a register; `Frame.top` is written back only around out-of-line instructions.
/// Item i from the top (µs[i]) is `self[-i]`.
@frozen @usableFromInline struct StackTop {
    @usableFromInline var p: UnsafeMutablePointer<U256>
    @inline(__always) init(_ p: UnsafeMutablePointer<U256>) { self.p = p }

    @inline(__always) subscript(i: Int) -> U256 {
        get { p[i] }
        nonmutating set { p[i] = newValue }
    }

    @inline(__always) mutating func push(_ v: U256) {
        p += 1
        p.pointee = v
    }
}

/// The machine state of one executing frame (Yellow Paper µ): program counter, gas, stack,
/// memory. The interpreter keeps it in a local variable so that its hot fields stay in
/// registers; it holds no references that the loop would have to retain.
public struct Frame {
    public internal(set) var pc: Int = 0
    public internal(set) var gas: Int64
    /// This frame's refund counter; children's are added on success.
    public internal(set) var refund: Int64 = 0
    /// Points at the top item; `stackBase - 1` when the stack is empty.
    @usableFromInline var top: UnsafeMutablePointer<U256>
    @usableFromInline let stackBase: UnsafeMutablePointer<U256>
    public internal(set) var memory: Memory
    @usableFromInline let code: UnsafePointer<UInt8>
    @usableFromInline let jumpdests: UnsafePointer<UInt64>
    @usableFromInline let blocks: UnsafePointer<BlockInfo>
    public let codeSize: Int
    public internal(set) var status: Status = .running
    public let message: Message
    /// Call data (the message's input), alive for the frame's lifetime.
    @usableFromInline let input: UnsafeRawBufferPointer
    /// Output of the most recent child call (EIP-211).
    public internal(set) var returnData: [UInt8] = []
    /// Where this frame's output (RETURN/REVERT data) lies in its memory; `EVM.interpret` copies
    /// it into a pooled buffer when the frame ends.
    var outputRange: (offset: Int, count: Int) = (0, 0)
    /// Output of this frame (RETURN/REVERT data).
    public var output: [UInt8] { memory.bytes(outputRange.offset, outputRange.count) }

    init(message: Message, code: Bytecode, input: UnsafeRawBufferPointer,
         stack: UnsafeMutablePointer<U256>, memory: Memory) {
        self.gas = message.gas
        self.message = message
        self.code = UnsafePointer(code.padded)
        self.jumpdests = UnsafePointer(code.jumpdests)
        self.blocks = UnsafePointer(code.blocks)
        self.codeSize = code.count
        self.input = input
        self.stackBase = stack
        self.top = stack - 1
        self.memory = memory
    }

    public var stackHeight: Int { top - stackBase + 1 }
    public var depth: Int { message.depth }

    /// Stack item `i` counted from the top (0 = top).
    public func stack(_ i: Int) -> U256 { top[-i] }

    /// The stack from bottom to top.
    public var stackItems: [U256] { (0..<stackHeight).map { stackBase[$0] } }

    @inline(__always) mutating func push(_ v: U256) {
        top += 1
        top.pointee = v
    }

    @inline(__always) mutating func pop() -> U256 {
        let v = top.pointee
        top -= 1
        return v
    }

    /// Stops the frame with `s`; exceptional halts lose all gas.
    mutating func halt(_ s: Status) {
        status = s
        if s.consumesAllGas { gas = 0 }
    }

    /// Charges `cost`; on shortfall halts out of gas and returns false.
    @inline(__always) mutating func charge(_ cost: Int64) -> Bool {
        gas &-= cost
        if gas < 0 { halt(.outOfGas); return false }
        return true
    }

    /// Extends memory to cover [offset, offset+size), charging expansion gas. Returns false
    /// (out of gas) for regions beyond `Memory.maxBufferSize`. A zero size touches nothing.
    @inline(__always)
    mutating func expandMemory(offset: U256, size: U256) -> Bool {
        if size.isZero { return true }
        guard offset.fitsInUInt64, size.fitsInUInt64,
              offset.w0 <= UInt64(Memory.maxBufferSize), size.w0 <= UInt64(Memory.maxBufferSize) else {
            halt(.outOfGas)
            return false
        }
        let end = Int(offset.w0) &+ Int(size.w0)
        if end <= memory.size { return true }
        return growMemory(to: end)
    }

    /// Expands memory for [offset, offset+size) like `expandMemory` and returns the range as Ints.
    /// An empty range may name any offset, even one past 2^63 (it touches nothing and costs
    /// nothing), so it comes back as (0, 0): no opcode converts an unchecked word to an Int.
    @inline(__always)
    mutating func memoryRange(offset: U256, size: U256) -> (offset: Int, count: Int)? {
        guard expandMemory(offset: offset, size: size) else { return nil }
        if size.isZero { return (0, 0) }
        return (Int(truncatingIfNeeded: offset.w0), Int(truncatingIfNeeded: size.w0))   // both <= maxBufferSize
    }

    /// Gas.memoryCost(new) − Gas.memoryCost(old), written out: both word counts are below 2^28
    /// (end <= 2 · maxBufferSize), so the squares are non-negative and divide by 512 as shifts,
    /// and the buffer is only reallocated past its capacity (`reserve` out of line).
    /// structarray_alloc grows memory 20,001 times a call: 7.76M → 7.14M instructions a call.
    @usableFromInline mutating func growMemory(to end: Int) -> Bool {
        let newWords = UInt64(truncatingIfNeeded: (end &+ 31) >> 5)
        let oldWords = UInt64(truncatingIfNeeded: memory.size >> 5)
        let quadratic = (newWords &* newWords) &>> 9 &- (oldWords &* oldWords) &>> 9
        let cost = UInt64(truncatingIfNeeded: Gas.memoryWord) &* (newWords &- oldWords) &+ quadratic
        guard charge(Int64(bitPattern: cost)) else { return false }
        let newSize = Int(truncatingIfNeeded: newWords) << 5
        if newSize > memory.capacity {
            guard memory.reserve(newSize) else { halt(.outOfGas); return false }
        }
        memory.size = newSize
        return true
    }
}
