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

    @inline(__always) mutating func signextend() {
        self[-1] = self[-1].signExtended(fromByte: self[0]); p -= 1
    }
}
