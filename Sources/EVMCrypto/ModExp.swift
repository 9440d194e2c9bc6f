import CGMP

/// Precompile 0x05: arbitrary-precision modular exponentiation (EIP-198), priced by EIP-2565.
///
/// Input: three 32-byte big-endian lengths Blen, Elen, Mlen, then B, E, M back to back; any
/// byte past the end of the input reads as zero. The lengths are attacker-chosen 256-bit
/// numbers, so pricing works on them without ever allocating, and `run` is only meant to be
/// called once that price was paid.
public enum ModExp {
    /// A header length: its value when below 2^64, otherwise flagged as huge.
    struct Length {
        var value: UInt64
        var huge: Bool
    }

    /// The byte at `offset` of the zero-extended input.
    @inline(__always)
    static func byte(_ input: UnsafeRawBufferPointer, _ offset: Int) -> UInt8 {
        offset >= 0 && offset < input.count ? input[offset] : 0
    }

    static func readLength(_ input: UnsafeRawBufferPointer, at offset: Int) -> Length {
        var huge = false
        for i in 0..<24 where byte(input, offset + i) != 0 { huge = true; break }
        var v: UInt64 = 0
        for i in 24..<32 { v = v << 8 | UInt64(byte(input, offset + i)) }
        return Length(value: v, huge: huge)
    }

    /// Index of the exponent's highest set bit among its first min(32, Elen) bytes (EIP-198's
    /// "exponent head"), or nil when those bytes are all zero.
    static func exponentHeadHighBit(_ input: UnsafeRawBufferPointer, baseLength: Length,
                                    exponentLength: Length) -> Int? {
        // An exponent that starts past the input's end is all zeros.
        guard !baseLength.huge, baseLength.value < UInt64(input.count) else { return nil }
        let start = 96 + Int(baseLength.value)
        let headLength = exponentLength.huge ? 32 : Int(min(exponentLength.value, 32))
        for i in 0..<headLength {
            let b = byte(input, start + i)
            if b != 0 {
                return (headLength - 1 - i) * 8 + (7 - b.leadingZeroBitCount)
            }
        }
        return nil
    }

    /// Gas for one call: max(200, floor(words² · iterations / 3)), saturating at UInt64.max.
    public static func requiredGas(input: UnsafeRawBufferPointer) -> UInt64 {
        let b = readLength(input, at: 0)
        let e = readLength(input, at: 32)
        let m = readLength(input, at: 64)
        let minimum: UInt64 = 200

        // Multiplication complexity, words = ceil(max(Blen, Mlen) / 8).
        if b.huge || m.huge { return .max }  // words >= 2^61, and iterations >= 1
        let maxLength = max(b.value, m.value)
        if maxLength == 0 { return minimum }  // complexity 0: the exponent does not matter
        let words = maxLength / 8 + (maxLength % 8 == 0 ? 0 : 1)  // <= 2^61
        let complexity = words.multipliedFullWidth(by: words)

        // Iteration count, as a 128-bit number (high, low).
        if e.huge { return .max }  // iterations >= 8 * (2^64 - 32), complexity >= 1
        let highBit = exponentHeadHighBit(input, baseLength: b, exponentLength: e)
        var iterations: (high: UInt64, low: UInt64)
        if e.value <= 32 {
            iterations = (0, UInt64(highBit ?? 0))
        } else {
            let extra = e.value - 32
            iterations = (extra >> 61, extra << 3)
            let (sum, carry) = iterations.low.addingReportingOverflow(UInt64(highBit ?? 0))
            iterations = (iterations.high + (carry ? 1 : 0), sum)
        }
        if iterations.high == 0 && iterations.low == 0 { iterations.low = 1 }

        let gas = productDividedBy3(complexity, iterations)
        return max(gas, minimum)
    }

    /// EIP-7823: from Osaka each of Blen, Elen, Mlen is at most 1024 bytes, else the call fails.
    public static let maxInputLength: UInt64 = 1024

    /// Whether the header's three lengths are within EIP-7823's bound.
    public static func withinEIP7823Bounds(input: UnsafeRawBufferPointer) -> Bool {
        [0, 32, 64].allSatisfy { offset in
            let l = readLength(input, at: offset)
            return !l.huge && l.value <= maxInputLength
        }
    }

