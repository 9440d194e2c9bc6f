import UInt256

/// Test literal from hex; a parse failure shows up as a mismatching zero-ish value via the sentinel.
func h(_ s: String) -> U256 {
    U256(hex: s) ?? U256(w0: 0xdead, w1: 0xbeef, w2: 0xdead, w3: 0xbeef)
}

func u(_ v: UInt64) -> U256 { U256(v) }

/// Two's complement of a small magnitude, written out independently of `negated`.
func neg(_ v: UInt64) -> U256 {
    U256(w0: ~v &+ 1, w1: v == 0 ? 0 : ~0, w2: v == 0 ? 0 : ~0, w3: v == 0 ? 0 : ~0)
}

let minSigned = U256(w0: 0, w1: 0, w2: 0, w3: 1 << 63)   // -2^255
let maxSigned = U256(w0: ~0, w1: ~0, w2: ~0, w3: ~0 >> 1) // 2^255 - 1

/// Deterministic generator (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64, test: String = #function) { state = TestSeed.value(test, default: seed) }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Operands in the shapes that matter: random width (0...256 bits), occasional
    /// all-ones limbs and powers of two, which stress carries and quotient estimates.
    mutating func word() -> U256 {
        let kind = next() % 8
        var w = U256(w0: next(), w1: next(), w2: next(), w3: next())
        switch kind {
        case 0: return U256(w0: ~0, w1: ~0, w2: next() % 2 == 0 ? ~0 : 0, w3: next() % 2 == 0 ? ~0 : 1 << 63)
        case 1: return U256.one.shiftedLeft(byBits: Int(next() % 256))
        case 2: return U256(w0: next() % 1000, w1: 0, w2: 0, w3: 0)
        default:
            let width = Int(next() % 257)
            if width == 0 { return .zero }
            if width < 256 { w = w & (U256.one.shiftedLeft(byBits: width) &- .one) }
            return w
        }
    }
}

/// Reference division: restoring shift-and-subtract, one quotient bit per step. Uses only
/// shifts, comparison and subtraction, which have their own vector tests.
func referenceDivMod(_ a: U256, _ b: U256) -> (U256, U256) {
    if b.isZero { return (.zero, .zero) }
    var q = U256.zero
    var r = U256.zero
    for i in stride(from: 255, through: 0, by: -1) {
        let topBit = r.isNegative
        r = r.shiftedLeft(byBits: 1)
        if !(a.shiftedRight(byBits: i) & .one).isZero { r = r | .one }
        // topBit means the true remainder is >= 2^256 > b.
        if topBit || !(r < b) {
            r = r &- b
            q = q | U256.one.shiftedLeft(byBits: i)
        }
    }
    return (q, r)
}

/// Reference (x + y) mod n for x, y < n via a conditional subtraction.
func referenceAddModReduced(_ x: U256, _ y: U256, _ n: U256) -> U256 {
    let (s, c) = x.addingReportingOverflow(y)
    return (c || !(s < n)) ? s &- n : s
}

func referenceAddMod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
    if n.isZero { return .zero }
    return referenceAddModReduced(referenceDivMod(a, n).1, referenceDivMod(b, n).1, n)
}

/// Reference (a * b) mod n by double-and-add over the bits of a: no 512-bit product needed.
func referenceMulMod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
    if n.isZero { return .zero }
    let bm = referenceDivMod(b, n).1
    var r = U256.zero
    for i in stride(from: 255, through: 0, by: -1) {
        r = referenceAddModReduced(r, r, n)
        if !(a.shiftedRight(byBits: i) & .one).isZero { r = referenceAddModReduced(r, bm, n) }
    }
    return r
}
