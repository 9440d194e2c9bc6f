// The single trusted-setup element EIP-4844 point evaluation needs: [τ]G2, the second G2 point
// (g2_monomial[1]) of the Ethereum KZG ceremony output — `trusted_setup.txt` in
// ethereum/c-kzg-4844 and consensus-specs' trusted_setup_4096.json; the same value is the
// constant KZG_SETUP_G2_MONOMIAL_1 in ethereum/execution-specs src/ethereum/crypto/kzg.py.

import Primitives

public enum TrustedSetup {
    /// [τ]G2, ZCash-compressed (96 bytes); a malformed constant would leave it empty, and `tauG2` nil.
    public static let tauG2Compressed: [UInt8] = Hex.decode(
        "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d"
        + "2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e2"
        + "3926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2") ?? []

    /// [τ]G2 decoded and validated (on the twist, in the r-order subgroup) once, at first use.
    public static let tauG2: G2Affine? = Compression.decodeG2(tauG2Compressed)
}
