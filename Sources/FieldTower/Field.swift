// What the generic tower (Fp2Of, Fp6Of, Fp12Of: Fp2, Fp6, Fp12 over a base field F) and the
// short-Weierstrass point code need from a field.
// Each curve keeps its own prime field (limb count, Montgomery constants, reduction), because
// that is where the curves really differ; everything built on top of it is the same algorithm
// over a different base field and lives here once.
//
// Speed: every member is @inlinable and every type @frozen, so the BN254 and BLS12381 modules
// specialise the generic code for their own Fp at compile time (no witness tables on the hot path).
// Only the linear Fp2 operations are forced inline; the optimizer decides for Fp2 multiply and
// square and everything in Fp6/Fp12. Measured (valgrind instructions per precompile call against
// main): BN254 pairing −0.3%, ECMUL 0.0%, ECADD −0.3%, KZG −1.7%. Forcing Fp2 multiply/square
// too gave pairing −4.5% and KZG −2.5% in instructions but no gain in wall time on this machine
// and three times the release compile time; forcing Fp6/Fp12 as well made BN254's release
// compile run past six CPU minutes, so it was dropped.

/// Arithmetic of a finite field (Fp, and Fp2 over it for the twisted curves).
public protocol Field: Equatable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    var isZero: Bool { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    func squared() -> Self
    func doubled() -> Self
    /// Multiplicative inverse; zero maps to zero.
    func inverse() -> Self
}

/// A prime field Fp that a tower Fp2 = Fp[u]/(u² + 1), Fp6 = Fp2[v]/(v³ − ξ), Fp12 = Fp6[w]/(w² − v)
/// is built on. The curve chooses the sextic non-residue ξ ∈ Fp2 (9 + u for BN254, EIP-197;
/// 1 + u for BLS12-381) and says how to multiply by it cheaply.
public protocol TowerBaseField: Field {
    /// ξ·a for a ∈ Fp2.
    static func mulByXi(_ a: Fp2Of<Self>) -> Fp2Of<Self>
}

extension Field {
    /// self^e for a little-endian limb exponent, square-and-multiply (variable time; the
    /// exponents here are public constants).
    @inlinable
    public func pow(_ e: [UInt64]) -> Self {
        var result = Self.one
        for w in e.reversed() {
            var bit = 63
            while bit >= 0 {
                result = result.squared()
                if (w >> UInt64(bit)) & 1 == 1 { result = result * self }
                bit -= 1
            }
        }
        return result
    }
}
