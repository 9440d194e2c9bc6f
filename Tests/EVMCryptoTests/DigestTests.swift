import Testing
@testable import EVMCrypto

@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256FIPS180(message: String, expected: String) {
        #expect(hex(Digest.sha256(Array(message.utf8))) == expected)
    }

    @Test(arguments: [
        ("", "9c1185a5c5e9fc54612808977ee8f548b2258d31"),
        ("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
        ("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"),
        ("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc"),
    ])
    func ripemd160Published(message: String, expected: String) {
        #expect(hex(Digest.ripemd160(Array(message.utf8))) == expected)
    }

    /// Multi-block input; expected values from Python's hashlib.
    @Test func multiBlock() {
        let m = [UInt8]((0..<1024).map { UInt8($0 & 0xff) }) + Array("xyz".utf8)
        #expect(hex(Digest.sha256(m)) == "32b377390e072c37cfeb9bb327d8825616819a76b0ad3749e16fe22e53afbdfc")
        #expect(hex(Digest.ripemd160(m)) == "b578a7fa00bd5fe421da708e3c7e01dd2f46f67c")
    }

    @Test func emptyBufferWithoutBaseAddress() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(hex(Digest.sha256(empty)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(Digest.ripemd160(empty)) == "9c1185a5c5e9fc54612808977ee8f548b2258d31")
    }
}
