import UInt256

/// Comparison and bitwise logic (0x10–0x1d), EIP-145 shifts included.
extension StackTop {
    @inline(__always) mutating func lt() { self[-1] = self[0] < self[-1] ? .one : .zero; p -= 1 }
    @inline(__always) mutating func gt() { self[-1] = self[-1] < self[0] ? .one : .zero; p -= 1 }
    @inline(__always) mutating func slt() { self[-1] = self[0].signedLess(than: self[-1]) ? .one : .zero; p -= 1 }
    @inline(__always) mutating func sgt() { self[-1] = self[0].signedGreater(than: self[-1]) ? .one : .zero; p -= 1 }
    @inline(__always) mutating func eq() { self[-1] = self[0] == self[-1] ? .one : .zero; p -= 1 }
    @inline(__always) mutating func iszero() { self[0] = self[0].isZero ? .one : .zero }
    @inline(__always) mutating func and() { self[-1] = self[0] & self[-1]; p -= 1 }
    @inline(__always) mutating func or() { self[-1] = self[0] | self[-1]; p -= 1 }
    @inline(__always) mutating func xor() { self[-1] = self[0] ^ self[-1]; p -= 1 }
    @inline(__always) mutating func not() { self[0] = ~self[0] }
    /// BYTE(i, x): byte i of x, counting from the most significant.
    @inline(__always) mutating func byte() { self[-1] = self[-1].byte(at: self[0]); p -= 1 }
    /// SHL(shift, value) and friends: the shift amount is on top (EIP-145).
    @inline(__always) mutating func shl() { self[-1] = self[-1].shiftedLeft(by: self[0]); p -= 1 }
    @inline(__always) mutating func shr() { self[-1] = self[-1].shiftedRight(by: self[0]); p -= 1 }
    @inline(__always) mutating func sar() { self[-1] = self[-1].arithmeticShiftedRight(by: self[0]); p -= 1 }
}

extension Frame {
    /// CLZ(x): the number of leading zero bits of x, 256 for zero (EIP-7939). Out of the hot
    /// loop because only Osaka on defines it.
    @inline(__always) mutating func clz() { top.pointee = U256(UInt64(top.pointee.leadingZeroBitCount)) }
}
