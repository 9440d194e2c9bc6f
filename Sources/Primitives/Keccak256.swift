// Keccak-256 as Ethereum uses it: Keccak-f[1600], rate 1088 bits, original Keccak
// padding (0x01 ... 0x80), not FIPS-202 SHA3-256 (which pads with 0x06).
//
// Speed matters (SHA3 opcode, trie hashing, address derivation), so the state lives in
// 25 local UInt64s the optimizer can keep in registers, every round is written out
// lane by lane, and full blocks are read straight from the caller's buffer.

public enum Keccak256 {
    /// Bytes absorbed per permutation: (1600 - 2*256) / 8.
    static let rate = 136

    /// Keccak-256 of the bytes in `p`, written as 32 bytes to `out`. Allocates nothing.
    public static func hash(_ p: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer) {
        let count = p.count
        let fullBlocks = count / rate
        let tailLength = count - fullBlocks * rate
        // The last, padded block is built on the stack (17 lanes); only the input's final
        // partial block is copied.
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tail) { t in
            if tailLength > 0, let src = p.baseAddress, let dst = t.baseAddress {
                dst.copyMemory(from: src + fullBlocks * rate, byteCount: tailLength)
            }
            t[tailLength] ^= 0x01
            t[rate - 1] ^= 0x80
        }
        withUnsafeBytes(of: &tail) { t in
            guard let tailBase = t.baseAddress else { return }
            // An empty buffer may have no base address; then fullBlocks is 0 and only the tail is read.
            sponge(input: p.baseAddress ?? tailBase, fullBlocks: fullBlocks, tail: tailBase, out: out)
        }
    }

    /// Keccak-256 of the bytes in `p`.
    public static func hash(_ p: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buf, initialized in
            guard let base = buf.baseAddress else { return }
            hash(p, into: UnsafeMutableRawPointer(base))
            initialized = 32
        }
    }

    /// Keccak-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 {
        (x &<< n) | (x &>> (64 &- n))
    }

    @inline(__always)
    static func lane(_ p: UnsafeRawPointer, _ k: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self))
    }

    /// Absorbs `fullBlocks` blocks from `input`, then the padded block at `tail`, and squeezes
    /// 32 bytes. One copy of the round code serves both sources.
    static func sponge(input: UnsafeRawPointer, fullBlocks: Int, tail: UnsafeRawPointer,
                       out: UnsafeMutableRawPointer) {
        var a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0, a4: UInt64 = 0
        var a5: UInt64 = 0, a6: UInt64 = 0, a7: UInt64 = 0, a8: UInt64 = 0, a9: UInt64 = 0
        var a10: UInt64 = 0, a11: UInt64 = 0, a12: UInt64 = 0, a13: UInt64 = 0, a14: UInt64 = 0
        var a15: UInt64 = 0, a16: UInt64 = 0, a17: UInt64 = 0, a18: UInt64 = 0, a19: UInt64 = 0
        var a20: UInt64 = 0, a21: UInt64 = 0, a22: UInt64 = 0, a23: UInt64 = 0, a24: UInt64 = 0
        roundConstants.withUnsafeBufferPointer { rc in
        var block = 0
        while block <= fullBlocks {
            let bp = block < fullBlocks ? input + block &* rate : tail
            block &+= 1
            a0 ^= lane(bp, 0)
            a1 ^= lane(bp, 1)
            a2 ^= lane(bp, 2)
            a3 ^= lane(bp, 3)
            a4 ^= lane(bp, 4)
            a5 ^= lane(bp, 5)
            a6 ^= lane(bp, 6)
            a7 ^= lane(bp, 7)
            a8 ^= lane(bp, 8)
            a9 ^= lane(bp, 9)
            a10 ^= lane(bp, 10)
            a11 ^= lane(bp, 11)
            a12 ^= lane(bp, 12)
            a13 ^= lane(bp, 13)
            a14 ^= lane(bp, 14)
            a15 ^= lane(bp, 15)
            a16 ^= lane(bp, 16)
            // Register pressure (25 lanes, 5 parities, 25 rotated lanes live before χ) costs spills:
            // 6,191 x86 instructions per permutation (valgrind, standalone swiftc -O -wmo; the EVM's
            // KECCAK256 of 32 bytes measures 6,523 with its loop); about 125 of each round's ~320
            // instructions load or store spilled lanes. The two-state form of XKCP's unrolled code
            // (rounds alternate A -> E -> A, χ row by row as each row's lanes are ready) measured
            // 6,533 (+5.5%), so the in-place form stays (issue 14).
            // Two rounds per iteration: measured ~5% faster than one (less loop overhead, better scheduling).
            // The round is written out twice on purpose: a `mutating func round` on a 25-lane struct,
            // inlined twice, measured +3% instructions per hash (+1% with the sponge kept out of
            // line) and +4% time on 1088-byte inputs (issue 9, callgrind and user time, swiftc -O).
            var round = 0
            while round < 24 {
                do {
                    // θ: column parities, then each lane absorbs its neighbours' parities.
                    let c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
                    let c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
                    let c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
                    let c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
                    let c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
                    let d0 = c4 ^ rotl(c1, 1)
                    let d1 = c0 ^ rotl(c2, 1)
                    let d2 = c1 ^ rotl(c3, 1)
                    let d3 = c2 ^ rotl(c4, 1)
                    let d4 = c3 ^ rotl(c0, 1)
                    // ρ and π fused: B[y, 2x+3y] = rot(A[x,y] ^ D[x], r[x,y]).
                    let b0 = a0 ^ d0
                    let b10 = rotl(a1 ^ d1, 1)
                    let b20 = rotl(a2 ^ d2, 62)
                    let b5 = rotl(a3 ^ d3, 28)
                    let b15 = rotl(a4 ^ d4, 27)
                    let b16 = rotl(a5 ^ d0, 36)
                    let b1 = rotl(a6 ^ d1, 44)
                    let b11 = rotl(a7 ^ d2, 6)
                    let b21 = rotl(a8 ^ d3, 55)
                    let b6 = rotl(a9 ^ d4, 20)
                    let b7 = rotl(a10 ^ d0, 3)
                    let b17 = rotl(a11 ^ d1, 10)
                    let b2 = rotl(a12 ^ d2, 43)
                    let b12 = rotl(a13 ^ d3, 25)
                    let b22 = rotl(a14 ^ d4, 39)
                    let b23 = rotl(a15 ^ d0, 41)
                    let b8 = rotl(a16 ^ d1, 45)
                    let b18 = rotl(a17 ^ d2, 15)
                    let b3 = rotl(a18 ^ d3, 21)
                    let b13 = rotl(a19 ^ d4, 8)
                    let b14 = rotl(a20 ^ d0, 18)
                    let b24 = rotl(a21 ^ d1, 2)
                    let b9 = rotl(a22 ^ d2, 61)
                    let b19 = rotl(a23 ^ d3, 56)
                    let b4 = rotl(a24 ^ d4, 14)
                    // χ: the only non-linear step, row-wise.
                    a0 = b0 ^ (~b1 & b2)
                    a1 = b1 ^ (~b2 & b3)
                    a2 = b2 ^ (~b3 & b4)
                    a3 = b3 ^ (~b4 & b0)
                    a4 = b4 ^ (~b0 & b1)
                    a5 = b5 ^ (~b6 & b7)
                    a6 = b6 ^ (~b7 & b8)
                    a7 = b7 ^ (~b8 & b9)
                    a8 = b8 ^ (~b9 & b5)
                    a9 = b9 ^ (~b5 & b6)
                    a10 = b10 ^ (~b11 & b12)
                    a11 = b11 ^ (~b12 & b13)
                    a12 = b12 ^ (~b13 & b14)
                    a13 = b13 ^ (~b14 & b10)
                    a14 = b14 ^ (~b10 & b11)
                    a15 = b15 ^ (~b16 & b17)
                    a16 = b16 ^ (~b17 & b18)
                    a17 = b17 ^ (~b18 & b19)
                    a18 = b18 ^ (~b19 & b15)
                    a19 = b19 ^ (~b15 & b16)
                    a20 = b20 ^ (~b21 & b22)
                    a21 = b21 ^ (~b22 & b23)
                    a22 = b22 ^ (~b23 & b24)
                    a23 = b23 ^ (~b24 & b20)
                    a24 = b24 ^ (~b20 & b21)
                    // ι
                    a0 ^= rc[round]
                }
                round &+= 1
                do {
                    // θ: column parities, then each lane absorbs its neighbours' parities.
                    let c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
                    let c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
                    let c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
                    let c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
                    let c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
                    let d0 = c4 ^ rotl(c1, 1)
                    let d1 = c0 ^ rotl(c2, 1)
                    let d2 = c1 ^ rotl(c3, 1)
                    let d3 = c2 ^ rotl(c4, 1)
                    let d4 = c3 ^ rotl(c0, 1)
                    // ρ and π fused: B[y, 2x+3y] = rot(A[x,y] ^ D[x], r[x,y]).
                    let b0 = a0 ^ d0
                    let b10 = rotl(a1 ^ d1, 1)
                    let b20 = rotl(a2 ^ d2, 62)
                    let b5 = rotl(a3 ^ d3, 28)
                    let b15 = rotl(a4 ^ d4, 27)
                    let b16 = rotl(a5 ^ d0, 36)
                    let b1 = rotl(a6 ^ d1, 44)
                    let b11 = rotl(a7 ^ d2, 6)
                    let b21 = rotl(a8 ^ d3, 55)
                    let b6 = rotl(a9 ^ d4, 20)
                    let b7 = rotl(a10 ^ d0, 3)
                    let b17 = rotl(a11 ^ d1, 10)
                    let b2 = rotl(a12 ^ d2, 43)
                    let b12 = rotl(a13 ^ d3, 25)
                    let b22 = rotl(a14 ^ d4, 39)
                    let b23 = rotl(a15 ^ d0, 41)
                    let b8 = rotl(a16 ^ d1, 45)
                    let b18 = rotl(a17 ^ d2, 15)
                    let b3 = rotl(a18 ^ d3, 21)
                    let b13 = rotl(a19 ^ d4, 8)
                    let b14 = rotl(a20 ^ d0, 18)
                    let b24 = rotl(a21 ^ d1, 2)
                    let b9 = rotl(a22 ^ d2, 61)
                    let b19 = rotl(a23 ^ d3, 56)
                    let b4 = rotl(a24 ^ d4, 14)
                    // χ: the only non-linear step, row-wise.
                    a0 = b0 ^ (~b1 & b2)
                    a1 = b1 ^ (~b2 & b3)
                    a2 = b2 ^ (~b3 & b4)
                    a3 = b3 ^ (~b4 & b0)
                    a4 = b4 ^ (~b0 & b1)
                    a5 = b5 ^ (~b6 & b7)
                    a6 = b6 ^ (~b7 & b8)
                    a7 = b7 ^ (~b8 & b9)
                    a8 = b8 ^ (~b9 & b5)
                    a9 = b9 ^ (~b5 & b6)
                    a10 = b10 ^ (~b11 & b12)
                    a11 = b11 ^ (~b12 & b13)
                    a12 = b12 ^ (~b13 & b14)
                    a13 = b13 ^ (~b14 & b10)
                    a14 = b14 ^ (~b10 & b11)
                    a15 = b15 ^ (~b16 & b17)
                    a16 = b16 ^ (~b17 & b18)
                    a17 = b17 ^ (~b18 & b19)
                    a18 = b18 ^ (~b19 & b15)
                    a19 = b19 ^ (~b15 & b16)
                    a20 = b20 ^ (~b21 & b22)
                    a21 = b21 ^ (~b22 & b23)
                    a22 = b22 ^ (~b23 & b24)
                    a23 = b23 ^ (~b24 & b20)
                    a24 = b24 ^ (~b20 & b21)
                    // ι
                    a0 ^= rc[round]
                }
                round &+= 1
            }
        }
        }
        out.storeBytes(of: a0.littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: a1.littleEndian, toByteOffset: 8, as: UInt64.self)
        out.storeBytes(of: a2.littleEndian, toByteOffset: 16, as: UInt64.self)
        out.storeBytes(of: a3.littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// ι-step constants (from the spec's degree-8 LFSR).
    static let roundConstants: [UInt64] = [
        0x0000000000000001,
        0x0000000000008082,
        0x800000000000808A,
        0x8000000080008000,
        0x000000000000808B,
        0x0000000080000001,
        0x8000000080008081,
        0x8000000000008009,
        0x000000000000008A,
        0x0000000000000088,
        0x0000000080008009,
        0x000000008000000A,
        0x000000008000808B,
        0x800000000000008B,
        0x8000000000008089,
        0x8000000000008003,
        0x8000000000008002,
        0x8000000000000080,
        0x000000000000800A,
        0x800000008000000A,
        0x8000000080008081,
        0x8000000000008080,
        0x0000000080000001,
        0x8000000080008008
    ]
}
