// SHL/SHR/SAR (EIP-145), BYTE and SIGNEXTEND: the EVM's bit-position ops.

extension U256 {
    /// Shift amount as an Int when it is below 256, else nil (every such shift saturates).
    @inlinable @inline(__always)
    var smallShift: Int? {
        ((w1 | w2 | w3) == 0 && w0 < 256) ? Int(truncatingIfNeeded: w0) : nil
    }

    /// self << n for 0 <= n < 256.
    @inlinable @inline(__always)
    public func shiftedLeft(byBits n: Int) -> U256 {
        let bits = UInt64(truncatingIfNeeded: n & 63)
        // Move whole limbs first, then the bit remainder; &>> on (64 - 0) would wrap, hence the guard.
        var a0 = w0, a1 = w1, a2 = w2, a3 = w3
        switch n >> 6 {
        case 0: break
        case 1: (a3, a2, a1, a0) = (a2, a1, a0, 0)
        case 2: (a3, a2, a1, a0) = (a1, a0, 0, 0)
        default: (a3, a2, a1, a0) = (a0, 0, 0, 0)
        }
        if bits == 0 { return U256(w0: a0, w1: a1, w2: a2, w3: a3) }
        let r = 64 &- bits
        return U256(w0: a0 &<< bits,
                    w1: (a1 &<< bits) | (a0 &>> r),
                    w2: (a2 &<< bits) | (a1 &>> r),
                    w3: (a3 &<< bits) | (a2 &>> r))
    }

    /// Logical self >> n for 0 <= n < 256.
    /// The limb select stays a switch, predicted per call site: a branch-free select through a
    /// zero-padded window of eight limbs measured 86 against 47 x86 instructions per SHR (valgrind,
    /// a loop over eight shift amounts, swiftc -O -wmo). In the interpreter an SHR costs 31
    /// instructions besides dispatch (sha1_shifts/5311, callgrind; issue 14).
    @inlinable @inline(__always)
    public func shiftedRight(byBits n: Int) -> U256 {
        let bits = UInt64(truncatingIfNeeded: n & 63)
        var a0 = w0, a1 = w1, a2 = w2, a3 = w3
        switch n >> 6 {
        case 0: break
        case 1: (a0, a1, a2, a3) = (a1, a2, a3, 0)
        case 2: (a0, a1, a2, a3) = (a2, a3, 0, 0)
        default: (a0, a1, a2, a3) = (a3, 0, 0, 0)
        }
        if bits == 0 { return U256(w0: a0, w1: a1, w2: a2, w3: a3) }
        let r = 64 &- bits
        return U256(w0: (a0 &>> bits) | (a1 &<< r),
                    w1: (a1 &>> bits) | (a2 &<< r),
                    w2: (a2 &>> bits) | (a3 &<< r),
                    w3: a3 &>> bits)
    }

    /// SHL: shift amounts >= 256 give 0.
    @inlinable @inline(__always)
    public func shiftedLeft(by s: U256) -> U256 {
        guard let n = s.smallShift else { return .zero }
        return shiftedLeft(byBits: n)
    }

    /// SHR: shift amounts >= 256 give 0.
    @inlinable @inline(__always)
    public func shiftedRight(by s: U256) -> U256 {
        guard let n = s.smallShift else { return .zero }
        return shiftedRight(byBits: n)
    }

    /// SAR: arithmetic shift; amounts >= 256 give 0 or all ones by the sign.
    @inlinable @inline(__always)
    public func arithmeticShiftedRight(by s: U256) -> U256 {
        let neg = isNegative
        guard let n = s.smallShift else { return neg ? .max : .zero }
        // For negatives, shifting the complement in zeros and complementing back shifts in ones.
        return neg ? ~((~self).shiftedRight(byBits: n)) : shiftedRight(byBits: n)
    }

    /// BYTE(i, x) with x = self: byte i counted from the most significant end; i >= 32 gives 0.
    @inlinable @inline(__always)
    public func byte(at i: U256) -> U256 {
        guard i.fitsInUInt64 && i.w0 < 32 else { return .zero }
        let fromLow = 31 - Int(truncatingIfNeeded: i.w0)
        let limb: UInt64
        switch fromLow >> 3 {
        case 0: limb = w0
        case 1: limb = w1
        case 2: limb = w2
        default: limb = w3
        }
        return U256((limb &>> UInt64(truncatingIfNeeded: (fromLow & 7) * 8)) & 0xff)
    }

    /// SIGNEXTEND(b, x) with x = self: extends the sign of byte b (0 = least significant);
    /// b >= 31 leaves the value unchanged.
    @inlinable @inline(__always)
    public func signExtended(fromByte b: U256) -> U256 {
        guard b.fitsInUInt64 && b.w0 < 31 else { return self }
        // Limb-wise and branch-light (selects, no 256-bit shifts): the limb holding the sign bit
        // keeps its bits up to it and takes the sign above; higher limbs become all sign.
        let bit = b.w0 &* 8 &+ 7                        // 7...247
        let limb = bit &>> 6, off = bit & 63
        let v = limb == 0 ? w0 : limb == 1 ? w1 : limb == 2 ? w2 : w3
        let sign = 0 &- ((v &>> off) & 1)                // all ones when negative
        let keep = (UInt64(2) &<< off) &- 1              // bits 0...off (all when off = 63)
        let ext = (v & keep) | (sign & ~keep)
        return U256(w0: limb == 0 ? ext : w0,
                    w1: limb == 1 ? ext : limb == 0 ? sign : w1,
                    w2: limb == 2 ? ext : limb < 2 ? sign : w2,
                    w3: limb == 3 ? ext : sign)
    }
}
