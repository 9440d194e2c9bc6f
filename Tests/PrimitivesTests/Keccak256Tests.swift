import Testing
@testable import Primitives

@Suite struct Keccak256Tests {
    @Test func emptyString() {
        #expect(hex(Keccak256.hash([])) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    }

    @Test func abc() {
        #expect(hex(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
    }

    @Test func twoHundredBytesA3() {
        #expect(hex(Keccak256.hash([UInt8](repeating: 0xa3, count: 200)))
            == "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a")
    }

    /// Byte i = (7i + 3) mod 256; expected values from pycryptodome's Crypto.Hash.keccak.
    @Test(arguments: [
        (1, "69c322e3248a5dfc29d73c5b0553b0185a35cd5bb6386747517ef7e53b15e287"),
        (7, "af2dd82887bb5be2eaa8117023b0b486d9dbd438e9f92e89dc2ada088af681ad"),
        (8, "ad894215c2106b9dfa2c04022025509974a5eb20b9f4cd27ca716967542ecf6e"),
        (9, "d411537bb20ffa01d0d9ab8953c812ec964b0ea6011b69e34d0f613d92457cf6"),
        (135, "00ef96af9cf4b24c7f269d922294444a197d0a33638c2e56634c57e892103a8f"),
        (136, "742061bcad767ed4c4f5883b1dcb1aad11afdcc140dc469d953759b127b9f9ed"),
        (137, "e3371f61e770abf254c34239c3b0099ad90594507415bc81dd0a10b9692bbf2a"),
        (271, "4401c4afbe16ff911bdbf2d38e556e5b861f3fdf0f9d4306b1c46f6ae4f73584"),
        (272, "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5"),
        (273, "16192ea86793083e47731cb3c970600f04768414d92bc0540e54ce8607a0fce0"),
        (1000, "80cdc8dd52cbb3dbaea8f383209893fa2bb52efbd5aedbb4b26dcfe307fcdc9b"),
    ])
    func rateBoundaries(length: Int, expected: String) {
        let input = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        #expect(hex(Keccak256.hash(input)) == expected)
    }

    /// The pointer API must read from any alignment and write exactly 32 bytes.
    @Test func unalignedInputAndIntoVariant() {
        let input = [UInt8](repeating: 0, count: 1) + (0..<272).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        var out = [UInt8](repeating: 0xee, count: 34)
        input.withUnsafeBytes { raw in
            let shifted = UnsafeRawBufferPointer(rebasing: raw[1...])
            out.withUnsafeMutableBytes { o in
                Keccak256.hash(shifted, into: o.baseAddress! + 1)
            }
            #expect(hex(Keccak256.hash(shifted)) == "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5")
        }
        #expect(out[0] == 0xee && out[33] == 0xee)
        #expect(hex(Array(out[1..<33])) == "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5")
    }

    @Test func emptyBufferWithoutBaseAddress() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(hex(Keccak256.hash(empty)) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    }
}
