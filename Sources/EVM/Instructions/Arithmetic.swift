import UInt256

/// ADD through SIGNEXTEND (0x01–0x0b). Each works on the stack top in place: µs[0] is `top[0]`,
/// µs[1] is `top[-1]`; a binary operation writes its result over µs[1] and drops µs[0].
extension Frame {
    @inline(__always) mutating func add() { top[-1] = top[0] &+ top[-1]; top -= 1 }
    @inline(__always) mutating func mul() { top[-1] = top[0] &* top[-1]; top -= 1 }
    @inline(__always) mutating func sub() { top[-1] = top[0] &- top[-1]; top -= 1 }
    @inline(__always) mutating func div() { top[-1] = top[0].div(top[-1]); top -= 1 }
    @inline(__always) mutating func sdiv() { top[-1] = top[0].sdiv(top[-1]); top -= 1 }
    @inline(__always) mutating func mod() { top[-1] = top[0].mod(top[-1]); top -= 1 }
    @inline(__always) mutating func smod() { top[-1] = top[0].smod(top[-1]); top -= 1 }

    @inline(__always) mutating func addmod() {
        top[-2] = U256.addmod(top[0], top[-1], top[-2]); top -= 2
    }

    @inline(__always) mutating func mulmod() {
        top[-2] = U256.mulmod(top[0], top[-1], top[-2]); top -= 2
    }

    /// EIP-160: 50 gas per byte of the exponent.
    @inline(__always) mutating func exp() -> Bool {
        let exponent = top[-1]
        guard charge(Gas.expByte * Int64(exponent.significantByteCount)) else { return false }
        top[-1] = top[0].exp(exponent)
        top -= 1
        return true
    }

    @inline(__always) mutating func signextend() {
        top[-1] = top[-1].signExtended(fromByte: top[0]); top -= 1
    }
}
