// Points of G1 (over F_p) and G2 (the sextic twist over F_p2) are FieldTower's Jacobian
// points (a = 0 formulas); what is BN254's own here is the windowed scalar multiplication
// that ECMUL (EIP-196) and the G2 subgroup check use.

import FieldTower

/// The fields BN254's points live over.
public protocol BNField: Field {}

extension Fp: BNField {}
extension Fp2Of: BNField where F == Fp {}

extension JacobianPoint where F: BNField {
    /// Scalar multiplication by a 256-bit integer given as little-endian limbs
    /// (any value, not reduced). Fixed 4-bit window, variable time (inputs are public).
    public func multiplied(by k: (UInt64, UInt64, UInt64, UInt64)) -> JacobianPoint {
        if isInfinity { return self }
        // table[i] = i * self, i = 0..15
        var table = [JacobianPoint](repeating: .infinity, count: 16)
        table[1] = self
        for i in 2..<16 { table[i] = (i & 1 == 0) ? table[i / 2].doubled() : table[i - 1] + self }
        let words = [k.3, k.2, k.1, k.0]
        var acc = JacobianPoint.infinity
        for w in words {
            var shift = 60
            while shift >= 0 {
                acc = acc.doubled().doubled().doubled().doubled()
                let nib = Int((w >> UInt64(shift)) & 0xf)
                if nib != 0 { acc = acc + table[nib] }
                shift -= 4
            }
        }
        return acc
    }
}
