import Testing
@testable import EVM
import UInt256
import Primitives

/// ADD…SIGNEXTEND. Sources: Yellow Paper appendix H.2 (0s: stop and arithmetic), EIP-160 (EXP gas).
@Suite struct ArithmeticTests {
    let max = U256.max

    @Test func addSubMulWrapModulo2to256() {
        // YP: ADD/MUL/SUB are modulo 2^256.
        #expect(eval(binop("ADD", max, w(2))) == w(1))
        #expect(eval(binop("SUB", w(0), w(1))) == max)           // 0 - 1
        #expect(eval(binop("SUB", w(10), w(3))) == w(7))          // µs[0] - µs[1]
        #expect(eval(binop("MUL", minSigned, w(2))) == .zero)     // 2^255 * 2
    }

    @Test func divisionByZeroIsZero() {
        // YP: DIV, SDIV, MOD, SMOD return 0 when the divisor is 0.
        for op in ["DIV", "SDIV", "MOD", "SMOD"] {
            #expect(eval(binop(op, w(12345), .zero)) == .zero, "\(op) x/0")
            #expect(eval(binop(op, max, .zero)) == .zero, "\(op) max/0")
        }
        // ADDMOD/MULMOD with N = 0 are 0 too.
        #expect(eval(ternop("ADDMOD", w(5), w(6), .zero)) == .zero)
        #expect(eval(ternop("MULMOD", w(5), w(6), .zero)) == .zero)
    }

    @Test func unsignedDivisionAndModulo() {
        #expect(eval(binop("DIV", w(10), w(3))) == w(3))
        #expect(eval(binop("MOD", w(10), w(3))) == w(1))
        #expect(eval(binop("DIV", max, max)) == w(1))
        #expect(eval(binop("DIV", w(3), w(10))) == .zero)
    }

    @Test func signedDivisionEdgeCases() {
        // YP: SDIV(-2^255, -1) = -2^255 (the one overflowing case).
        #expect(eval(binop("SDIV", minSigned, neg(1))) == minSigned)
        // Truncation toward zero: -10/3 = -3, 10/-3 = -3, -10/-3 = 3.
        #expect(eval(binop("SDIV", neg(10), w(3))) == neg(3))
        #expect(eval(binop("SDIV", w(10), neg(3))) == neg(3))
        #expect(eval(binop("SDIV", neg(10), neg(3))) == w(3))
        #expect(eval(binop("SDIV", minSigned, w(1))) == minSigned)
        #expect(eval(binop("SDIV", maxSigned, neg(1))) == minSigned &+ w(1))
    }

    @Test func signedModuloFollowsDividendSign() {
        // YP: SMOD result = sgn(µs[0]) · (|µs[0]| mod |µs[1]|).
        #expect(eval(binop("SMOD", neg(10), w(3))) == neg(1))
        #expect(eval(binop("SMOD", w(10), neg(3))) == w(1))
        #expect(eval(binop("SMOD", neg(10), neg(3))) == neg(1))
        #expect(eval(binop("SMOD", w(10), w(3))) == w(1))
        #expect(eval(binop("SMOD", minSigned, neg(1))) == .zero)
        #expect(eval(binop("SMOD", minSigned, w(3))) == neg(2))  // 2 ≡ -1 (mod 3), so 2^255 mod 3 = 2: result -2
    }

    @Test func addmodMulmodUseUnboundedIntermediates() {
        // YP: ADDMOD/MULMOD are computed without the 2^256 modulus on the intermediate.
        // 2^256 mod 10 = 6 (powers of two end in 2,4,8,6 with period 4; 256 ≡ 0 mod 4).
        #expect(eval(ternop("ADDMOD", max, w(1), w(10))) == w(6))
        // (2·(2^256-1)) mod (2^256-1) = 0 (a wrapping add would give 2^256-2).
        #expect(eval(ternop("ADDMOD", max, max, max)) == .zero)
        // 2^256 ≡ 4 (mod 12), so 2^256-1 ≡ 3 and (2^256-1)^2 ≡ 9 (a wrapping mul would give 1).
        #expect(eval(ternop("MULMOD", max, max, w(12))) == w(9))
        #expect(eval(ternop("MULMOD", max, max, max)) == .zero)
        // 2^255 · 2^255 = 2^510; 2^510 mod (2^256 - 1) = 2^(510-256) = 2^254.
        #expect(eval(ternop("MULMOD", minSigned, minSigned, max)) == w("0x4000000000000000000000000000000000000000000000000000000000000000"))
        #expect(eval(ternop("ADDMOD", w(4), w(5), w(7))) == w(2))
        #expect(eval(ternop("MULMOD", w(4), w(5), w(7))) == w(6))
    }

    @Test func expResults() {
        // YP: EXP is µs[0] ^ µs[1] mod 2^256; 0^0 = 1.
        #expect(eval(binop("EXP", w(2), w(255))) == minSigned)
        #expect(eval(binop("EXP", w(2), w(256))) == .zero)
        #expect(eval(binop("EXP", .zero, .zero)) == w(1))
        #expect(eval(binop("EXP", w(3), w(5))) == w(243))
        #expect(eval(binop("EXP", max, w(2))) == w(1))          // (-1)^2
        #expect(eval(binop("EXP", max, w(3))) == max)           // (-1)^3
        #expect(eval(binop("EXP", w(10), w(18))) == w(1_000_000_000_000_000_000))
    }

