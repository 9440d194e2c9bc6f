// The EVM's division-family opcodes and EXP. Each forwards to the implementation that
// won in `swift run -c release EVMBench arith` (table in Sources/EVMBench/ArithmeticBench.swift).
// A zero divisor or modulus gives 0, as the Yellow Paper specifies.

extension U256 {
    /// DIV (unsigned); x / 0 = 0.
    @inlinable
    public func div(_ d: U256) -> U256 { Native.div(self, d) }

    /// SDIV (two's complement, truncating); x / 0 = 0, -2^255 / -1 = -2^255.
    @inlinable
    public func sdiv(_ d: U256) -> U256 { Native.sdiv(self, d) }

    /// MOD (unsigned); x % 0 = 0.
    @inlinable
    public func mod(_ m: U256) -> U256 { Native.mod(self, m) }

    /// SMOD: result has the dividend's sign; x % 0 = 0.
    @inlinable
    public func smod(_ m: U256) -> U256 { Native.smod(self, m) }

    /// ADDMOD: (a + b) mod n with the 257-bit intermediate; n = 0 gives 0.
    @inlinable
    public static func addmod(_ a: U256, _ b: U256, _ n: U256) -> U256 { Native.addmod(a, b, n) }

    /// MULMOD: (a * b) mod n with the 512-bit intermediate; n = 0 gives 0.
    @inlinable
    public static func mulmod(_ a: U256, _ b: U256, _ n: U256) -> U256 { Native.mulmod(a, b, n) }

    /// EXP: self^e mod 2^256 (0^0 = 1).
    @inlinable
    public func exp(_ e: U256) -> U256 { Native.exp(self, e) }
}
