import Testing
import UInt256

private let one = "0x0000000000000000000000000000000000000000000000000000000000000001"
private let top = "0x8000000000000000000000000000000000000000000000000000000000000000"
private let all = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
private let allButTop = "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

@Suite struct ShiftTests {
    // The test-case tables of EIP-145: (value, shift, expected).
    @Test(arguments: [
        (one, "0x00", one),
        (one, "0x01", "0x02"),
        (one, "0xff", top),
        (one, "0x0100", "0x00"),
        (one, "0x0101", "0x00"),
        (all, "0x00", all),
        (all, "0x01", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"),
        (all, "0xff", top),
        (all, "0x0100", "0x00"),
        ("0x00", "0x01", "0x00"),
        (allButTop, "0x01", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"),
    ])
    func shl(_ v: String, _ s: String, _ r: String) {
        #expect(h(v).shiftedLeft(by: h(s)) == h(r))
    }

    @Test(arguments: [
        (one, "0x00", one),
        (one, "0x01", "0x00"),
        (top, "0x01", "0x4000000000000000000000000000000000000000000000000000000000000000"),
        (top, "0xff", "0x01"),
        (top, "0x0100", "0x00"),
        (top, "0x0101", "0x00"),
        (all, "0x00", all),
        (all, "0x01", allButTop),
        (all, "0xff", "0x01"),
        (all, "0x0100", "0x00"),
        ("0x00", "0x01", "0x00"),
    ])
    func shr(_ v: String, _ s: String, _ r: String) {
        #expect(h(v).shiftedRight(by: h(s)) == h(r))
    }

    @Test(arguments: [
        (one, "0x00", one),
        (one, "0x01", "0x00"),
        (top, "0x01", "0xc000000000000000000000000000000000000000000000000000000000000000"),
        (top, "0xff", all),
        (top, "0x0100", all),
        (top, "0x0101", all),
        (all, "0x00", all),
        (all, "0x01", all),
        (all, "0xff", all),
        (all, "0x0100", all),
        ("0x00", "0x01", "0x00"),
        ("0x4000000000000000000000000000000000000000000000000000000000000000", "0xfe", "0x01"),
        (allButTop, "0xf8", "0x7f"),
        (allButTop, "0xfe", "0x01"),
        (allButTop, "0xff", "0x00"),
        (allButTop, "0x0100", "0x00"),
    ])
    func sar(_ v: String, _ s: String, _ r: String) {
        #expect(h(v).arithmeticShiftedRight(by: h(s)) == h(r))
    }

    @Test func hugeShiftAmounts() {
        let big = h("0x10000000000000000")   // 2^64: only the low limb's value must not be used
        #expect(U256.max.shiftedLeft(by: big) == .zero)
        #expect(U256.max.shiftedRight(by: big) == .zero)
        #expect(U256.max.arithmeticShiftedRight(by: .max) == .max)
        #expect(u(5).arithmeticShiftedRight(by: big) == .zero)
        // Every in-range amount agrees with multiplication / division by 2^s.
        let x = h("0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")
        for s in 0..<256 {
            let p = U256.one.shiftedLeft(by: u(UInt64(s)))
            #expect(x.shiftedLeft(by: u(UInt64(s))) == x &* p)
            #expect(x.shiftedRight(by: u(UInt64(s))) == x.div(p))
        }
    }
}

@Suite struct ByteAndSignExtendTests {
    @Test func byteIndexesFromMostSignificant() {
        let x = h("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")
        for i in 0..<32 {
            #expect(x.byte(at: u(UInt64(i))) == u(UInt64(i + 1)))
        }
        #expect(x.byte(at: u(32)) == .zero)
        #expect(U256.max.byte(at: u(32)) == .zero)
        #expect(U256.max.byte(at: h("0x10000000000000000")) == .zero)   // low limb 0, but i >= 32
        #expect(U256.max.byte(at: .max) == .zero)
        #expect(h(top).byte(at: .zero) == u(0x80))
    }

    /// The limb-wise SIGNEXTEND against the definition (mask from 256-bit shifts), every byte
    /// index, both signs, each limb boundary.
    @Test func signExtendMatchesShiftDefinition() {
        let patterns = [U256.max, .zero, h("0x0123456789abcdeffedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0"),
                        h("0x8080808080808080808080808080808080808080808080808080808080808080"),
                        h("0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f")]
        for x in patterns {
            for b in 0..<31 {
                let signBit = b * 8 + 7
                let mask = U256.max.shiftedLeft(byBits: signBit + 1)
                let negative = !(x.shiftedRight(byBits: signBit) & .one).isZero
                let expected = negative ? (x | mask) : (x & ~mask)
                #expect(x.signExtended(fromByte: u(UInt64(b))) == expected)
            }
        }
    }

    @Test func signExtend() {
        #expect(u(0xff).signExtended(fromByte: .zero) == .max)
        #expect(u(0x7f).signExtended(fromByte: .zero) == u(0x7f))
        #expect(u(0x80).signExtended(fromByte: .zero) == h("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"))
        #expect(u(0x8000).signExtended(fromByte: .one) == h("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8000"))
        #expect(u(0x12faf4).signExtended(fromByte: .zero) == h("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff4"))
        #expect(u(0x12ff7f).signExtended(fromByte: .zero) == u(0x7f))    // higher bits cleared
        #expect(h("0xff00000000000000000000000000000000000000000000000000000000007f").signExtended(fromByte: u(1)) == u(0x7f))
        let x = h("0x0080000000000000000000000000000000000000000000000000000000000000")
        #expect(x.signExtended(fromByte: u(30)) == h("0xff80000000000000000000000000000000000000000000000000000000000000"))
        // b >= 31: unchanged, including values whose low limb looks small.
        for b in [u(31), u(32), h("0x10000000000000000"), U256.max] {
            #expect(x.signExtended(fromByte: b) == x)
            #expect(u(0xff).signExtended(fromByte: b) == u(0xff))
        }
    }
}
