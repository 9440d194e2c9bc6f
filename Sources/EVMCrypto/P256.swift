import CLibCrypto
import UInt256

/// ECDSA verification over secp256r1 (NIST P-256), as EIP-7951's P256VERIFY defines it, with
/// libcrypto's group arithmetic. The input checks are the EIP's, made here and not left to
/// OpenSSL, so that every edge case fails the way the EIP says.
public enum P256 {
    /// The group order n and the field prime p (SEC 2, section 2.4.2).
    public static let n = U256(w0: 0xf3b9_cac2_fc63_2551, w1: 0xbce6_faad_a717_9e84,
                               w2: 0xffff_ffff_ffff_ffff, w3: 0xffff_ffff_0000_0000)
    public static let p = U256(w0: 0xffff_ffff_ffff_ffff, w1: 0x0000_0000_ffff_ffff,
                               w2: 0x0000_0000_0000_0000, w3: 0xffff_ffff_0000_0001)

    /// The curve, built once: creating a named group is most of a verification's setup. Only
    /// read afterwards, which OpenSSL allows from many threads.
    private final class Group: @unchecked Sendable {
        let pointer: OpaquePointer
        init?() {
            guard let g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1) else { return nil }
            pointer = g
        }
    }
    private static let group = Group()

    /// Whether (r, s) signs the 32-byte hash `h` for the public key (qx, qy). False for any
    /// input EIP-7951 rejects: r or s outside [1, n-1], a coordinate outside [0, p-1], the
    /// point at infinity (0, 0), a point off the curve, or a signature that does not verify.
    public static func verify(h: UnsafeRawBufferPointer, r: U256, s: U256, qx: U256, qy: U256) -> Bool {
        guard h.count == 32, let hBase = h.baseAddress else { return false }
        guard !r.isZero, r < n, !s.isZero, s < n else { return false }
        guard qx < p, qy < p, !(qx.isZero && qy.isZero) else { return false }
        guard let group = group?.pointer, let ctx = BN_CTX_new() else { return false }
        defer { BN_CTX_free(ctx) }
        BN_CTX_start(ctx)
        defer { BN_CTX_end(ctx) }
        guard let bnR = BN_CTX_get(ctx), let bnS = BN_CTX_get(ctx), let e = BN_CTX_get(ctx),
              let x = BN_CTX_get(ctx), let y = BN_CTX_get(ctx), let w = BN_CTX_get(ctx),
              let u1 = BN_CTX_get(ctx), let u2 = BN_CTX_get(ctx),
              let order = EC_GROUP_get0_order(group),
              let q = EC_POINT_new(group) else { return false }
        defer { EC_POINT_free(q) }
        guard let point = EC_POINT_new(group) else { return false }
        defer { EC_POINT_free(point) }
        set(bnR, r); set(bnS, s); set(x, qx); set(y, qy)
        BN_bin2bn(hBase.assumingMemoryBound(to: UInt8.self), 32, e)

        // The curve equation qy² = qx³ + a·qx + b (mod p): OpenSSL refuses off-curve points.
        guard EC_POINT_set_affine_coordinates(group, q, x, y, ctx) == 1,
              EC_POINT_is_on_curve(group, q, ctx) == 1 else { return false }

        // EIP-7951: w = s⁻¹, u1 = h·w, u2 = r·w (mod n); R' = u1·G + u2·Q; valid iff R' is
        // not the point at infinity and R'.x ≡ r (mod n). h is taken whole (n has 256 bits).
        guard BN_mod_inverse(w, bnS, order, ctx) != nil,
              BN_mod_mul(u1, e, w, order, ctx) == 1,
              BN_mod_mul(u2, bnR, w, order, ctx) == 1,
              EC_POINT_mul(group, point, u1, q, u2, ctx) == 1,
              EC_POINT_is_at_infinity(group, point) == 0,
              EC_POINT_get_affine_coordinates(group, point, x, nil, ctx) == 1,
              BN_nnmod(x, x, order, ctx) == 1 else { return false }
        return BN_cmp(x, bnR) == 0
    }

    private static func set(_ bn: OpaquePointer, _ v: U256) {
        let b = v.bigEndianBytes
        b.withUnsafeBufferPointer { p in _ = BN_bin2bn(p.baseAddress, 32, bn) }
    }
}
