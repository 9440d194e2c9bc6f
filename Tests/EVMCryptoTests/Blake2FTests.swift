import Testing
@testable import EVMCrypto

@Suite struct Blake2FTests {
    // EIP-152 test vectors (also go-ethereum core/vm/testdata/precompiles/blake2F.json).
    // The shared tail: h = BLAKE2b-512 initial state, m = "abc" padded, t = (3, 0).
    static let body = "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001"

    func compress(_ input: [UInt8]) -> String? { input.withUnsafeBytes { Blake2F.compress(input: $0) }.map(hex) }
    func rounds(_ input: [UInt8]) -> UInt32? { input.withUnsafeBytes { Blake2F.rounds(input: $0) } }

    @Test func vector0EmptyInput() {
        #expect(rounds([]) == nil)
        #expect(compress([]) == nil)
        #expect(Blake2F.compress(input: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }

    @Test func vector1TooShort() {
        let input = bytes("00000c" + Self.body)  // 212 bytes
        #expect(input.count == 212)
        #expect(rounds(input) == nil)
        #expect(compress(input) == nil)
    }

    @Test func vector2TooLong() {
        let input = bytes("000000000c" + Self.body)  // 214 bytes
        #expect(input.count == 214)
        #expect(rounds(input) == nil)
        #expect(compress(input) == nil)
    }

    @Test func vector3BadFinalFlag() {
        let input = bytes("0000000c" + Self.body.dropLast(2) + "02")
        #expect(input.count == 213)
        #expect(rounds(input) == nil)
        #expect(compress(input) == nil)
    }

    @Test(arguments: [
        ("00000000", "1", UInt32(0), "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b"),
        ("0000000c", "1", 12, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
        ("0000000c", "0", 12, "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735"),
        ("00000001", "1", 1, "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421"),
        ("007A1200", "1", 8_000_000, "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189"),
    ])
    func vectors4to8(roundsHex: String, finalFlag: String, expectedRounds: UInt32, expected: String) {
        let input = bytes(roundsHex + Self.body.dropLast(1) + finalFlag)
        #expect(rounds(input) == expectedRounds)
        #expect(compress(input) == expected)
    }

    /// Full BLAKE2b-512 of a 200-byte message driven through F (two blocks); expected value from
    /// Python's hashlib.blake2b. Checks the counter, final flag and multi-block chaining.
    @Test func blake2b512OverTwoBlocks() throws {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        var h: [UInt8] = []
        let iv: [UInt64] = [0x6a09e667f3bcc908 ^ 0x01010040, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                            0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179]
        for w in iv { for i in 0..<8 { h.append(UInt8(truncatingIfNeeded: w >> (8 * UInt64(i)))) } }
        func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
        let blocks: [(ArraySlice<UInt8>, UInt64, UInt8)] = [(message[0..<128], 128, 0), (message[128..<200], 200, 1)]
        for (block, counter, final) in blocks {
            let m = Array(block) + [UInt8](repeating: 0, count: 128 - block.count)
            let input = [0, 0, 0, 12] + h + m + le64(counter) + le64(0) + [final]
            h = try #require(input.withUnsafeBytes { Blake2F.compress(input: $0) })
        }
        #expect(hex(h) == "1c4ae4d6432542fc263b16dc8f462a2390dc5645cd6f7dbdd3293f5b7be0442af9d1ce0c6098b99e57156fe0deee2bbf56b7d23ef64ff0c7c1ea7156e6332449")
    }
}
