// Entry points for the alt_bn128 precompiles 0x06 (ECADD), 0x07 (ECMUL), 0x08 (ECPAIRING)
// as specified by EIP-196 and EIP-197. Gas (EIP-1108) is the caller's business.
// Every function returns nil for invalid input and never traps.

import FieldTower

public enum BN254 {
    /// Reads `input` right-padded with zeros to `length` bytes (extra bytes ignored).
    static func padded(_ input: UnsafeRawBufferPointer, _ length: Int) -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: length)
        let n = min(input.count, length)
        for i in 0..<n { buf[i] = input[i] }
        return buf
    }

    /// 0x06: input right-padded with zeros to 128 bytes (extra bytes ignored); output 64 bytes;
    /// nil = invalid input (precompile fails, all gas consumed).
    public static func add(input: UnsafeRawBufferPointer) -> [UInt8]? {
        let buf = padded(input, 128)
        return buf.withUnsafeBytes { b -> [UInt8]? in
            guard let p = G1.decode(UnsafeRawBufferPointer(rebasing: b[0..<64])),
                  let q = G1.decode(UnsafeRawBufferPointer(rebasing: b[64..<128])) else { return nil }
            return G1.encode(p + q)
        }
    }

    /// 0x07: input right-padded to 96 bytes (point, 32-byte scalar); output 64 bytes; nil = invalid.
    public static func mul(input: UnsafeRawBufferPointer) -> [UInt8]? {
        let buf = padded(input, 96)
        return buf.withUnsafeBytes { b -> [UInt8]? in
            guard let p = G1.decode(UnsafeRawBufferPointer(rebasing: b[0..<64])) else { return nil }
            var w: [UInt64] = [0, 0, 0, 0]  // big-endian words
            for i in 0..<4 {
                var v: UInt64 = 0
                for k in 0..<8 { v = (v << 8) | UInt64(b[64 + i * 8 + k]) }
                w[i] = v
            }
            return G1.encode(p.multiplied(by: (w[3], w[2], w[1], w[0])))
        }
    }

    /// 0x08: input length must be a multiple of 192 (else nil); each pair G1 (64 bytes) then
    /// G2 (128 bytes, imaginary part first for each F_p2 coordinate: x_im, x_re, y_im, y_re);
    /// output 32 bytes, 1 if the product of pairings is one, else 0; empty input -> 1;
    /// nil = invalid.
    public static func pairingCheck(input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count % 192 == 0 else { return nil }
        let n = input.count / 192
        var g1s: [(x: Fp, y: Fp)] = []
        var g2s: [G2Affine] = []
        g1s.reserveCapacity(n)
        g2s.reserveCapacity(n)
        for i in 0..<n {
            let base = i * 192
            guard let p = G1.decode(UnsafeRawBufferPointer(rebasing: input[base..<base + 64])),
                  let q = G2.decode(UnsafeRawBufferPointer(rebasing: input[base + 64..<base + 192]))
            else { return nil }
            // Pairs with either point at infinity contribute a factor of 1.
            guard let pa = p.affineCoordinates(), let qa0 = q.affineCoordinates() else { continue }
            let qa = G2Affine(x: qa0.x, y: qa0.y)
            g1s.append((pa.x, pa.y))
            g2s.append(qa)
        }
        var out = [UInt8](repeating: 0, count: 32)
        if Pairing.productIsOne(g1s, g2s) { out[31] = 1 }
        return out
    }
}