    @Test(arguments: [
        // (exponent, its byte length): EIP-160 charges 10 + 50 per byte of the exponent.
        (U256.zero, 0), (U256(1), 1), (U256(0xff), 1), (U256(0x100), 2), (U256(0xffff), 2),
        (U256(0x1_0000), 3), (U256(w0: 0, w1: 1, w2: 0, w3: 0), 9), (U256.max, 32),
    ])
    func expGasByExponentBytes(exponent: U256, byteLength: Int) {
        // PUSH exponent (3) + PUSH1 base (3) + EXP (10 + 50·bytes) + STOP (0).
        let (r, _) = run(binop("EXP", w(2), exponent) + asm("STOP"), gas: 100_000)
        #expect(r.status == .success)
        #expect(gasUsed(r, 100_000) == 3 + 3 + 10 + 50 * Int64(byteLength))
    }

    @Test func expOutOfGasForLargeExponent() {
        // 6 for the pushes, then EXP needs 10 + 1600 with a 32-byte exponent.
        let (r, _) = run(binop("EXP", w(2), .max), gas: 6 + 1609)
        #expect(r.status == .outOfGas)
        #expect(r.gasLeft == 0)
        let (ok, _) = run(binop("EXP", w(2), .max), gas: 6 + 1610)
        #expect(ok.status == .success)
        #expect(ok.gasLeft == 0)
    }

    @Test func signextend() {
        // YP: SIGNEXTEND(b, x) extends the sign of byte b (counted from the least significant).
        #expect(eval(binop("SIGNEXTEND", .zero, w(0xff))) == .max)
        #expect(eval(binop("SIGNEXTEND", .zero, w(0x7f))) == w(0x7f))
        #expect(eval(binop("SIGNEXTEND", .zero, w(0x17f))) == w(0x7f))     // higher bytes cleared
        #expect(eval(binop("SIGNEXTEND", .zero, w(0x1ff))) == .max)
        #expect(eval(binop("SIGNEXTEND", w(1), w(0x80ff))) == w("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80ff"))
        #expect(eval(binop("SIGNEXTEND", w(1), w(0x12_7fff))) == w(0x7fff))
        #expect(eval(binop("SIGNEXTEND", w(30), w("0x0080000000000000000000000000000000000000000000000000000000000000")))
                == w("0xff80000000000000000000000000000000000000000000000000000000000000"))
        // b >= 31: x unchanged.
        #expect(eval(binop("SIGNEXTEND", w(31), w(0x80))) == w(0x80))
        #expect(eval(binop("SIGNEXTEND", w(32), w(0xff))) == w(0xff))
        #expect(eval(binop("SIGNEXTEND", .max, w(0xff))) == w(0xff))
    }

    /// SIGNEXTEND on every byte position and random words against the Yellow Paper's bitwise
    /// definition (bit i of the result is x's bit min(i, 8b+7)); the opcode works on the stack limbs in place.
    @Test func signextendAgainstBitwiseDefinition() {
        var rng = SeededRandom(seed: 0x5E_0014)
        for round in 0..<24 {
            for b in 0..<33 {
                var x = U256(w0: rng.next(), w1: rng.next(), w2: rng.next(), w3: rng.next())
                if round % 2 == 0 { x = x & ~U256(1).shiftedLeft(byBits: min(8 * b + 7, 255)) }   // positive
                var expected = U256.zero
                let t = min(8 * b + 7, 255)
                for i in 0..<256 where !(x.shiftedRight(byBits: min(i, t)) & .one).isZero {
                    expected = expected | U256.one.shiftedLeft(byBits: i)
                }
                #expect(eval(binop("SIGNEXTEND", w(UInt64(b)), x)) == expected, "b \(b) x \(x.hexString)")
            }
        }
        // A byte index with high limbs set is >= 31: x unchanged.
        #expect(eval(binop("SIGNEXTEND", U256(w0: 0, w1: 1, w2: 0, w3: 0), w(0x80))) == w(0x80))
    }

    @Test func comparisons() {
        // YP: LT/GT unsigned, SLT/SGT two's complement; µs[0] is the left operand.
        #expect(eval(binop("LT", w(1), w(2))) == w(1))
        #expect(eval(binop("GT", w(1), w(2))) == .zero)
        #expect(eval(binop("SLT", neg(1), w(1))) == w(1))
        #expect(eval(binop("SGT", neg(1), w(1))) == .zero)
        #expect(eval(binop("LT", neg(1), w(1))) == .zero)
        #expect(eval(binop("SLT", minSigned, maxSigned)) == w(1))
        #expect(eval(binop("EQ", max, max)) == w(1))
        #expect(eval(pushBytes(.zero) + asm("ISZERO")) == w(1))
    }
}
