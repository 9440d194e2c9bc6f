// Scalar multiplication and multi-scalar multiplication for G1 and G2 (EIP-2537's MSM precompiles,
// cofactor clearing of the maps). Variable time: every scalar here is public.
//   single: fixed 4-bit windows over a table of 1P…15P;
//   several: Pippenger's bucket method (windows of c bits; per window each point is added to the
//   bucket of its digit, then the buckets are summed by running sums), c chosen per input size.

import FieldTower

extension Scalar {
    /// Little-endian limb i (0…3).
    @inline(__always)
    func limb(_ i: Int) -> UInt64 {
        switch i {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    var limbs: [UInt64] { [w0, w1, w2, w3] }
}

/// Bits [start, start + width) of a little-endian limb array (width ≤ 32), as an integer.
@inline(__always)
func window(_ limbs: UnsafeBufferPointer<UInt64>, from start: Int, width: Int) -> Int {
    let index = start >> 6, shift = start & 63
    guard index < limbs.count else { return 0 }
    var v = limbs[index] >> UInt64(shift)
    if shift + width > 64 && index + 1 < limbs.count { v |= limbs[index + 1] << UInt64(64 - shift) }
    return Int(truncatingIfNeeded: v & ((1 << UInt64(width)) - 1))
}

/// Number of significant bits of a little-endian limb array.
func bitLength(_ limbs: [UInt64]) -> Int {
    for i in stride(from: limbs.count - 1, through: 0, by: -1) where limbs[i] != 0 {
        return i * 64 + 64 - limbs[i].leadingZeroBitCount
    }
    return 0
}

extension JacobianPoint where F: CurveField {
    /// self + q for an affine q: "madd-2007-bl" (EFD, a = 0 Jacobian), with the equal and opposite
    /// cases handled.
    @inline(__always)
    public func adding(_ q: AffinePoint<F>) -> JacobianPoint {
        if q.infinity { return self }
        if isInfinity { return q.jacobian }
        let z1z1 = z.squared()
        let u2 = q.x * z1z1
        let s2 = q.y * z * z1z1
        let h = u2 - x
        let r = (s2 - y).doubled()
        if h.isZero { return r.isZero ? doubled() : .infinity }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let v = x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (y * j).doubled()
        let z3 = (z + h).squared() - z1z1 - hh
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// k·P for a little-endian limb scalar of any length, fixed 4-bit windows.
    public func multiplied(byLimbs k: [UInt64]) -> JacobianPoint {
        let bits = bitLength(k)
        if bits == 0 || isInfinity { return .infinity }
        var table = [JacobianPoint](repeating: self, count: 16)   // table[d] = d·P (table[0] unused)
        for d in 2..<16 { table[d] = table[d - 1] + self }
        var acc = JacobianPoint.infinity
        var start = ((bits + 3) / 4 - 1) * 4
        k.withUnsafeBufferPointer { limbs in
            while start >= 0 {
                if !acc.isInfinity { acc = acc.doubled().doubled().doubled().doubled() }
                let d = window(limbs, from: start, width: 4)
                if d != 0 { acc = acc + table[d] }
                start -= 4
            }
        }
        return acc
    }

    /// k·P, windowed (the same result as `multiplied(by:)`).
    public func multipliedWindowed(by k: Scalar) -> JacobianPoint {
        multiplied(byLimbs: k.limbs)
    }
}

public enum MSM {
    // Rough costs in field multiplications (Jacobian, a = 0): doubling 7, mixed addition 11,
    // general addition 16. They choose between the two algorithms and Pippenger's window width.
    static let doublingCost = 7, mixedAddCost = 11, addCost = 16

    /// Pippenger for n points and b-bit scalars with c-bit windows: per window n mixed additions into
    /// the buckets and 2·2^c additions to sum them, plus b doublings.
    static func pippengerCost(points n: Int, bits b: Int, window c: Int) -> Int {
        ((b + c - 1) / c) * (n * mixedAddCost + (2 << c) * addCost) + b * doublingCost
    }

    /// Pippenger's window width: the c of least cost.
    static func windowWidth(points n: Int, bits b: Int) -> Int {
        var best = 1, bestCost = Int.max
        for c in 1...16 {
            let cost = pippengerCost(points: n, bits: b, window: c)
            if cost < bestCost { best = c; bestCost = cost }
        }
        return best
    }

    /// n separate 4-bit-window multiplications (b doublings, b/4 additions, a 14-addition table each).
    static func separateCost(points n: Int, bits b: Int) -> Int {
        n * (b * doublingCost + (b / 4 + 14) * addCost)
    }

    /// Σ kᵢ·Pᵢ. The arrays have equal length (extra entries of either are ignored).
    public static func multiScalarMultiply<F: CurveField>(_ points: [AffinePoint<F>], _ scalars: [Scalar]) -> JacobianPoint<F> {
        let n = min(points.count, scalars.count)
        if n == 0 { return .infinity }
        if n == 1 { return points[0].jacobian.multiplied(byLimbs: scalars[0].limbs) }
        var limbs = [UInt64]()
        limbs.reserveCapacity(4 * n)
        var maxBits = 0
        for s in scalars.prefix(n) {
            limbs.append(contentsOf: s.limbs)
            maxBits = max(maxBits, bitLength(s.limbs))
        }
        if maxBits == 0 { return .infinity }
        let c = windowWidth(points: n, bits: maxBits)
        // Few points: the buckets' sums cost more than they save.
        if separateCost(points: n, bits: maxBits) <= pippengerCost(points: n, bits: maxBits, window: c) {
            var sum = JacobianPoint<F>.infinity
            for i in 0..<n { sum = sum + points[i].jacobian.multiplied(byLimbs: scalars[i].limbs) }
            return sum
        }
        var buckets = [JacobianPoint<F>](repeating: .infinity, count: (1 << c) - 1)
        var acc = JacobianPoint<F>.infinity
        var start = ((maxBits + c - 1) / c - 1) * c
        limbs.withUnsafeBufferPointer { all in
            while start >= 0 {
                if !acc.isInfinity { for _ in 0..<c { acc = acc.doubled() } }
                for j in buckets.indices { buckets[j] = .infinity }
                for i in 0..<n {
                    let scalar = UnsafeBufferPointer(rebasing: all[(4 * i)..<(4 * i + 4)])
                    let d = window(scalar, from: start, width: c)
                    if d != 0 { buckets[d - 1] = buckets[d - 1].adding(points[i]) }
                }
                // Σ d·bucket[d] as the sum of the running sums from the top bucket down.
                var running = JacobianPoint<F>.infinity, sum = JacobianPoint<F>.infinity
                for j in stride(from: buckets.count - 1, through: 0, by: -1) {
                    running = running + buckets[j]
                    sum = sum + running
                }
                acc = acc + sum
                start -= c
            }
        }
        return acc
    }
}
