// G2: the order-r subgroup of the sextic M-twist E'(Fp2): y² = x³ + 4(1 + u).

import FieldTower

public typealias G2Affine = AffinePoint<Fp2>
public typealias G2Projective = JacobianPoint<Fp2>

public enum G2 {
    /// The standard generator (IETF draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 section;
    /// also the ZCash bls12_381 crate). Coordinates are c0 + c1·u.
    public static let generator = G2Affine(
        x: Fp2(Fp.fromHex("0x024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8") ?? .zero,
               Fp.fromHex("0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e") ?? .zero),
        y: Fp2(Fp.fromHex("0x0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801") ?? .zero,
               Fp.fromHex("0x0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be") ?? .zero))
}
