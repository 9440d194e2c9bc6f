import UInt256

/// ADD through SIGNEXTEND (0x01–0x0b). Each works on the stack top in place: µs[0] is `self[0]`,
/// µs[1] is `self[-1]`; a binary operation writes its result over µs[1] and drops µs[0].
extension StackTop {
    @inline(__always) mutating func add() { self[-1] = self[0] &+ self[-1]; p -= 1 }
    @inline(__always) mutating func mul() { self[-1] = self[0] &* self[-1]; p -= 1 }
    @inline(__always) mutating func sub() { self[-1] = self[0] &- self[-1]; p -= 1 }
    @inline(__always) mutating func div() { self[-1] = self[0].div(self[-1]); p -= 1 }
    @inline(__always) mutating func sdiv() { self[-1] = self[0].sdiv(self[-1]); p -= 1 }
    @inline(__always) mutating func mod() { self[-1] = self[0].mod(self[-1]); p -= 1 }
    @inline(__always) mutating func smod() { self[-1] = self[0].smod(self[-1]); p -= 1 }

    @inline(__always) mutating func addmod() {
        self[-2] = U256.addmod(self[0], self[-1], self[-2]); p -= 2
    }

    @inline(__always) mutating func mulmod() {
        self[-2] = U256.mulmod(self[0], self[-1], self[-2]); p -= 2
    }

    /// EIP-160: 50 gas per byte of the exponent, from the loop's gas register; false when out of gas.
    @inline(__always) mutating func exp(gas: inout Int64) -> Bool {
        let exponent = self[-1]
        gas &-= Gas.expByte &* Int64(exponent.significantByteCount)
        if gas < 0 { return false }
        self[-1] = self[0].exp(exponent)
        p -= 1
        return true
    }

    /// SIGNEXTEND(b, x), in place on x's limbs: only the limb holding the sign byte and those
    /// above it change (U256.signExtended rebuilt all four through selects). Valgrind, issue 14:
    /// 79 -> 56 instructions per op in isolation; signextend/one and /zero 1.250M -> 1.014M per call.
    @inline(__always) mutating func signextend() {
        let b = self[0]
        p -= 1
        guard b.fitsInUInt64 && b.w0 < 31 else { return }   // b >= 31: x unchanged
        // U256 is @frozen with w0 first: limb k of the item is the k-th UInt64 (little-endian limbs).
        let limbs = UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt64.self)
        let k = Int(truncatingIfNeeded: b.w0 &>> 3)
        let shift = (b.w0 & 7) &* 8                        // the sign byte's offset in its limb
        let v = limbs[k]
        let sign = Int64(Int8(truncatingIfNeeded: v &>> shift))
        limbs[k] = (v & ((1 &<< shift) &- 1)) | (UInt64(bitPattern: sign) &<< shift)
        let fill = UInt64(bitPattern: sign &>> 63)
        if k < 1 { limbs[1] = fill }
        if k < 2 { limbs[2] = fill }
        if k < 3 { limbs[3] = fill }
    }
}
