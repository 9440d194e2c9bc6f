// The EVM's division-family opcodes and EXP. Each forwards to the implementation that
// won in `swift run -c release EVMBench arith` (table in Sources/EVMBench/ArithmeticBench.swift).
// A zero divisor or modulus gives 0, as the Yellow Paper specifies.

extension U256 {
    /// DIV (unsigned); x / 0 = 0.
    // Native: 10.3 vs mpn_tdiv_qr 11.8 ns (256/256), 9.6 vs 15.3 (124b/60b), 8.2 vs 11.8 (small);
    // 18.3 vs 18.2 for 256/128 is a tie. EVMBench arith.
    @inlinable
    public func div(_ d: U256) -> U256 { Native.div(self, d) }

    /// SDIV (two's complement, truncating); x / 0 = 0, -2^255 / -1 = -2^255.
    // Native: 19.9 vs mpn_tdiv_qr 21.9 ns (±256/±128), 4.8 vs 14.3 (small). EVMBench arith.
    @inlinable
    public func sdiv(_ d: U256) -> U256 { Native.sdiv(self, d) }

    /// MOD (unsigned); x % 0 = 0.
    // Native: 10.6 vs mpn_tdiv_qr 11.8 ns (256%256), 15.5 vs 15.7 (256%64), 8.7 vs 10.7 (small);
    // 18.4 vs 18.1 for 256%128 is a tie. EVMBench arith.
    @inlinable
    public func mod(_ m: U256) -> U256 { Native.mod(self, m) }

    /// SMOD: result has the dividend's sign; x % 0 = 0.
    // Native: 19.6 vs mpn_tdiv_qr 21.4 ns (±256/±128), 4.6 vs 13.4 (small). EVMBench arith.
    @inlinable
    public func smod(_ m: U256) -> U256 { Native.smod(self, m) }

    /// ADDMOD: (a + b) mod n with the 257-bit intermediate; n = 0 gives 0.
    // Native: 5.8 vs mpn_tdiv_qr 22.9 ns (bn254, reduced operands), 21.2 vs 28.1 (full 256-bit).
    // EVMBench arith.
    @inlinable
    public static func addmod(_ a: U256, _ b: U256, _ n: U256) -> U256 { Native.addmod(a, b, n) }

    /// MULMOD: (a * b) mod n with the 512-bit intermediate; n = 0 gives 0.
    // Native: 36.4 vs mpn_mul+mpn_tdiv_qr 54.9 ns (bn254), 35.9 vs 37.6 (64-bit modulus),
    // 3.7 vs 16.1 (small). EVMBench arith.
    @inlinable
    public static func mulmod(_ a: U256, _ b: U256, _ n: U256) -> U256 { Native.mulmod(a, b, n) }

    /// EXP: self^e mod 2^256 (0^0 = 1).
    // Native: 1551 vs mpn_sqr/mpn_mul_n 3914 ns (256-bit exponent), 16.4 vs 60.9 (10^18):
    // 4-limb products are too small for GMP's call overhead to pay off. EVMBench arith.
    @inlinable
    public func exp(_ e: U256) -> U256 { Native.exp(self, e) }
}
