// Field-to-curve maps of EIP-2537 (MAP_FP_TO_G1, MAP_FP2_TO_G2): RFC 9380's map_to_curve for the
// BLS12381G1_XMD:SHA-256_SSWU_RO_ and BLS12381G2_XMD:SHA-256_SSWU_RO_ suites followed by
// clear_cofactor (multiplication by h_eff), without hashing:
//   1. simplified SWU (RFC 9380 section 6.6.2) onto the isogenous curve E': y² = x³ + A'x + B';
//   2. the 11-isogeny (G1, appendix E.2) or 3-isogeny (G2, appendix E.3) onto E;
//   3. h_eff·P (section 8.8.1: h_eff = 1 − x = 0xd201000000010001); for G2 the equal but cheaper
//      endomorphism form of appendix G.3 (Budroni–Pintore), tested against h_eff·P.
// Constants are in MapToCurveConstants.swift.

import FieldTower

/// What simplified SWU needs beyond the field operations: square roots and RFC 9380's sgn0.
public protocol SWUField: CurveField {
    func sqrt() -> Self?
    /// sgn0 (RFC 9380 section 4.1).
    var sgn0: Bool { get }
}

extension Fp: SWUField {
    /// The parity of the canonical integer.
    public var sgn0: Bool { canonicalLimbs().l0 & 1 == 1 }
}

extension Fp2Of: SWUField where F == Fp {
    /// sgn0 for m = 2: sign of c0, or of c1 when c0 is zero.
    public var sgn0: Bool { c0.sgn0 || (c0.isZero && c1.sgn0) }
}

/// The parameters of one map: E' (A', B'), Z, and the isogeny's rational maps (coefficients from
/// degree 0 upward).
struct SWUParameters<F: SWUField> {
    let a: F, b: F, z: F
    let xNum: [F], xDen: [F], yNum: [F], yDen: [F]
    /// −B/A and B/(Z·A), the constants of x1 (computed once).
    let minusBOverA: F, bOverZA: F

    init(a: F, b: F, z: F, xNum: [F], xDen: [F], yNum: [F], yDen: [F]) {
        self.a = a; self.b = b; self.z = z
        self.xNum = xNum; self.xDen = xDen; self.yNum = yNum; self.yDen = yDen
        minusBOverA = (-b) * a.inverse()
        bOverZA = b * (z * a).inverse()
    }
}

public enum MapToCurve {
    static let g1 = SWUParameters<Fp>(
        a: fp(MapConstants.g1A), b: fp(MapConstants.g1B), z: Fp(11),
        xNum: MapConstants.g1XNum.map(fp), xDen: MapConstants.g1XDen.map(fp),
        yNum: MapConstants.g1YNum.map(fp), yDen: MapConstants.g1YDen.map(fp))

    static let g2 = SWUParameters<Fp2>(
        a: Fp2(.zero, Fp(240)), b: Fp2(Fp(1012), Fp(1012)), z: -Fp2(Fp(2), Fp(1)),
        xNum: MapConstants.g2XNum.map(fp2), xDen: MapConstants.g2XDen.map(fp2),
        yNum: MapConstants.g2YNum.map(fp2), yDen: MapConstants.g2YDen.map(fp2))

    /// h_eff for G1 (RFC 9380 section 8.8.1).
    static let g1HEff: [UInt64] = [0xd201_0000_0001_0001]
    /// h_eff for G2 as little-endian limbs.
    static let g2HEff: [UInt64] = limbs(hex: MapConstants.g2HEff)

    /// MAP_FP_TO_G1: a point of the r-order subgroup of E1.
    public static func mapToG1(_ u: Fp) -> G1Projective {
        guard let p = map(u, g1) else { return .infinity }
        return p.multiplied(byLimbs: g1HEff)
    }

    /// MAP_FP2_TO_G2: a point of the r-order subgroup of E2.
    public static func mapToG2(_ u: Fp2) -> G2Projective {
        guard let p = map(u, g2) else { return .infinity }
        return clearCofactorG2(p)
    }

