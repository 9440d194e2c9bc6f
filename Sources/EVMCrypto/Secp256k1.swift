import CSecp256k1
import Primitives

/// ECDSA over secp256k1 as Ethereum uses it: public-key recovery (ECRECOVER, transaction
/// senders), deterministic signing for tools and tests, and address derivation.
public enum Secp256k1 {
    /// Owns the library context. Created once, randomized once (blinding for signing), and
    /// never mutated afterwards, so sharing it across threads is safe: libsecp256k1 only
    /// reads a const context in sign, recover and pubkey_create.
    final class Context: @unchecked Sendable {
        let raw: OpaquePointer?
        init() {
            raw = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE))
            guard let raw else { return }
            var seed = [UInt8](repeating: 0, count: 32)
            var rng = SystemRandomNumberGenerator()
            for i in 0..<32 { seed[i] = rng.next() }
            // Failure only means no blinding; results stay correct.
            _ = secp256k1_context_randomize(raw, seed)
        }
        deinit { if let raw { secp256k1_context_destroy(raw) } }
    }

    /// Swift initializes a static let lazily and exactly once, thread-safely.
    static let context = Context()

    /// The group order n, big-endian.
    static let order: [UInt8] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ]

    /// True when the 32 big-endian bytes at `p` encode a scalar in [1, n-1]. Checked here rather
    /// than trusting the library's parser, which accepts zero.
    static func isValidScalar(_ p: UnsafeRawBufferPointer) -> Bool {
        guard p.count == 32 else { return false }
        var nonZero = false
        for i in 0..<32 where p[i] != 0 { nonZero = true; break }
        guard nonZero else { return false }
        for i in 0..<32 where p[i] != order[i] {
            return p[i] < order[i]
        }
        return false  // equal to n
    }

    /// Left-pads a big-endian value of at most 32 bytes to exactly 32.
    static func word(_ b: [UInt8]) -> [UInt8]? {
        guard b.count <= 32 else { return nil }
        return [UInt8](repeating: 0, count: 32 - b.count) + b
    }

    /// Recovers the signer and writes its 20-byte address to `out`. `sig64` is r || s.
    /// Returns false, writing nothing, on any invalid input.
    static func recover(hash: UnsafeRawBufferPointer, sig64: UnsafeRawBufferPointer, recoveryID: Int32,
                        into out: UnsafeMutableRawPointer) -> Bool {
        guard let ctx = context.raw, hash.count == 32, sig64.count == 64, (0...3).contains(recoveryID),
              let h = hash.baseAddress, let s = sig64.baseAddress,
              isValidScalar(UnsafeRawBufferPointer(rebasing: sig64[0..<32])),
              isValidScalar(UnsafeRawBufferPointer(rebasing: sig64[32..<64]))
        else { return false }
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(
            ctx, &sig, s.assumingMemoryBound(to: UInt8.self), recoveryID) == 1 else { return false }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(ctx, &pubkey, &sig, h.assumingMemoryBound(to: UInt8.self)) == 1
        else { return false }
        return addressOf(pubkey, ctx: ctx, into: out)
    }

    /// keccak256(X || Y) of the uncompressed point, last 20 bytes.
    static func addressOf(_ pubkey: secp256k1_pubkey, ctx: OpaquePointer,
                          into out: UnsafeMutableRawPointer) -> Bool {
        var pubkey = pubkey
        var serialized = [UInt8](repeating: 0, count: 65)
        var length = 65
        guard secp256k1_ec_pubkey_serialize(ctx, &serialized, &length, &pubkey,
                                            UInt32(SECP256K1_EC_UNCOMPRESSED)) == 1,
              length == 65 else { return false }
        var digest = [UInt8](repeating: 0, count: 32)
        serialized.withUnsafeBytes { s in
            digest.withUnsafeMutableBytes { d in
                if let base = d.baseAddress {
                    Keccak256.hash(UnsafeRawBufferPointer(rebasing: s[1..<65]), into: base)
                }
            }
        }
        digest.withUnsafeBytes { d in
            if let base = d.baseAddress { out.copyMemory(from: base + 12, byteCount: 20) }
        }
        return true
    }

    /// The 20-byte address that signed `messageHash` (32 bytes), or nil when the signature is
    /// invalid: r or s zero or >= n, recovery ID outside 0...3, or no point recovers.
    /// High s is accepted; callers enforcing EIP-2 check s themselves.
    public static func recoverAddress(messageHash: [UInt8], recoveryID: Int32,
                                      r: [UInt8], s: [UInt8]) -> [UInt8]? {
        guard let r32 = word(r), let s32 = word(s) else { return nil }
        let sig = r32 + s32
        var address = [UInt8](repeating: 0, count: 20)
        let ok = messageHash.withUnsafeBytes { h in
            sig.withUnsafeBytes { sg in
                address.withUnsafeMutableBytes { a in
                    guard let base = a.baseAddress else { return false }
                    return recover(hash: h, sig64: sg, recoveryID: recoveryID, into: base)
                }
            }
        }
        return ok ? address : nil
    }

    /// Precompile 0x01 (ECRECOVER). Input is read as if right-padded with zeros to 128 bytes:
    /// hash, v (a 32-byte word that must be exactly 27 or 28), r, s. Returns the address
    /// left-padded to 32 bytes, or an empty output for any invalid input (the call still succeeds).
    public static func ecrecoverPrecompile(input: UnsafeRawBufferPointer) -> [UInt8] {
        var padded = [UInt8](repeating: 0, count: 128)
        let n = min(input.count, 128)
        if n > 0, let src = input.baseAddress {
            padded.withUnsafeMutableBytes { $0.baseAddress?.copyMemory(from: src, byteCount: n) }
        }
        for i in 32..<63 where padded[i] != 0 { return [] }
        let v = padded[63]
        guard v == 27 || v == 28 else { return [] }
        var out = [UInt8](repeating: 0, count: 32)
        let ok = padded.withUnsafeBytes { p in
            out.withUnsafeMutableBytes { o in
                guard let base = o.baseAddress else { return false }
                return recover(hash: UnsafeRawBufferPointer(rebasing: p[0..<32]),
                               sig64: UnsafeRawBufferPointer(rebasing: p[64..<128]),
                               recoveryID: Int32(v) - 27, into: base + 12)
            }
        }
        return ok ? out : []
    }

    /// Deterministic (RFC 6979) signature of a 32-byte hash; s is always low (<= n/2), as
    /// libsecp256k1 normalizes. recoveryID is 0...3 (Ethereum's v = 27 + recoveryID for legacy).
    /// Nil when the hash is not 32 bytes or the key is not in [1, n-1].
    public static func sign(messageHash: [UInt8], privateKey: [UInt8])
        -> (r: [UInt8], s: [UInt8], recoveryID: Int32)? {
        guard let ctx = context.raw, messageHash.count == 32, privateKey.count == 32,
              secp256k1_ec_seckey_verify(ctx, privateKey) == 1 else { return nil }
        var sig = secp256k1_ecdsa_recoverable_signature()
        // nil nonce function = the library default, RFC 6979 with HMAC-SHA256.
        guard secp256k1_ecdsa_sign_recoverable(ctx, &sig, messageHash, privateKey, nil, nil) == 1
        else { return nil }
        var compact = [UInt8](repeating: 0, count: 64)
        var recid: Int32 = 0
        guard secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, &compact, &recid, &sig) == 1
        else { return nil }
        return (Array(compact[0..<32]), Array(compact[32..<64]), recid)
    }

    /// The 20-byte address of a 32-byte private key, nil if the key is not in [1, n-1].
    public static func address(ofPrivateKey privateKey: [UInt8]) -> [UInt8]? {
        guard let ctx = context.raw, privateKey.count == 32,
              secp256k1_ec_seckey_verify(ctx, privateKey) == 1 else { return nil }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(ctx, &pubkey, privateKey) == 1 else { return nil }
        var address = [UInt8](repeating: 0, count: 20)
        let ok = address.withUnsafeMutableBytes { a in
            guard let base = a.baseAddress else { return false }
            return addressOf(pubkey, ctx: ctx, into: base)
        }
        return ok ? address : nil
    }
}
