import Testing
import UInt256

@Suite struct RingArithmeticTests {
    @Test func addWrapsAndReportsOverflow() {
        #expect(U256.max &+ .one == .zero)
        #expect(U256.max.addingReportingOverflow(.one).overflow)
        #expect(!u(1).addingReportingOverflow(u(2)).overflow)
        // Carry ripples through all limbs.
        #expect(h("0xffffffffffffffffffffffffffffffffffffffffffffffff") &+ .one
                == h("0x1000000000000000000000000000000000000000000000000"))
        #expect(U256.zero &- .one == .max)
        #expect(U256.zero.subtractingReportingOverflow(.one).overflow)
        #expect(!u(5).subtractingReportingOverflow(u(5)).overflow)
    }

    @Test func multiplyLow256() {
        // Values from Python: (x*y) % 2**256.
        let x = h("0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
        let y = h("0x0123456789abcdef0123456789abcdef0123456789abcdef")
        #expect(x &* y == h("0x6a0a77b1b88c2c9668e87db10b145554458fab20783af1222236d88fe5618cf0"))
        // (-1)*(-1) = 1 mod 2^256
        #expect(U256.max &* .max == .one)
        #expect(h("0x100000000000000000000000000000000") &* h("0x100000000000000000000000000000000") == .zero)
        #expect(u(0xffff_ffff_ffff_ffff) &* u(0xffff_ffff_ffff_ffff) == h("0xfffffffffffffffe0000000000000001"))
    }

    @Test func negationAndBitwise() {
        #expect(U256.one.negated == .max)
        #expect(U256.zero.negated == .zero)
        #expect(minSigned.negated == minSigned)
        #expect(~U256.zero == .max)
        #expect((h("0xf0f0") & h("0xff00")) == h("0xf000"))
        #expect((h("0xf0f0") | h("0x0f0f")) == h("0xffff"))
        #expect((h("0xff") ^ h("0x0f")) == h("0xf0"))
    }

    @Test func unsignedAndSignedComparison() {
        #expect(u(1) < u(2))
        #expect(!(u(2) < u(2)))
        #expect(h("0x10000000000000000") > h("0xffffffffffffffff"))
        #expect(u(0) < U256.max)
        #expect(U256.max.signedLess(than: .zero))       // -1 < 0
        #expect(U256.zero.signedGreater(than: .max))
        #expect(minSigned.signedLess(than: maxSigned))
        #expect(!maxSigned.signedLess(than: minSigned))
        #expect(neg(2).signedLess(than: neg(1)))
        #expect(!u(3).signedLess(than: u(3)))
    }
}

