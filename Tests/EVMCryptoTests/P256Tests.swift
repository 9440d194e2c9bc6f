import Testing
@testable import EVMCrypto
import UInt256

/// secp256r1 verification as EIP-7951 defines it. Vectors: the EIP's assets/eip-7951/
/// test-vectors.json (taken from Wycheproof's ecdsa_secp256r1_sha256_p1363_test.json): one
/// message hash and public key, signed as listed; the expected outcomes are the file's.
@Suite struct P256Tests {
    static let h = "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
    static let qx = "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
    static let qy = "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"
    static let n = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
    static let nMinus1 = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550"
    static let nPlus1 = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552"
    static let p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
    static let pPlus1 = "ffffffff00000001000000000000000000000001000000000000000000000000"
    static let zero = String(repeating: "0", count: 64)
    static let one = String(repeating: "0", count: 63) + "1"

    static func word(_ s: String) -> U256 { U256(bigEndianBytes: bytes(s)) }

    static func verify(h: String = h, r: String, s: String, qx: String = qx, qy: String = qy) -> Bool {
        bytes(h).withUnsafeBytes { P256.verify(h: $0, r: word(r), s: word(s), qx: word(qx), qy: word(qy)) }
    }

    @Test func curveConstantsAreSEC2s() {
        #expect(P256.n == Self.word(Self.n))
        #expect(P256.p == Self.word(Self.p))
    }

    /// #1 "signature malleability": (r, n - s) verifies too; EIP-7951 does not ask for low s.
    @Test func wycheproofValidSignature() {
        #expect(Self.verify(r: "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18",
                            s: "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"))
    }

    /// #3, #5, #8: r or s modified by adding or subtracting the order.
    @Test func wycheproofModifiedSignatures() {
        #expect(!Self.verify(r: "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739",
                             s: "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db"))
        #expect(!Self.verify(r: "d45c5741946b2a137f59262ee6f5bc91001af27a5e1117a64733950642a3d1e8",
                             s: "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db"))
        #expect(!Self.verify(r: "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18",
                             s: "4cd60b865d442f5a3c7b11eb6c4e0ae79578ec6353a20bf783ecb4b6ea97b825"))
    }

    /// #9–#32: every pairing of the special values 0, 1, n, n - 1, n + 1, p, p + 1 for r and s
    /// (the file lists each as invalid).
    @Test func wycheproofSpecialCaseValues() {
        let specials = [Self.zero, Self.one, Self.n, Self.nMinus1, Self.nPlus1, Self.p, Self.pPlus1]
        for r in specials {
            for s in specials {
                #expect(!Self.verify(r: r, s: s), "r=\(r) s=\(s)")
            }
        }
    }

    /// EIP-7951's key checks: coordinates below p, not the point at infinity (0, 0), on the curve.
    @Test func publicKeyChecks() {
        let r = "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
        let s = "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
        #expect(!Self.verify(r: r, s: s, qx: Self.zero, qy: Self.zero))
        #expect(!Self.verify(r: r, s: s, qx: Self.p, qy: Self.qy))
        #expect(!Self.verify(r: r, s: s, qx: Self.qx, qy: Self.p))
        // qy + 1 is not on the curve (only ±qy are).
        #expect(!Self.verify(r: r, s: s, qy: "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513f"))
        // A changed hash does not verify.
        #expect(!Self.verify(h: "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605024", r: r, s: s))
    }
}
