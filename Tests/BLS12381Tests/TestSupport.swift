@testable import BLS12381
import FieldTower

/// Hex → bytes (accepts an optional 0x prefix); nil on odd length or a non-hex digit.
func bytes(_ hex: String) -> [UInt8]? {
    var s = Substring(hex)
    if s.hasPrefix("0x") { s = s.dropFirst(2) }
    guard s.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(s.count / 2)
    var it = s.makeIterator()
    while let h = it.next(), let l = it.next() {
        guard let hv = h.hexDigitValue, let lv = l.hexDigitValue else { return nil }
        out.append(UInt8(hv * 16 + lv))
    }
    return out
}

func hex(_ b: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var s = ""
    for x in b { s.append(digits[Int(x >> 4)]); s.append(digits[Int(x & 15)]) }
    return s
}

/// Deterministic pseudo-random field elements for algebraic identity checks (xorshift).
struct TestRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func fp() -> Fp {
        // Top limb masked below p's top limb, so the raw value is < p; then enter Montgomery form.
        let raw = Fp(next(), next(), next(), next(), next(), next() & 0x0fff_ffff_ffff_ffff)
        return raw * Fp.r2
    }
    mutating func fp2() -> Fp2 { return Fp2(fp(), fp()) }
    mutating func fp6() -> Fp6 { return Fp6(fp2(), fp2(), fp2()) }
    mutating func fp12() -> Fp12 { return Fp12(fp6(), fp6()) }
    mutating func scalar() -> Scalar { return Scalar(next(), next(), next(), next() & 0x3fff_ffff_ffff_ffff) }
}

import Testing

struct BadHex: Error {}

/// Hex → bytes, throwing on malformed hex (for test vectors).
func hexBytes(_ hex: String) throws -> [UInt8] {
    guard let b = bytes(hex) else { throw BadHex() }
    return b
}
