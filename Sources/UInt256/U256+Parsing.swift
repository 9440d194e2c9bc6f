// Text forms: hex and decimal parsing (nil on malformed input, never a trap) and printing.
// Not on the interpreter's hot path; written for clarity.

extension U256 {
    /// Parses an optional "0x"/"0X" prefix followed by 1...64 hex digits (odd counts allowed).
    public init?(hex: String) {
        var utf8 = Substring(hex).utf8[...]
        if utf8.count >= 2, utf8.first == UInt8(ascii: "0"),
           let x = utf8.dropFirst().first, x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            utf8 = utf8.dropFirst(2)
        }
        guard !utf8.isEmpty, utf8.count <= 64 else { return nil }
        var r = U256.zero
        for c in utf8 {
            guard let d = U256.hexDigitValue(c) else { return nil }
            r = r.shiftedLeft(byBits: 4)
            r.w0 |= UInt64(d)
        }
        self = r
    }

    @usableFromInline
    static func hexDigitValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// Parses one or more ASCII decimal digits; nil if malformed or >= 2^256.
    public init?(decimal: String) {
        let utf8 = decimal.utf8
        guard !utf8.isEmpty else { return nil }
        var r = U256.zero
        let ten = U256(10)
        for c in utf8 {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            // r * 10 overflows exactly when r > (2^256 - 1) / 10.
            let limit = U256(w0: 0x9999_9999_9999_9999, w1: 0x9999_9999_9999_9999,
                             w2: 0x9999_9999_9999_9999, w3: 0x1999_9999_9999_9999)
            if limit < r { return nil }
            let (s, ov) = (r &* ten).addingReportingOverflow(U256(UInt64(c &- UInt8(ascii: "0"))))
            if ov { return nil }
            r = s
        }
        self = r
    }

    /// "0x" followed by minimal lowercase hex; zero is "0x0".
    public var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(66)
        appendHexString(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `hexString`'s UTF-8 to `out`, limb by limb without 256-bit shifts: the EIP-3155
    /// tracer writes every stack item of every step this way.
    public func appendHexString(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "x"))
        if isZero { out.append(UInt8(ascii: "0")); return }
        var started = false
        for limb in [w3, w2, w1, w0] {
            var shift: UInt64 = 64
            while shift > 0 {
                shift -= 4
                let d = UInt8(truncatingIfNeeded: (limb &>> shift) & 0xf)
                if !started && d == 0 { continue }
                started = true
                out.append(d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") - 10 + d)
            }
        }
    }

    /// Decimal digits.
    public var description: String {
        if fitsInUInt64 { return String(w0) }
        // Peel off 19 decimal digits at a time (10^19 is the largest power of ten in a limb).
        var chunks: [UInt64] = []
        var v = self
        let base: UInt64 = 10_000_000_000_000_000_000
        while !v.isZero {
            let (q, r) = U256.Native.divMod(v, U256(base))
            chunks.append(r.w0)
            v = q
        }
        var s = String(chunks.last ?? 0)
        for c in chunks.dropLast().reversed() {
            let part = String(c)
            s += String(repeating: "0", count: 19 - part.count) + part
        }
        return s
    }
}
