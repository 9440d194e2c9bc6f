import Testing
import UInt256

@Suite struct ParsingTests {
    @Test func hexAccepted() {
        #expect(U256(hex: "0x0") == .zero)
        #expect(U256(hex: "0x1") == .one)
        #expect(U256(hex: "1") == .one)
        #expect(U256(hex: "0xabc") == U256(0xabc))         // odd digit count
        #expect(U256(hex: "0XABC") == U256(0xabc))
        #expect(U256(hex: "0xDeadBeef") == U256(0xdead_beef))
        #expect(U256(hex: "0x" + String(repeating: "f", count: 64)) == .max)
        #expect(U256(hex: String(repeating: "0", count: 64)) == .zero)
        #expect(U256(hex: "0x0123456789abcdef0123456789abcdef")
                == U256(w0: 0x0123_4567_89ab_cdef, w1: 0x0123_4567_89ab_cdef, w2: 0, w3: 0))
    }

    @Test(arguments: ["", "0x", "0X", "x1", "0xg", "0x1g", "g", " 0x1", "0x1 ", "-0x1", "-1", "+1",
                      "0x0x1", "0x" + String(repeating: "1", count: 65), String(repeating: "f", count: 65),
                      "０x1", "0x１", "0xé", "0x\u{0}"])
    func hexRejected(_ s: String) {
        #expect(U256(hex: s) == nil)
    }

    @Test func decimalAccepted() {
        #expect(U256(decimal: "0") == .zero)
        #expect(U256(decimal: "000123") == U256(123))
        #expect(U256(decimal: "18446744073709551616") == U256(w0: 0, w1: 1, w2: 0, w3: 0))
        #expect(U256(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639935") == .max)
        #expect(U256(decimal: "57896044618658097711785492504343953926634992332820282019728792003956564819968")
                == U256(w0: 0, w1: 0, w2: 0, w3: 1 << 63))
    }

    @Test(arguments: ["", "-1", "+1", "1a", "0x10", " 1", "1 ", "1.0", "1e3", "１",
                      "115792089237316195423570985008687907853269984665640564039457584007913129639936",
                      "115792089237316195423570985008687907853269984665640564039457584007913129639940",
                      "200000000000000000000000000000000000000000000000000000000000000000000000000000",
                      String(repeating: "9", count: 100)])
    func decimalRejected(_ s: String) {
        #expect(U256(decimal: s) == nil)
    }

    @Test func printing() {
        #expect(U256.zero.hexString == "0x0")
        #expect(U256(0xabc).hexString == "0xabc")
        #expect(U256.max.hexString == "0x" + String(repeating: "f", count: 64))
        #expect(U256(w0: 0, w1: 1, w2: 0, w3: 0).hexString == "0x10000000000000000")
        #expect(U256.zero.description == "0")
        #expect(U256(1234567890).description == "1234567890")
        #expect(U256(w0: 0, w1: 1, w2: 0, w3: 0).description == "18446744073709551616")
        #expect(U256.max.description == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        // Interior zero chunks must be padded: 10^19 * 10^19 + 5 = 1 followed by 37 zeros and a 5.
        let x = U256(10_000_000_000_000_000_000) &* U256(10_000_000_000_000_000_000) &+ U256(5)
        #expect(x.description == "1" + String(repeating: "0", count: 37) + "5")
        #expect("\(U256(42))" == "42")
    }
}

@Suite struct ByteConversionTests {
    let sample: [UInt8] = (1...32).map { UInt8($0) }
    let sampleValue = U256(w0: 0x191a_1b1c_1d1e_1f20, w1: 0x1112_1314_1516_1718,
                           w2: 0x090a_0b0c_0d0e_0f10, w3: 0x0102_0304_0506_0708)

    @Test func readsUnalignedBigEndian() {
        var buf = [UInt8](repeating: 0xee, count: 40)
        buf.replaceSubrange(3..<35, with: sample)
        let v = buf.withUnsafeBytes { U256(bigEndian: $0.baseAddress! + 3) }
        #expect(v == sampleValue)
    }

    @Test func writesUnalignedBigEndian() {
        var buf = [UInt8](repeating: 0xee, count: 40)
        buf.withUnsafeMutableBytes { sampleValue.storeBigEndian(to: $0.baseAddress! + 5) }
        #expect(Array(buf[5..<37]) == sample)
        #expect(buf[4] == 0xee && buf[37] == 0xee)
        #expect(sampleValue.bigEndianBytes == sample)
        #expect(U256.zero.bigEndianBytes == [UInt8](repeating: 0, count: 32))
    }

    @Test func shortPointerReads() {
        sample.withUnsafeBytes { p in
            let base = p.baseAddress!
            #expect(U256(bigEndianBytes: base, count: 0) == .zero)
            #expect(U256(bigEndianBytes: base, count: 1) == U256(1))
            #expect(U256(bigEndianBytes: base, count: 2) == U256(0x0102))
            #expect(U256(bigEndianBytes: base, count: 9) == U256(w0: 0x0203_0405_0607_0809, w1: 1, w2: 0, w3: 0))
            #expect(U256(bigEndianBytes: base + 12, count: 20)
                    == U256(w0: 0x191a_1b1c_1d1e_1f20, w1: 0x1112_1314_1516_1718, w2: 0x0d0e_0f10, w3: 0))
            #expect(U256(bigEndianBytes: base, count: 32) == sampleValue)
        }
    }

    @Test func collectionReads() {
        #expect(U256(bigEndianBytes: [UInt8]()) == .zero)
        #expect(U256(bigEndianBytes: [0x01, 0x00]) == U256(256))
        #expect(U256(bigEndianBytes: sample) == sampleValue)
        #expect(U256(bigEndianBytes: [0xaa] + sample) == sampleValue)     // last 32 of 33
        #expect(U256(bigEndianBytes: sample[16...]) == U256(w0: 0x191a_1b1c_1d1e_1f20, w1: 0x1112_1314_1516_1718, w2: 0, w3: 0))
    }

    @Test func minimalBytes() {
        #expect(U256.zero.minimalBigEndianBytes == [])
        #expect(U256(1).minimalBigEndianBytes == [1])
        #expect(U256(0x0100).minimalBigEndianBytes == [1, 0])
        #expect(sampleValue.minimalBigEndianBytes == sample)
        #expect(U256.max.minimalBigEndianBytes.count == 32)
    }

    @Test func sizeQueries() {
        #expect(U256.zero.leadingZeroBitCount == 256)
        #expect(U256.one.leadingZeroBitCount == 255)
        #expect(U256.max.leadingZeroBitCount == 0)
        #expect(U256(w0: 0, w1: 1, w2: 0, w3: 0).leadingZeroBitCount == 191)
        #expect(U256.zero.significantByteCount == 0)
        #expect(U256(0x100).significantByteCount == 2)
        #expect(U256(77).clampedToInt == 77)
        #expect(U256(UInt64(Int.max)).clampedToInt == Int.max)
        #expect(U256(UInt64(Int.max) + 1).clampedToInt == Int.max)
        #expect(U256(w0: 5, w1: 0, w2: 1, w3: 0).clampedToInt == Int.max)
        #expect(U256.max.fitsInUInt64 == false)
        #expect(U256(w0: 9, w1: 0, w2: 0, w3: 0).fitsInUInt64 && U256(9).low64 == 9)
        #expect(U256(w0: 9, w1: 0, w2: 0, w3: 1).low64 == 9)
        #expect(U256.max.isNegative && !maxSigned.isNegative && U256.zero.isZero && !U256.one.isZero)
        #expect(Set([U256.one, U256(1), U256.zero]).count == 2)
    }
}
