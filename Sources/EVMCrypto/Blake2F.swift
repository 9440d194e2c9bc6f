/// Precompile 0x09 (EIP-152): the BLAKE2b compression function F with a caller-chosen round
/// count. Input is exactly 213 bytes: rounds (u32 big-endian), h (8 × u64 LE), m (16 × u64 LE),
/// t0, t1 (u64 LE), f (one byte, 0 or 1). Output: the new h, 64 bytes little-endian.
public enum Blake2F {
    public static let inputLength = 213

    /// The round count (which is also the gas price), or nil when the input is malformed:
    /// wrong length, or a final-block flag other than 0 or 1.
    public static func rounds(input: UnsafeRawBufferPointer) -> UInt32? {
        guard input.count == inputLength, input[212] <= 1 else { return nil }
        return UInt32(input[0]) << 24 | UInt32(input[1]) << 16 | UInt32(input[2]) << 8 | UInt32(input[3])
    }

    /// F(h, m, t, f) run for `rounds` rounds; nil when the input is malformed.
    public static func compress(input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let rounds = rounds(input: input), let p = input.baseAddress else { return nil }
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let h0 = word(4), h1 = word(12), h2 = word(20), h3 = word(28)
        let h4 = word(36), h5 = word(44), h6 = word(52), h7 = word(60)
        let t0 = word(196), t1 = word(204)
        let final = input[212] == 1

        // Message words stay in the caller's buffer; σ picks them by index each round.
        let m = p + 68
        var v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7
        var v8 = iv0, v9 = iv1, v10 = iv2, v11 = iv3
        var v12 = iv4 ^ t0, v13 = iv5 ^ t1
        var v14 = final ? ~iv6 : iv6
        var v15 = iv7

        sigma.withUnsafeBufferPointer { sigma in
            guard let s0 = sigma.baseAddress else { return }
            // σ has period 10: round r uses row r mod 10 (RFC 7693 reuses rows 0 and 1 for rounds 10, 11).
            var row = 0
            var remaining = rounds
            while remaining > 0 {
                remaining &-= 1
                let s = s0 + row &* 16
                row = row == 9 ? 0 : row &+ 1
                @inline(__always) func msg(_ k: Int) -> UInt64 {
                    UInt64(littleEndian: m.loadUnaligned(fromByteOffset: Int(s[k]) &* 8, as: UInt64.self))
                }
                // Columns, then diagonals.
                g(&v0, &v4, &v8, &v12, msg(0), msg(1))
                g(&v1, &v5, &v9, &v13, msg(2), msg(3))
                g(&v2, &v6, &v10, &v14, msg(4), msg(5))
                g(&v3, &v7, &v11, &v15, msg(6), msg(7))
                g(&v0, &v5, &v10, &v15, msg(8), msg(9))
                g(&v1, &v6, &v11, &v12, msg(10), msg(11))
                g(&v2, &v7, &v8, &v13, msg(12), msg(13))
                g(&v3, &v4, &v9, &v14, msg(14), msg(15))
            }
        }

        return [UInt8](unsafeUninitializedCapacity: 64) { buf, initialized in
            guard let base = buf.baseAddress else { return }
            let o = UnsafeMutableRawPointer(base)
            o.storeBytes(of: (h0 ^ v0 ^ v8).littleEndian, toByteOffset: 0, as: UInt64.self)
            o.storeBytes(of: (h1 ^ v1 ^ v9).littleEndian, toByteOffset: 8, as: UInt64.self)
            o.storeBytes(of: (h2 ^ v2 ^ v10).littleEndian, toByteOffset: 16, as: UInt64.self)
            o.storeBytes(of: (h3 ^ v3 ^ v11).littleEndian, toByteOffset: 24, as: UInt64.self)
            o.storeBytes(of: (h4 ^ v4 ^ v12).littleEndian, toByteOffset: 32, as: UInt64.self)
            o.storeBytes(of: (h5 ^ v5 ^ v13).littleEndian, toByteOffset: 40, as: UInt64.self)
            o.storeBytes(of: (h6 ^ v6 ^ v14).littleEndian, toByteOffset: 48, as: UInt64.self)
            o.storeBytes(of: (h7 ^ v7 ^ v15).littleEndian, toByteOffset: 56, as: UInt64.self)
            initialized = 64
        }
    }

    /// The mixing function G (RFC 7693 §3.1), rotations 32, 24, 16, 63.
    @inline(__always)
    static func g(_ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64,
                  _ x: UInt64, _ y: UInt64) {
        a = a &+ b &+ x; d = rotr(d ^ a, 32)
        c = c &+ d;      b = rotr(b ^ c, 24)
        a = a &+ b &+ y; d = rotr(d ^ a, 16)
        c = c &+ d;      b = rotr(b ^ c, 63)
    }

    @inline(__always)
    static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

    // BLAKE2b IV (same as SHA-512's initial hash values).
    static let iv0: UInt64 = 0x6a09e667f3bcc908, iv1: UInt64 = 0xbb67ae8584caa73b
    static let iv2: UInt64 = 0x3c6ef372fe94f82b, iv3: UInt64 = 0xa54ff53a5f1d36f1
    static let iv4: UInt64 = 0x510e527fade682d1, iv5: UInt64 = 0x9b05688c2b3e6c1f
    static let iv6: UInt64 = 0x1f83d9abfb41bd6b, iv7: UInt64 = 0x5be0cd19137e2179

    /// Message schedule σ, 10 rows of 16.
    static let sigma: [UInt8] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ]
}
