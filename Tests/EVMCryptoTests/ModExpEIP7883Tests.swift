import Testing
@testable import EVMCrypto

/// Osaka's MODEXP: EIP-7823's 1024-byte bound on each length and EIP-7883's gas,
/// max(500, complexity · iterations) with complexity 16 for at most 32 bytes and 2·words²
/// above (words = ceil(max(Blen, Mlen) / 8)), iterations max(1, 16·(Elen − 32) + bits) past 32
/// exponent bytes, else the exponent head's highest set bit. Every figure below is that
/// formula worked out by hand.
@Suite struct ModExpEIP7883Tests {
    static func word(_ n: UInt64) -> String {
        let h = String(n, radix: 16)
        return String(repeating: "0", count: 64 - h.count) + h
    }

    /// Header for (Blen, Elen, Mlen), then the given body.
    static func input(_ b: UInt64, _ e: UInt64, _ m: UInt64, _ body: String = "") -> [UInt8] {
        bytes(word(b) + word(e) + word(m) + body)
    }

    func gas(_ input: [UInt8]) -> UInt64 { input.withUnsafeBytes { ModExp.requiredGasEIP7883(input: $0) } }
    func bounded(_ input: [UInt8]) -> Bool { input.withUnsafeBytes { ModExp.withinEIP7823Bounds(input: $0) } }

    @Test func smallInputsCostTheMinimum() {
        // 3^3 mod 5 with 1-byte numbers: complexity 16, exponent 3 has bit length 2 → 1 iteration.
        #expect(gas(Self.input(1, 1, 1, "030305")) == 500)
        // Blen = 33, Elen 1 (zero): words 5, 2·25 = 50, 1 iteration → the 500 floor.
        #expect(gas(Self.input(33, 1, 0)) == 500)
        // Nothing at all: complexity 16, 1 iteration.
        #expect(gas(Self.input(0, 0, 0)) == 500)
    }

    @Test func complexityAbove32Bytes() {
        // Blen = Mlen = 64, 32-byte exponent 2^255: words 8 → 2·64 = 128; 255 iterations.
        let e = "80" + String(repeating: "00", count: 31)
        #expect(gas(Self.input(64, 32, 64, String(repeating: "ff", count: 64) + e)) == 128 * 255)
        // Mlen = 1024 alone: words 128 → 2·16384 = 32768, 1 iteration.
        #expect(gas(Self.input(0, 0, 1024)) == 32_768)
    }

    @Test func longExponentsCountSixteenPerByte() {
        // Blen = Mlen = 32 (complexity 16), Elen = 64 whose head (first 32 bytes) is 1:
        // 16·32 + 0 = 512 iterations → 8192. EIP-2565 charged max(200, 16·256/3) = 1365.
        let e = String(repeating: "00", count: 31) + "01" + String(repeating: "00", count: 32)
        let x = Self.input(32, 64, 32, String(repeating: "00", count: 32) + e)
        #expect(gas(x) == 8_192)
        #expect(x.withUnsafeBytes { ModExp.requiredGas(input: $0) } == 1_365)
        // Elen = 1024, head all ones: 16·992 + 255 = 16127 iterations, complexity 16.
        let big = Self.input(1, 1024, 1, "02" + String(repeating: "ff", count: 1024) + "07")
        #expect(gas(big) == 16 * 16_127)
    }

    @Test func lengthsPast1024BytesAreRejected() {
        #expect(bounded(Self.input(1024, 1024, 1024)))
        #expect(!bounded(Self.input(1025, 0, 1)))
        #expect(!bounded(Self.input(0, 1025, 1)))
        #expect(!bounded(Self.input(0, 0, 1025)))
        // A length of 2^64 + 1 has a zero low word but is still far past the bound.
        #expect(!bounded(bytes(String(repeating: "0", count: 47) + "1" + String(repeating: "0", count: 15) + "1"
                               + Self.word(0) + Self.word(1))))
        #expect(gas(Self.input(1025, 0, 1)) == 0)   // nothing charged: the call fails before
    }
}
