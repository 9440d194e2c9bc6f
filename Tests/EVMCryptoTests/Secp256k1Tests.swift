import Testing
@testable import EVMCrypto
import Primitives

@Suite struct Secp256k1Tests {
    static let defaultSenderKey = bytes("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
    static let defaultSender = "a94f5374fce5edbc8e2a8697c15331677e6ebf0b"
    static let n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

    // go-ethereum core/vm contracts_test ecrecover vector: hash, v=27, r, s.
    static let gethHash = "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    static let gethR = "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    static let gethS = "789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02"
    static func word(_ v: UInt8) -> String { String(repeating: "00", count: 31) + hex([v]) }

    func precompile(_ hexInput: String) -> String {
        hex(bytes(hexInput).withUnsafeBytes { Secp256k1.ecrecoverPrecompile(input: $0) })
    }

    @Test func addressOfDefaultSender() {
        #expect(Secp256k1.address(ofPrivateKey: Self.defaultSenderKey).map(hex) == Self.defaultSender)
    }

    @Test func addressOfInvalidKeys() {
        #expect(Secp256k1.address(ofPrivateKey: [UInt8](repeating: 0, count: 32)) == nil)
        #expect(Secp256k1.address(ofPrivateKey: bytes(Self.n)) == nil)
        #expect(Secp256k1.address(ofPrivateKey: [1, 2, 3]) == nil)
    }

    @Test func ecrecoverGethVector() {
        #expect(precompile(Self.gethHash + Self.word(27) + Self.gethR + Self.gethS)
            == "000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d")
    }

