import UInt256

/// PUSH, DUP and SWAP. The code buffer carries 33 zero bytes of padding, so a PUSH that runs
/// past the end of the code reads zeros (Yellow Paper: bytes beyond the code are 0).
extension Frame {
    @inline(__always) mutating func push1() {
        push(U256(UInt64(code[pc &+ 1])))
        pc &+= 2
    }

    /// PUSH2–PUSH8: one unaligned 8-byte load, shifted down to the pushed width.
    @inline(__always) mutating func pushSmall(_ n: Int) {
        let raw = UInt64(bigEndian: UnsafeRawPointer(code + (pc &+ 1)).loadUnaligned(as: UInt64.self))
        push(U256(raw >> UInt64(64 &- 8 &* n)))
        pc &+= n &+ 1
    }

    /// PUSH9–PUSH32: whole limbs read from the end of the immediate, then the partial top limb.
    @inline(__always) mutating func pushLarge(_ n: Int) {
        let start = UnsafeRawPointer(code + (pc &+ 1))
        let end = start + n
        @inline(__always) func limb(_ i: Int) -> UInt64 {
            let full = n >> 3
            if i < full { return UInt64(bigEndian: (end - 8 &* (i &+ 1)).loadUnaligned(as: UInt64.self)) }
            if i == full, n & 7 != 0 {
                return UInt64(bigEndian: start.loadUnaligned(as: UInt64.self)) >> UInt64(64 &- 8 &* (n & 7))
            }
            return 0
        }
        push(U256(w0: limb(0), w1: limb(1), w2: limb(2), w3: limb(3)))
        pc &+= n &+ 1
    }

    @inline(__always) mutating func dup(_ n: Int) {
        top[1] = top[1 &- n]
        top += 1
    }

    @inline(__always) mutating func swap(_ n: Int) {
        let t = top[0]
        top[0] = top[-n]
        top[-n] = t
    }
}
