import UInt256

/// PUSH, DUP and SWAP on the loop's stack register. The code buffer carries 33 zero bytes of
/// padding, so a PUSH that runs past the end of the code reads zeros (Yellow Paper: bytes beyond
/// the code are 0). Each PUSH advances `pc` over its immediate; the loop adds the final 1.
extension StackTop {
    @inline(__always) mutating func push1(_ code: UnsafePointer<UInt8>, _ pc: inout Int) {
        push(U256(UInt64(code[pc &+ 1])))
        pc &+= 1
    }

    /// PUSH2–PUSH8: one unaligned 8-byte load, shifted down to the pushed width.
    @inline(__always) mutating func pushSmall(_ n: Int, _ code: UnsafePointer<UInt8>, _ pc: inout Int) {
        let raw = UInt64(bigEndian: UnsafeRawPointer(code + (pc &+ 1)).loadUnaligned(as: UInt64.self))
        push(U256(raw &>> UInt64(truncatingIfNeeded: 64 &- 8 &* n)))
        pc &+= n
    }

    /// PUSH9–PUSH32: whole limbs read from the end of the immediate, then the partial top limb.
    @inline(__always) mutating func pushLarge(_ n: Int, _ code: UnsafePointer<UInt8>, _ pc: inout Int) {
        let start = UnsafeRawPointer(code + (pc &+ 1))
        let end = start + n
        @inline(__always) func limb(_ i: Int) -> UInt64 {
            let full = n >> 3
            if i < full { return UInt64(bigEndian: (end - 8 &* (i &+ 1)).loadUnaligned(as: UInt64.self)) }
            if i == full, n & 7 != 0 {
                return UInt64(bigEndian: start.loadUnaligned(as: UInt64.self)) &>> UInt64(truncatingIfNeeded: 64 &- 8 &* (n & 7))
            }
            return 0
        }
        push(U256(w0: limb(0), w1: limb(1), w2: limb(2), w3: limb(3)))
        pc &+= n
    }

    /// PUSH32, the common wide push (constants, masks): four straight loads.
    @inline(__always) mutating func push32(_ code: UnsafePointer<UInt8>, _ pc: inout Int) {
        push(U256(bigEndian: UnsafeRawPointer(code + (pc &+ 1))))
        pc &+= 32
    }

    @inline(__always) mutating func dup(_ n: Int) {
        p[1] = p[1 &- n]
        p += 1
    }

    @inline(__always) mutating func swap(_ n: Int) {
        let t = p[0]
        p[0] = p[-n]
        p[-n] = t
    }
}