    /// The precompile does not apply EIP-2: s' = n - s with the other parity recovers the same key.
    @Test func ecrecoverAcceptsHighS() {
        let highS = "8762e22bdc2da0f88d2d8b729f081b469efd8fde408e11ad30d6f0bcd791933f"
        #expect(precompile(Self.gethHash + Self.word(28) + Self.gethR + highS)
            == "000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d")
    }

    @Test func ecrecoverIgnoresBytesPast128() {
        #expect(precompile(Self.gethHash + Self.word(27) + Self.gethR + Self.gethS + "ffff")
            == "000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d")
    }

    @Test func ecrecoverInvalidInputsGiveEmptyOutput() {
        let zero = String(repeating: "00", count: 32)
        #expect(precompile(Self.gethHash + Self.word(29) + Self.gethR + Self.gethS) == "")
        #expect(precompile(Self.gethHash + Self.word(26) + Self.gethR + Self.gethS) == "")
        #expect(precompile(Self.gethHash + Self.word(0) + Self.gethR + Self.gethS) == "")
        // v's high bytes must be zero: 2^248 + 27 is not 27.
        #expect(precompile(Self.gethHash + "01" + String(repeating: "00", count: 30) + "1b" + Self.gethR + Self.gethS) == "")
        #expect(precompile(Self.gethHash + Self.word(27) + zero + Self.gethS) == "")
        #expect(precompile(Self.gethHash + Self.word(27) + Self.gethR + zero) == "")
        #expect(precompile(Self.gethHash + Self.word(27) + Self.gethR + Self.n) == "")
        #expect(precompile(Self.gethHash + Self.word(27) + Self.n + Self.gethS) == "")
        #expect(precompile(Self.gethHash + Self.word(27) + String(repeating: "ff", count: 32) + Self.gethS) == "")
        // r = 5: 5^3 + 7 is not a square mod p, so no point has that x.
        #expect(precompile(Self.gethHash + Self.word(27) + Self.word(5) + Self.gethS) == "")
        #expect(precompile("") == "")
        #expect(precompile(Self.gethHash + Self.word(27)) == "")
        #expect(Secp256k1.ecrecoverPrecompile(input: UnsafeRawBufferPointer(start: nil, count: 0)) == [])
    }

    /// A short input reads as zero-padded: drop trailing zero bytes of s and get the same answer.
    @Test func ecrecoverShortInputIsZeroPadded() throws {
        var found: (hash: [UInt8], sig: (r: [UInt8], s: [UInt8], recoveryID: Int32))?
        for i in 0..<5000 {
            let h = Keccak256.hash([UInt8(i & 0xff), UInt8(i >> 8)])
            if let sig = Secp256k1.sign(messageHash: h, privateKey: Self.defaultSenderKey), sig.s[31] == 0 {
                found = (h, sig)
                break
            }
        }
        let (h, sig) = try #require(found)
        let full = h + bytes(Self.word(UInt8(27 + sig.recoveryID))) + sig.r + sig.s
        let expected = "000000000000000000000000" + Self.defaultSender
        #expect(hex(full.withUnsafeBytes { Secp256k1.ecrecoverPrecompile(input: $0) }) == expected)
        let short = Array(full[0..<127])
        #expect(hex(short.withUnsafeBytes { Secp256k1.ecrecoverPrecompile(input: $0) }) == expected)
    }

    @Test func recoverAddressGethVector() {
        let a = Secp256k1.recoverAddress(messageHash: bytes(Self.gethHash), recoveryID: 0,
                                         r: bytes(Self.gethR), s: bytes(Self.gethS))
        #expect(a.map(hex) == "ceaccac640adf55b2028469bd36ba501f28b699d")
    }

    @Test func recoverAddressRejects() {
        let h = bytes(Self.gethHash), r = bytes(Self.gethR), s = bytes(Self.gethS)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: 4, r: r, s: s) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: -1, r: r, s: s) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: 0, r: [0], s: s) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: 0, r: r, s: []) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: 0, r: r, s: bytes(Self.n)) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: h, recoveryID: 0, r: [1] + r, s: s) == nil)
        #expect(Secp256k1.recoverAddress(messageHash: Array(h[0..<31]), recoveryID: 0, r: r, s: s) == nil)
    }

    /// RFC 6979 with private key 1 and sha256("Satoshi Nakamoto"), a widely published vector
    /// (s low-normalized); cross-checked with python-ecdsa.
    @Test func signRFC6979Vector() throws {
        let key = [UInt8](repeating: 0, count: 31) + [1]
        let h = Digest.sha256(Array("Satoshi Nakamoto".utf8))
        let sig = try #require(Secp256k1.sign(messageHash: h, privateKey: key))
        #expect(hex(sig.r) == "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8")
        #expect(hex(sig.s) == "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5")
    }

    /// keccak("hello") signed by the default sender; r, s and recovery ID from python-ecdsa.
    @Test func signThenRecoverRoundTrip() throws {
        let h = Keccak256.hash(Array("hello".utf8))
        let sig = try #require(Secp256k1.sign(messageHash: h, privateKey: Self.defaultSenderKey))
        #expect(hex(sig.r) == "7e6c580acb4bfdd3b7f4beb4767b5602f8a437cf90884e1b05270164a6e75a90")
        #expect(hex(sig.s) == "4f08aedb08447c0e5448c7ceb8c951d642b46e459338d0408a5a0dfa90c3fb15")
        #expect(sig.recoveryID == 0)
        let recovered = Secp256k1.recoverAddress(messageHash: h, recoveryID: sig.recoveryID, r: sig.r, s: sig.s)
        #expect(recovered.map(hex) == Self.defaultSender)
        // Many hashes: always low s, always recovers the signer.
        let halfN = bytes("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")
        for i in 0..<64 {
            let m = Keccak256.hash([UInt8(i)])
            let sg = try #require(Secp256k1.sign(messageHash: m, privateKey: Self.defaultSenderKey))
            #expect(sg.s.lexicographicallyPrecedes(halfN) || sg.s == halfN)
            #expect(Secp256k1.recoverAddress(messageHash: m, recoveryID: sg.recoveryID, r: sg.r, s: sg.s).map(hex)
                == Self.defaultSender)
        }
    }

    @Test func signRejectsBadInputs() {
        let h = Keccak256.hash([])
        #expect(Secp256k1.sign(messageHash: h, privateKey: [UInt8](repeating: 0, count: 32)) == nil)
        #expect(Secp256k1.sign(messageHash: h, privateKey: bytes(Self.n)) == nil)
        #expect(Secp256k1.sign(messageHash: [1, 2], privateKey: Self.defaultSenderKey) == nil)
    }
}