    /// RFC 9380 appendix G.3, clear_cofactor_bls12381_g2: h_eff·P as
    /// [x² − x − 1]P + [x − 1]ψ(P) + ψ²(2P), with x the (negative) BLS parameter.
    static func clearCofactorG2(_ p: G2Projective) -> G2Projective {
        let t1 = -SubgroupCheck.timesXAbs(p)           // x·P
        var t2 = psi(p)
        var t3 = psi(psi(p.doubled()))
        t3 = t3 + (-t2)
        t2 = -SubgroupCheck.timesXAbs(t1 + t2)          // x·(x·P + ψ(P))
        t3 = t3 + t2
        t3 = t3 + (-t1)
        return t3 + (-p)
    }

    /// ψ in Jacobian coordinates: conjugation is a field automorphism, so (X, Y, Z) maps to
    /// (conj(X)·c1, conj(Y)·c2, conj(Z)); c1, c2 are RFC 9380's (equal to the EIP's r, s).
    static func psi(_ p: G2Projective) -> G2Projective {
        JacobianPoint(x: p.x.conjugate() * SubgroupCheck.psiX, y: p.y.conjugate() * SubgroupCheck.psiY, z: p.z.conjugate())
    }

    /// map_to_curve: SWU onto E', then the isogeny onto E (nil only if a square root that must
    /// exist did not, which would be a bug in the constants).
    static func map<F: SWUField>(_ u: F, _ c: SWUParameters<F>) -> JacobianPoint<F>? {
        // Simplified SWU, RFC 9380 section 6.6.2.
        let zu2 = c.z * u.squared()
        let tv1 = zu2.squared() + zu2
        let x1: F
        if tv1.isZero {
            x1 = c.bOverZA                                  // exceptional case: B / (Z·A)
        } else {
            x1 = c.minusBOverA * (F.one + tv1.inverse())    // (−B / A)(1 + 1/tv1)
        }
        var x = x1
        var y: F
        if let y1 = (x1.squared() * x1 + c.a * x1 + c.b).sqrt() {
            y = y1
        } else {
            x = zu2 * x1
            guard let y2 = (x.squared() * x + c.a * x + c.b).sqrt() else { return nil }
            y = y2
        }
        if u.sgn0 != y.sgn0 { y = -y }

        // The isogeny: (xNum/xDen, y·yNum/yDen) at x, kept Jacobian to spare the inversions:
        // Z = xDen·yDen, X = xNum·xDen·yDen², Y = y·yNum·xDen³·yDen². A zero denominator gives Z = 0,
        // the identity, as RFC 9380 appendix E asks.
        let xd = horner(c.xDen, x), yd = horner(c.yDen, x)
        let yd2 = yd.squared(), xdyd2 = xd * yd2
        return JacobianPoint(x: horner(c.xNum, x) * xdyd2,
                             y: y * horner(c.yNum, x) * xd.squared() * xdyd2,
                             z: xd * yd)
    }

    /// Σ coefficients[i]·x^i.
    static func horner<F: Field>(_ coefficients: [F], _ x: F) -> F {
        var acc = F.zero
        for k in coefficients.reversed() { acc = acc * x + k }
        return acc
    }

    static func fp(_ hex: String) -> Fp { Fp.fromHex(hex) ?? .zero }   // constants: never nil
    static func fp2(_ pair: (String, String)) -> Fp2 { Fp2(fp(pair.0), fp(pair.1)) }

    /// Little-endian 64-bit limbs of a big-endian hex integer.
    static func limbs(hex: String) -> [UInt64] {
        var out = [UInt64]()
        var digits = Substring(hex)
        while !digits.isEmpty {
            let chunk = digits.suffix(16)
            out.append(UInt64(chunk, radix: 16) ?? 0)
            digits = digits.dropLast(chunk.count)
        }
        return out
    }
}
