import ABI
import EVM
import Primitives
import UInt256

/// A signed integer as written in a scenario: sign and magnitude.
public struct Number: CustomStringConvertible {
    public var negative: Bool
    public var magnitude: U256

    public var description: String { (negative ? "-" : "") + magnitude.description }
    /// The value as an `Int64` when it fits.
    public var int64: Int64? {
        guard magnitude.fitsInUInt64 else { return nil }
        let m = magnitude.w0
        if negative { return m <= UInt64(Int64.max) + 1 ? (m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)) : nil }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }
    public var uint64: UInt64? { !negative && magnitude.fitsInUInt64 ? magnitude.w0 : nil }
}

/// Why a text is not a number.
struct Why: Error, ExpressibleByStringInterpolation {
    let text: String
    init(stringLiteral value: String) { text = value }
}

/// Numbers as scenario files write them; each reader throws a `FieldError` naming the field.
public enum Numbers {
    /// Ether units: powers of ten.
    static let etherUnits: [String: Int] = ["wei": 0, "gwei": 9, "ether": 18, "eth": 18]
    /// Time units for `warp` and durations, in seconds.
    static let timeUnits: [String: UInt64] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hour": 3600, "hours": 3600, "d": 86_400, "day": 86_400, "days": 86_400,
        "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// Parses `123`, `-5`, `1_000`, `0x1f`, `1.5e18`, `1.5 ether`, `2 gwei`; with `time`,
    /// also `3 hours`, `1 day`. Returns nil with a reason when it is not a whole number.
    static func parse(_ raw: String, time: Bool = false) -> Result<Number, Why> {
        var t = Substring(raw.trimmingWhitespace)
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        t = Substring(t.trimmingWhitespace)
        if t.hasPrefix("0x") || t.hasPrefix("0X") {
            let digits = String(t.dropFirst(2).filter { $0 != "_" })
            guard !digits.isEmpty, digits.count <= 64, let v = U256(hex: "0x" + digits) else {
                return .failure(digits.count > 64 ? "too large for 256 bits" : "not a hex number")
            }
            return .success(Number(negative: negative && !v.isZero, magnitude: v))
        }
        // Split off a unit word.
        var unitExponent = 0
        var multiplier: UInt64 = 1
        if let space = t.lastIndex(where: { $0 == " " || $0 == "\t" }) {
            let unit = t[t.index(after: space)...].lowercased()
            t = Substring(t[..<space].trimmingWhitespace)
            if let e = etherUnits[unit] { unitExponent = e }
            else if time, let m = timeUnits[unit] { multiplier = m }
            else {
                let known = time ? "s, m, h, d, w, seconds, minutes, hours, days, weeks" : "wei, gwei, ether"
                return .failure("unknown unit '\(unit)' (known: \(known))")
            }
        } else if time, let last = t.last, last.isLetter {
            // "90s", "2h", "1d"
            let digitsEnd = t.lastIndex { !$0.isLetter }.map { t.index(after: $0) } ?? t.startIndex
            let unit = t[digitsEnd...].lowercased()
            guard let m = timeUnits[unit] else { return .failure("unknown unit '\(unit)'") }
            multiplier = m
            t = t[..<digitsEnd]
        }
        // mantissa [e exponent]
        var exponent = 0
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            // A range check, not abs(x) <= 100: abs(Int.min) traps.
            let expText = t[t.index(after: e)...]
            guard let x = Int(expText), (-100...100).contains(x) else { return .failure("bad exponent '\(expText)'") }
            exponent = x
            t = t[..<e]
        }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = parts[0].filter { $0 != "_" }
        let fracPart = parts.count > 1 ? parts[1].filter { $0 != "_" } : ""
        guard !(intPart.isEmpty && fracPart.isEmpty),
              (intPart + fracPart).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure("not a number")
        }
        var digits = intPart + fracPart
        let shift = exponent + unitExponent - fracPart.count
        if shift >= 0 {
            guard shift <= 80 else { return .failure("too large for 256 bits") }
            digits += String(repeating: "0", count: shift)
        } else {
            let drop = -shift
            let tail = digits.suffix(drop)
            guard tail.allSatisfy({ $0 == "0" }) else {
                return .failure(Why(stringLiteral: "not a whole number" + (unitExponent > 0 ? " of wei" : "")))
            }
            digits = String(digits.dropLast(min(drop, digits.count)))
        }
        let trimmed = String(digits.drop { $0 == "0" })
        guard trimmed.count <= 78, let v = U256(decimal: trimmed.isEmpty ? "0" : trimmed) else {
            return .failure("too large for 256 bits")
        }
        var value = v
        if multiplier != 1 {
            let (low, high) = v.multipliedFullWidth(by: multiplier)
            guard high == 0 else { return .failure("too large for 256 bits") }
            value = low
        }
        return .success(Number(negative: negative && !value.isZero, magnitude: value))
    }

    public static func number(_ doc: Doc, path: String, time: Bool = false) throws -> Number {
        guard case .scalar(let s, _, _) = doc, !doc.isNull else {
            throw FieldError(path: path, line: doc.line, message: "expected a number, got \(doc.kindDescription)")
        }
        switch parse(s, time: time) {
        case .success(let n): return n
        case .failure(let why): throw FieldError(path: path, line: doc.line, message: "bad number \"\(s)\": \(why.text)")
        }
    }

    public static func unsigned(_ doc: Doc, path: String, what: String = "a non-negative number") throws -> U256 {
        let n = try number(doc, path: path)
        guard !n.negative else { throw FieldError(path: path, line: doc.line, message: "expected \(what), got \(n)") }
        return n.magnitude
    }

    public static func uint64(_ doc: Doc, path: String, time: Bool = false) throws -> UInt64 {
        let n = try number(doc, path: path, time: time)
        guard let v = n.uint64 else {
            throw FieldError(path: path, line: doc.line, message: "\(n) is out of range (0 to \(UInt64.max))")
        }
        return v
    }

    public static func int64(_ doc: Doc, path: String) throws -> Int64 {
        let n = try number(doc, path: path)
        guard let v = n.int64 else {
            throw FieldError(path: path, line: doc.line, message: "\(n) is out of range (\(Int64.min) to \(Int64.max))")
        }
        return v
    }

    public static func smallInt(_ doc: Doc, path: String, range: ClosedRange<Int>) throws -> Int {
        let n = try number(doc, path: path)
        guard let v = n.int64, v >= Int64(range.lowerBound), v <= Int64(range.upperBound) else {
            throw FieldError(path: path, line: doc.line, message: "\(n) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return Int(v)
    }

    public static func bool(_ doc: Doc, path: String) throws -> Bool {
        if case .scalar(let s, _, _) = doc {
            switch s.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        throw FieldError(path: path, line: doc.line, message: "expected true or false, got \(doc.kindDescription)")
    }
}

/// Resolves names used where an address is expected: accounts and contracts of the scenario.
public protocol AddressBook {
    func address(named: String) -> Address?
    var addressNames: [String] { get }
}

public enum Convert {
    /// A scenario value as an ABI value of `type` (see the README for what each type accepts).
    public static func abi(_ doc: Doc, _ type: ABIType, path: String, book: AddressBook) throws -> ABIValue {
        func fail(_ m: String) -> FieldError { FieldError(path: path, line: doc.line, message: m) }
        switch type {
        case .uint, .int:
            let n = try Numbers.number(doc, path: path)
            do { return try ABIValue.from(n.description, as: type) } catch {
                throw fail("\(n) does not fit \(type)")
            }
        case .address:
            guard case .scalar(let s, _, _) = doc, !doc.isNull else { throw fail("expected an address (account or contract name, or 0x + 40 hex digits), got \(doc.kindDescription)") }
            return .address(try address(s, path: path, line: doc.line, book: book))
        case .bool:
            return .bool(try Numbers.bool(doc, path: path))
        case .string:
            guard case .scalar(let s, _, _) = doc, !doc.isNull else { throw fail("expected a string, got \(doc.kindDescription)") }
            return .string(s)
        case .bytes, .fixedBytes:
            guard case .scalar(let s, _, _) = doc, !doc.isNull else { throw fail("expected 0x-prefixed hex for \(type), got \(doc.kindDescription)") }
            if case .fixedBytes(32) = type, !(s.hasPrefix("0x") || s.hasPrefix("0X")) {
                let n = try Numbers.number(doc, path: path)
                guard !n.negative else { throw fail("expected a non-negative number or hex for bytes32, got \(n)") }
                return .fixedBytes(n.magnitude.bigEndianBytes)
            }
            let bytes: [UInt8]
            do { bytes = try ABI.hex(s) } catch { throw fail("expected 0x-prefixed hex for \(type), got \"\(s)\"") }
            if case .fixedBytes(let m) = type {
                guard bytes.count == m else { throw fail("expected \(m) bytes for \(type), got \(bytes.count)") }
                return .fixedBytes(bytes)
            }
            return .bytes(bytes)
        case .array(let element, let k):
            let items = try list(doc, path: path, type: type)
            guard items.count == k else { throw fail("expected \(k) elements for \(type), got \(items.count)") }
            return .array(try items.enumerated().map { try abi($1, element, path: "\(path)[\($0)]", book: book) })
        case .dynamicArray(let element):
            let items = try list(doc, path: path, type: type)
            return .array(try items.enumerated().map { try abi($1, element, path: "\(path)[\($0)]", book: book) })
        case .tuple(let types):
            let items = try list(doc, path: path, type: type)
            guard items.count == types.count else { throw fail("expected \(types.count) elements for \(type), got \(items.count)") }
            return .tuple(try zip(items, types).enumerated().map { try abi($1.0, $1.1, path: "\(path)[\($0)]", book: book) })
        }
    }

    static func list(_ doc: Doc, path: String, type: ABIType) throws -> [Doc] {
        guard case .list(let items, _) = doc else {
            throw FieldError(path: path, line: doc.line, message: "expected a list for \(type), got \(doc.kindDescription)")
        }
        return items
    }

    public static func address(_ s: String, path: String, line: Int?, book: AddressBook) throws -> Address {
        if let a = book.address(named: s) { return a }
        if s.hasPrefix("0x") || s.hasPrefix("0X") {
            guard s.count == 42, let a = Address(hex: s) else {
                throw FieldError(path: path, line: line, message: "bad address \"\(s)\" (0x + 40 hex digits)")
            }
            return a
        }
        let names = book.addressNames
        throw FieldError(path: path, line: line, message: "unknown account or contract '\(s)'"
                         + (names.isEmpty ? "" : " (known: \(names.joined(separator: ", ")))"))
    }

    /// Arguments of a function or constructor.
    public static func arguments(_ docs: [Doc], for inputs: [ABIParameter], signature: String, path: String,
                          line: Int?, book: AddressBook) throws -> [ABIValue] {
        guard docs.count == inputs.count else {
            throw FieldError(path: path, line: line,
                             message: "\(signature) takes \(inputs.count) argument(s), got \(docs.count)")
        }
        return try zip(docs, inputs).enumerated().map { i, pair in
            try abi(pair.0, pair.1.type, path: "\(path)[\(i)]", book: book)
        }
    }
}
