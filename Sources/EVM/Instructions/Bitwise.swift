import UInt256

/// Comparison and bitwise logic (0x10–0x1d), EIP-145 shifts included.
extension Frame {
    @inline(__always) mutating func lt() { top[-1] = top[0] < top[-1] ? .one : .zero; top -= 1 }
    @inline(__always) mutating func gt() { top[-1] = top[-1] < top[0] ? .one : .zero; top -= 1 }
    @inline(__always) mutating func slt() { top[-1] = top[0].signedLess(than: top[-1]) ? .one : .zero; top -= 1 }
    @inline(__always) mutating func sgt() { top[-1] = top[0].signedGreater(than: top[-1]) ? .one : .zero; top -= 1 }
    @inline(__always) mutating func eq() { top[-1] = top[0] == top[-1] ? .one : .zero; top -= 1 }
    @inline(__always) mutating func iszero() { top[0] = top[0].isZero ? .one : .zero }
    @inline(__always) mutating func and() { top[-1] = top[0] & top[-1]; top -= 1 }
    @inline(__always) mutating func or() { top[-1] = top[0] | top[-1]; top -= 1 }
    @inline(__always) mutating func xor() { top[-1] = top[0] ^ top[-1]; top -= 1 }
    @inline(__always) mutating func not() { top[0] = ~top[0] }
    /// BYTE(i, x): byte i of x, counting from the most significant.
    @inline(__always) mutating func byte() { top[-1] = top[-1].byte(at: top[0]); top -= 1 }
    /// SHL(shift, value) and friends: the shift amount is on top (EIP-145).
    @inline(__always) mutating func shl() { top[-1] = top[-1].shiftedLeft(by: top[0]); top -= 1 }
    @inline(__always) mutating func shr() { top[-1] = top[-1].shiftedRight(by: top[0]); top -= 1 }
    @inline(__always) mutating func sar() { top[-1] = top[-1].arithmeticShiftedRight(by: top[0]); top -= 1 }
}
