/// Strict hex codec for user input: errors are values, never traps.
public enum Hex {
    public enum DecodeError: Error, CustomStringConvertible, Equatable {
        case oddLength(Int)
        /// A byte of the text's UTF-8 that is not a hex digit.
        case invalidCharacter(UInt8, position: Int)
        public var description: String {
            switch self {
            case .oddLength(let n): return "hex string has an odd number of digits (\(n))"
            case .invalidCharacter(let b, let i):
                // Printable ASCII as itself; anything else (control characters, UTF-8 bytes) as a number.
                let shown = (0x21...0x7e).contains(b) ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x\(Hex.encode([b]))"
                return "invalid hex character \(shown) at position \(i)"
            }
        }
    }

    /// Decodes `0x`-prefixed or bare hex; surrounding whitespace is ignored.
    public static func decodeStrict(_ text: String) throws(DecodeError) -> [UInt8] {
        var s = Substring(text.trimmingWhitespace)
        if s.hasPrefix("0x") || s.hasPrefix("0X") { s = s.dropFirst(2) }
        let utf8 = Array(s.utf8)
        guard utf8.count % 2 == 0 else { throw .oddLength(utf8.count) }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let h = nibble(utf8[i]) else { throw .invalidCharacter(utf8[i], position: i) }
            guard let l = nibble(utf8[i + 1]) else { throw .invalidCharacter(utf8[i + 1], position: i + 1) }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    public static func decode(_ text: String) -> [UInt8]? { try? decodeStrict(text) }

    @inline(__always) static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode<C: Collection>(_ bytes: C, prefix: Bool = false) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2 + 2)
        if prefix { out.append(0x30); out.append(0x78) }
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
