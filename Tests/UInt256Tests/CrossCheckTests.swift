import Testing
import UInt256

/// Native and GMP implementations must agree with each other and with the bit-serial references.
@Suite struct CrossCheckTests {
    @Test func divModAgainstReference() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<3000 {
            let a = rng.word(), b = rng.word()
            let (q, r) = referenceDivMod(a, b)
            #expect(U256.Native.div(a, b) == q, "div \(a.hexString) / \(b.hexString)")
            #expect(U256.Native.mod(a, b) == r, "mod \(a.hexString) % \(b.hexString)")
            #expect(U256.GMP.div(a, b) == q, "gmp div \(a.hexString) / \(b.hexString)")
            #expect(U256.GMP.mod(a, b) == r, "gmp mod \(a.hexString) % \(b.hexString)")
            if !b.isZero {
                // Division identity, checked with ring ops only.
                #expect(q &* b &+ r == a && r < b)
            }
        }
    }

    @Test func nativeAgreesWithGMP() {
        var rng = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<5000 {
            let a = rng.word(), b = rng.word(), n = rng.word()
            #expect(U256.Native.sdiv(a, b) == U256.GMP.sdiv(a, b), "sdiv \(a.hexString) \(b.hexString)")
            #expect(U256.Native.smod(a, b) == U256.GMP.smod(a, b), "smod \(a.hexString) \(b.hexString)")
            #expect(U256.Native.addmod(a, b, n) == U256.GMP.addmod(a, b, n), "addmod \(a.hexString) \(b.hexString) \(n.hexString)")
            #expect(U256.Native.mulmod(a, b, n) == U256.GMP.mulmod(a, b, n), "mulmod \(a.hexString) \(b.hexString) \(n.hexString)")
            #expect(U256.Native.exp(a, b) == U256.GMP.exp(a, b), "exp \(a.hexString) \(b.hexString)")
        }
    }

    @Test func modularAgainstReference() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<400 {
            let a = rng.word(), b = rng.word(), n = rng.word()
            #expect(U256.addmod(a, b, n) == referenceAddMod(a, b, n), "addmod \(a.hexString) \(b.hexString) \(n.hexString)")
            #expect(U256.mulmod(a, b, n) == referenceMulMod(a, b, n), "mulmod \(a.hexString) \(b.hexString) \(n.hexString)")
        }
    }

    /// MULMOD with a four-limb modulus and reduced operands (a, b < n, the elliptic-curve
    /// shape), which skips the top quotient step; moduli with and without the top bit set.
    @Test func mulmodReducedOperandsAgainstReference() {
        var rng = SplitMix64(seed: 0x5EED_0007)
        for i in 0..<600 {
            var n = U256(w0: rng.next(), w1: rng.next(), w2: rng.next(), w3: rng.next() | 1)
            if i % 3 == 0 { n.w3 |= 1 << 63 } else if i % 3 == 1 { n.w3 >>= rng.next() % 63 }
            let a = U256.Native.mod(rng.word(), n), b = U256.Native.mod(rng.word(), n)
            let expected = referenceMulMod(a, b, n)
            #expect(U256.mulmod(a, b, n) == expected, "mulmod \(a.hexString) \(b.hexString) \(n.hexString)")
            #expect(U256.GMP.mulmod(a, b, n) == expected)
            // The largest reduced operands: (n - 1)^2 has the largest high half still below n.
            let m1 = n &- .one
            #expect(U256.mulmod(m1, m1, n) == referenceMulMod(m1, m1, n))
        }
    }

    /// DIV by 2^k (a right shift on the fast path) against the bit-serial reference, every k.
    @Test func divByPowerOfTwoAgainstReference() {
        var rng = SplitMix64(seed: 0x5EED_0008)
        for k in 0..<256 {
            let v = U256.one.shiftedLeft(byBits: k)
            for _ in 0..<4 {
                let u = rng.word()
                #expect(u.div(v) == referenceDivMod(u, v).0, "div \(u.hexString) / 2^\(k)")
            }
        }
        // Not powers of two: 2^k + 1 and 2^k * 3 take the general path.
        let u = U256.max
        #expect(u.div(U256(w0: 1, w1: 1, w2: 0, w3: 0)) == referenceDivMod(u, U256(w0: 1, w1: 1, w2: 0, w3: 0)).0)
        #expect(u.div(U256(w0: 0, w1: 0, w2: 3, w3: 0)) == referenceDivMod(u, U256(w0: 0, w1: 0, w2: 3, w3: 0)).0)
    }

    @Test func signedAgainstMagnitudes() {
        var rng = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<1000 {
            let a = rng.word(), b = rng.word()
            let ma = a.isNegative ? U256.zero &- a : a, mb = b.isNegative ? U256.zero &- b : b
            let (q, r) = referenceDivMod(ma, mb)
            let sq = (a.isNegative != b.isNegative) ? U256.zero &- q : q
            let sr = a.isNegative ? U256.zero &- r : r
            #expect(a.sdiv(b) == sq, "sdiv \(a.hexString) \(b.hexString)")
            #expect(a.smod(b) == sr, "smod \(a.hexString) \(b.hexString)")
        }
    }

    @Test func expAgainstRepeatedMultiplication() {
        var rng = SplitMix64(seed: 0x5EED_0005)
        for _ in 0..<300 {
            let base = rng.word()
            let e = rng.next() % 300
            var expected = U256.one
            for _ in 0..<e { expected = expected &* base }
            #expect(base.exp(U256(e)) == expected, "exp \(base.hexString) \(e)")
        }
    }

    @Test func shiftsAgainstRing() {
        var rng = SplitMix64(seed: 0x5EED_0006)
        for _ in 0..<1000 {
            let x = rng.word()
            let s = rng.next() % 300
            let p = s < 256 ? U256.one.shiftedLeft(byBits: Int(s)) : .zero
            #expect(x.shiftedLeft(by: U256(s)) == x &* p)
            #expect(x.shiftedRight(by: U256(s)) == (s < 256 ? referenceDivMod(x, p).0 : .zero))
            let sar = x.arithmeticShiftedRight(by: U256(s))
            // SAR equals floor division (rounds toward -inf): for negatives, ~(~x >> s).
            #expect(sar == (x.isNegative ? ~((~x).shiftedRight(by: U256(s))) : x.shiftedRight(by: U256(s))))
        }
    }

    @Test func textRoundTrips() {
        var rng = SplitMix64(seed: 0x5EED_0007)
        for _ in 0..<1000 {
            let x = rng.word()
            #expect(U256(hex: x.hexString) == x)
            #expect(U256(decimal: x.description) == x)
            #expect(U256(bigEndianBytes: x.minimalBigEndianBytes) == x)
        }
    }
}
