import Testing
@testable import EVM
import UInt256

/// AND…SAR. Sources: Yellow Paper appendix H.2 (BYTE), EIP-145 test cases (shifts).
@Suite struct BitwiseTests {
    @Test func andOrXorNot() {
        #expect(eval(binop("AND", w(0b1100), w(0b1010))) == w(0b1000))
        #expect(eval(binop("OR", w(0b1100), w(0b1010))) == w(0b1110))
        #expect(eval(binop("XOR", w(0b1100), w(0b1010))) == w(0b0110))
        #expect(eval(pushBytes(.zero) + asm("NOT")) == .max)
    }

    @Test func byteIndexesFromMostSignificant() {
        // YP: BYTE(i, x) = the i-th byte of x counting from the left, 0 if i >= 32.
        let x = w("0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        for i in 0..<32 {
            #expect(eval(binop("BYTE", w(UInt64(i)), x)) == w(UInt64(i)), "byte \(i)")
        }
        #expect(eval(binop("BYTE", w(32), .max)) == .zero)
        #expect(eval(binop("BYTE", w(255), .max)) == .zero)
        #expect(eval(binop("BYTE", U256(w0: 0, w1: 1, w2: 0, w3: 0), .max)) == .zero)   // 2^64
        #expect(eval(binop("BYTE", .max, .max)) == .zero)
        #expect(eval(binop("BYTE", w(31), w(0xab))) == w(0xab))
    }

    // EIP-145 "Test Cases": (value, shift, expected). Run as bytecode: PUSH value, PUSH shift, OP.
    static let shl: [(String, String, String)] = [
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x00", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000002"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0xff", "0x8000000000000000000000000000000000000000000000000000000000000000"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x0100", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x0101", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x00", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x01", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x8000000000000000000000000000000000000000000000000000000000000000"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0100", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x0000000000000000000000000000000000000000000000000000000000000000", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x01", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"),
    ]
    static let shr: [(String, String, String)] = [
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x00", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x01", "0x4000000000000000000000000000000000000000000000000000000000000000"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0xff", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x0100", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x0101", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x00", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x01", "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0100", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x0000000000000000000000000000000000000000000000000000000000000000", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000000"),
    ]
    static let sar: [(String, String, String)] = [
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x00", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x01", "0xc000000000000000000000000000000000000000000000000000000000000000"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0xff", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x0100", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", "0x0101", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x00", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x01", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0100", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
        ("0x0000000000000000000000000000000000000000000000000000000000000000", "0x01", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x4000000000000000000000000000000000000000000000000000000000000000", "0xfe", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xf8", "0x000000000000000000000000000000000000000000000000000000000000007f"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xfe", "0x0000000000000000000000000000000000000000000000000000000000000001"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x0000000000000000000000000000000000000000000000000000000000000000"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0100", "0x0000000000000000000000000000000000000000000000000000000000000000"),
    ]

    /// Stores the shift result in slot 0 and also returns it, so both paths are checked.
    private func check(_ op: String, _ table: [(String, String, String)]) {
        for (i, (value, shift, expected)) in table.enumerated() {
            let code = asm("PUSH32 \(value) PUSH2 \(shift) \(op) DUP1 0 SSTORE") + returnTop
            let (r, evm) = run(code)
            #expect(r.status == .success, "\(op) case \(i + 1)")
            #expect(word(r.output) == w(expected), "\(op) case \(i + 1) returned")
            #expect(evm.state.storage(Addr.contract, .zero) == w(expected), "\(op) case \(i + 1) stored")
        }
    }

    @Test func shlEIP145() { check("SHL", Self.shl) }
    @Test func shrEIP145() { check("SHR", Self.shr) }
    @Test func sarEIP145() { check("SAR", Self.sar) }

    @Test func sarOfNegatives() {
        // Arithmetic shift rounds toward -inf: -1 >> n = -1, -8 >> 1 = -4, -7 >> 1 = -4, -2^255 >> 254 = -2.
        #expect(eval(binop("SAR", w(1), neg(8))) == neg(4))
        #expect(eval(binop("SAR", w(1), neg(7))) == neg(4))
        #expect(eval(binop("SAR", w(254), minSigned)) == neg(2))
        #expect(eval(binop("SAR", w(64), neg(1))) == neg(1))
        #expect(eval(binop("SAR", .max, neg(5))) == .max)
        #expect(eval(binop("SAR", .max, w(5))) == .zero)
    }

    @Test func shiftGasIsVerylow() {
        // SHL/SHR/SAR cost G_verylow = 3 (EIP-145): 3 + 3 + 3 + STOP.
        for op in ["SHL", "SHR", "SAR"] {
            let (r, _) = run(asm("1 1 \(op) STOP"))
            #expect(gasUsed(r) == 9, "\(op)")
        }
    }
}