    /// EIP-7883 (Osaka) gas: max(500, complexity · iterations), where complexity is 16 up to 32
    /// bytes and 2·words² above, and each exponent byte past the first 32 counts 16 iterations.
    /// Lengths past EIP-7823's bound cost nothing here: the call fails before gas is charged,
    /// and a failed precompile consumes all the gas it was given anyway.
    public static func requiredGasEIP7883(input: UnsafeRawBufferPointer) -> UInt64 {
        guard withinEIP7823Bounds(input: input) else { return 0 }
        let b = readLength(input, at: 0), e = readLength(input, at: 32), m = readLength(input, at: 64)
        // All three are <= 1024, so nothing below can overflow (at most 32768 · 16127).
        let maxLength = max(b.value, m.value)
        let words = (maxLength + 7) / 8
        let complexity: UInt64 = maxLength <= 32 ? 16 : 2 * words * words
        let headBits = UInt64(exponentHeadHighBit(input, baseLength: b, exponentLength: e) ?? 0)
        let iterations = e.value <= 32 ? headBits : 16 * (e.value - 32) + headBits
        return max(500, complexity * max(iterations, 1))
    }

    /// floor(a · b / 3) for 128-bit a and b, or UInt64.max when that does not fit.
    static func productDividedBy3(_ a: (high: UInt64, low: UInt64), _ b: (high: UInt64, low: UInt64)) -> UInt64 {
        // The quotient fits in 64 bits exactly when the product is below 3 · 2^64.
        if a.high != 0 && b.high != 0 { return .max }
        let p00 = a.low.multipliedFullWidth(by: b.low)
        let p10 = a.high.multipliedFullWidth(by: b.low)
        let p01 = a.low.multipliedFullWidth(by: b.high)
        if p10.high != 0 || p01.high != 0 { return .max }
        let (s1, c1) = p00.high.addingReportingOverflow(p10.low)
        let (s2, c2) = s1.addingReportingOverflow(p01.low)
        if c1 || c2 || s2 >= 3 { return .max }
        return UInt64(3).dividingFullWidth((s2, p00.low)).quotient
    }

    /// Lengths above this cannot have been paid for (Mlen = 2^30 already costs ~2^50 gas, and
    /// Elen = 2^30 with Mlen = 1 about 2^31); refusing them keeps `run` from trapping or
    /// exhausting memory if it is ever called unpriced.
    static let maxRunLength: UInt64 = 1 << 30

    /// (B^E) mod M as exactly Mlen big-endian bytes. Empty when Mlen is 0 (which covers
    /// Blen = Mlen = 0); all zeros when M is 0. Call only after charging `requiredGas`.
    public static func run(input: UnsafeRawBufferPointer) -> [UInt8] {
        let b = readLength(input, at: 0)
        let e = readLength(input, at: 32)
        let m = readLength(input, at: 64)
        if !m.huge && m.value == 0 { return [] }
        guard !b.huge, !e.huge, !m.huge,
              b.value <= maxRunLength, e.value <= maxRunLength, m.value <= maxRunLength
        else { return [] }
        let bLen = Int(b.value), eLen = Int(e.value), mLen = Int(m.value)

        var base = __mpz_struct(), exponent = __mpz_struct(), modulus = __mpz_struct(), result = __mpz_struct()
        __gmpz_init(&base); __gmpz_init(&exponent); __gmpz_init(&modulus); __gmpz_init(&result)
        defer { __gmpz_clear(&base); __gmpz_clear(&exponent); __gmpz_clear(&modulus); __gmpz_clear(&result) }

        importZeroExtended(&modulus, input, offset: 96 + bLen + eLen, length: mLen)
        var out = [UInt8](repeating: 0, count: mLen)
        // GMP divides by zero otherwise; the EIP defines x mod 0 as 0.
        if modulus._mp_size == 0 { return out }
        importZeroExtended(&base, input, offset: 96, length: bLen)
        importZeroExtended(&exponent, input, offset: 96 + bLen, length: eLen)
        __gmpz_powm(&result, &base, &exponent, &modulus)  // 0^0 = 1, reduced mod M

        if result._mp_size != 0 {
            let size = (__gmpz_sizeinbase(&result, 2) + 7) / 8
            guard size <= mLen else { return out }  // cannot happen: result < M < 256^Mlen
            out.withUnsafeMutableBytes { o in
                guard let base = o.baseAddress else { return }
                var written = 0
                __gmpz_export(base + (mLen - size), &written, 1, 1, 1, 0, &result)
            }
        }
        return out
    }

    /// Sets `z` to the big-endian number in input[offset ..< offset + length], reading bytes past
    /// the input's end as zero: import what exists, then shift for the missing tail.
    static func importZeroExtended(_ z: UnsafeMutablePointer<__mpz_struct>, _ input: UnsafeRawBufferPointer,
                                   offset: Int, length: Int) {
        let available = max(0, min(length, input.count - offset))
        if available > 0, let src = input.baseAddress {
            __gmpz_import(z, available, 1, 1, 1, 0, src + offset)
        }
        let missing = length - available
        if missing > 0 && z.pointee._mp_size != 0 {
            __gmpz_mul_2exp(z, z, mp_bitcnt_t(missing) * 8)
        }
    }
}