@Suite struct DivisionTests {
    @Test func unsignedDivisionAndModulo() {
        #expect(u(10).div(u(3)) == u(3))
        #expect(u(10).mod(u(3)) == u(1))
        #expect(u(10).div(.zero) == .zero)           // Yellow Paper: x / 0 = 0
        #expect(u(10).mod(.zero) == .zero)
        #expect(U256.max.div(.max) == .one)
        #expect(U256.max.mod(u(2)) == .one)
        // Python: divmod(x, y)
        let x = h("0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
        #expect(x.div(h("0x0123456789abcdef0123456789abcdef0123456789abcdef")) == h("0xe0000000000000d2f0"))
        #expect(x.mod(h("0x0123456789abcdef0123456789abcdef0123456789abcdef")) == h("0xe1f0000000000000e1f0fedcba9876551400"))
        #expect(x.div(h("0xffffffffffffffff0000000000000001")) == h("0xfedcba9876543211fdb97530eca86421"))
        #expect(x.mod(h("0xffffffffffffffff0000000000000001")) == h("0xfdb97530eca864200123456789abcdef"))
        #expect(U256.max.div(u(0xffff_ffff_ffff_ffff)) == h("0x1000000000000000100000000000000010000000000000001"))
    }

    @Test func quotientEstimateCorrection() {
        // Built so the two-limb quotient estimate is one too large and long division must add
        // the divisor back (Knuth D6): u = 3 * 2^191, v = 2^191 + 1, so u / v = 2, u % v = 2^191 - 2.
        let a = h("0x1800000000000000000000000000000000000000000000000")
        let b = h("0x800000000000000000000000000000000000000000000001")
        for (q, r) in [U256.Native.divMod(a, b), U256.GMP.divMod(a, b)] {
            #expect(q == u(2))
            #expect(r == h("0x7ffffffffffffffffffffffffffffffffffffffffffffffe"))
        }
        // Same situation inside MULMOD's 512-bit reduction (Python: (3*2**160 * 2**159) % (2**255+1)).
        let n = h("0x8000000000000000000000000000000000000000000000000000000000000001")
        let x = h("0x30000000000000000000000000000000000000000"), y = h("0x8000000000000000000000000000000000000000")
        let expected = h("0x7ffffffffffffffffffffffffffffffffffffffffffffffd0000000000000001")
        #expect(U256.Native.mulmod(x, y, n) == expected)
        #expect(U256.GMP.mulmod(x, y, n) == expected)
    }

    @Test func signedDivisionEdgeCases() {
        #expect(minSigned.sdiv(.max) == minSigned)      // -2^255 / -1 overflows back to -2^255
        #expect(neg(7).sdiv(u(2)) == neg(3))             // truncates toward zero
        #expect(u(7).sdiv(neg(2)) == neg(3))
        #expect(neg(7).sdiv(neg(2)) == u(3))
        #expect(neg(7).sdiv(.zero) == .zero)
        #expect(minSigned.sdiv(u(2)) == h("0xc000000000000000000000000000000000000000000000000000000000000000"))
        #expect(u(1).sdiv(minSigned) == .zero)
    }

    @Test func signedModuloFollowsDividend() {
        #expect(neg(7).smod(u(3)) == neg(1))
        #expect(u(7).smod(neg(3)) == u(1))
        #expect(neg(8).smod(neg(3)) == neg(2))
        #expect(u(8).smod(u(3)) == u(2))
        #expect(neg(7).smod(.zero) == .zero)
        #expect(minSigned.smod(.max) == .zero)
        #expect(minSigned.smod(u(3)) == neg(2))          // -2^255 = -(3 * ...) - 2, since 2^255 mod 3 == 2
    }
}

@Suite struct ModularTests {
    @Test func addmodUses257BitSum() {
        // (2^256-1) + (2^256-1) wraps in 256 bits; ADDMOD must not.
        #expect(U256.addmod(.max, .max, U256.max &- u(2)) == u(4))   // Python: (2*(2**256-1)) % (2**256-3)
        #expect(U256.addmod(.max, .max, u(12345)) == h("0xa9b"))
        #expect(U256.addmod(.max, u(1), u(2)) == u(0))                  // 2^256 is even
        #expect(U256.addmod(u(3), u(4), .zero) == .zero)
        #expect(U256.addmod(u(3), u(4), u(5)) == u(2))
        let p = h("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
        let gx = h("0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798")
        let gy = h("0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8")
        #expect(U256.addmod(gx, gy, p) == h("0xc1f940f620808011b3455e91dc9813afffb3b123d4537cf2f63a51eb1208ec50"))
    }

    @Test func mulmodUses512BitProduct() {
        #expect(U256.mulmod(.max, .max, u(12345)) == u(315))    // Python: (2**256-1)**2 % 12345
        #expect(U256.mulmod(.max, .max, .max) == .zero)
        #expect(U256.mulmod(.max, U256.max &- .one, h("0x8000000000000000000000000000000000000000000000000000000000000013")) == h("0x618"))
        #expect(U256.mulmod(u(3), u(4), .zero) == .zero)
        #expect(U256.mulmod(u(3), u(4), u(5)) == u(2))
        let p = h("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
        let gx = h("0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798")
        let gy = h("0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8")
        #expect(U256.mulmod(gx, gy, p) == h("0xfd3dc529c6eb60fb9d166034cf3c1a5a72324aa9dfd3428a56d7e1ce0179fd9b"))
        // secp256k1: G lies on y^2 = x^3 + 7, an identity independent of our arithmetic.
        let y2 = U256.mulmod(gy, gy, p)
        let x3 = U256.mulmod(U256.mulmod(gx, gx, p), gx, p)
        #expect(y2 == U256.addmod(x3, u(7), p))
    }

    @Test func exponentiation() {
        #expect(u(2).exp(u(255)) == minSigned)
        #expect(u(2).exp(u(256)) == .zero)
        #expect(u(0).exp(u(0)) == .one)          // 0^0 = 1 in the EVM
        #expect(u(0).exp(u(5)) == .zero)
        #expect(U256.max.exp(u(2)) == .one)      // (-1)^2
        #expect(U256.max.exp(u(3)) == .max)
        #expect(u(3).exp(h("0x8000000000000000000000000000000000000000000000000000000000000007")) == u(2187))
        #expect(h("0x123456789abcdef").exp(h("0xfedcba9876543210fedcba"))
                == h("0xde8901f1da3055f493c362a1b07eb4b55d7feeec8c4414b2b36d8130c01d14a1"))
        #expect(u(7).exp(u(1000)) == h("0x9b3a53e8d4ff89c69a055013310c8a439a8f908add736936b3f527df19c0dbc1"))
        #expect(u(16).exp(u(63)) == minSigned.shiftedRight(byBits: 3))
        #expect(u(10).exp(u(18)) == u(1_000_000_000_000_000_000))
    }

    @Test func expGasByteLength() {
        // EIP-160: EXP costs 10 + 50 per byte of the exponent.
        func gas(_ e: U256) -> Int { 10 + 50 * e.significantByteCount }
        #expect(gas(.zero) == 10)
        #expect(gas(u(1)) == 60)
        #expect(gas(u(0xff)) == 60)
        #expect(gas(u(0x100)) == 110)
        #expect(gas(U256.max) == 10 + 50 * 32)
        #expect(gas(minSigned) == 10 + 50 * 32)
        #expect(h("0x1000000000000000000000000000000000000000000000000000000000000000").significantByteCount == 32)
        #expect(u(0xffff_ffff_ffff_ffff).significantByteCount == 8)
        #expect(h("0x10000000000000000").significantByteCount == 9)
    }
}
