@testable import BN254
import FieldTower

func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.count / 2)
    var it = s.utf8.makeIterator()
    func nib(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return 0
        }
    }
    while let a = it.next(), let b = it.next() { out.append(nib(a) << 4 | nib(b)) }
    return out
}

func hexString(_ b: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var s = ""
    for x in b { s.append(digits[Int(x >> 4)]); s.append(digits[Int(x & 15)]) }
    return s
}

func runAdd(_ hex: String) -> [UInt8]? { hexBytes(hex).withUnsafeBytes { BN254.add(input: $0) } }
func runMul(_ hex: String) -> [UInt8]? { hexBytes(hex).withUnsafeBytes { BN254.mul(input: $0) } }
func runPairing(_ hex: String) -> [UInt8]? { hexBytes(hex).withUnsafeBytes { BN254.pairingCheck(input: $0) } }
func runPairing(_ bytes: [UInt8]) -> [UInt8]? { bytes.withUnsafeBytes { BN254.pairingCheck(input: $0) } }

/// 32-byte big-endian encoding of a small integer.
func word(_ v: UInt64) -> String {
    String(repeating: "0", count: 48) + {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }()
}

/// Deterministic pseudo-random 256-bit scalars (splitmix64).
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// r - 1 and other scalars as limb tuples.
let rMinus1: (UInt64, UInt64, UInt64, UInt64) =
    (groupOrderR.0 - 1, groupOrderR.1, groupOrderR.2, groupOrderR.3)
