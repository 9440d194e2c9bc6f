import ABI
import Harness
import Primitives
import Scenario
import UInt256

/// A property checked after every call: a comparison of view calls and integers
/// (`token.totalSupply() <= token.reserves()`), or a view call returning bool that must
/// return true (`token.echidna_supply()`, the Echidna/Foundry invariant functions).
///
/// Grammar (README, "Fuzzing contracts"):
///     property   := sum [op sum]            op: <= >= < > == !=
///     sum        := term {(+|-) term}
///     term       := integer | contract.function(arg, …)
///     arg        := integer | account or contract name | 0x-address | true | false
/// Integers: decimal or 0x hex, `_` allowed, a leading `-`. Sums are exact (no wrap-around);
/// one past 2^256 breaks the property with "overflow".
public struct Property {
    public let text: String
    let lhs: Expr
    let op: String?
    let rhs: Expr?
    /// Selector of every function called, hashed once.
    private var selectors: [String: [UInt8]] = [:]

    indirect enum Expr {
        case literal(Signed)
        case call(Bound, ABIFunction, [ABIValue])
        case sum(Expr, Bool, Expr)   // true: +, false: -
    }

    /// Reads `text`, resolving names and functions against `scope`. Throws `FieldError` at `path`.
    public init(_ text: String, scope: Scope, path: String, line: Int?) throws {
        self.text = text
        var p = Parser(tokens: try Parser.tokenize(text, path: path, line: line), scope: scope, path: path, line: line)
        lhs = try p.sum()
        if let t = p.peek, ["<=", ">=", "<", ">", "==", "!="].contains(t) {
            p.i += 1
            op = t
            rhs = try p.sum()
        } else {
            op = nil
            rhs = nil
            guard case .call(_, let f, _) = lhs, f.outputTypes == [.bool] else {
                throw FieldError(path: path, line: line, message: "'\(text)': a property is a comparison or a call of a function returning bool")
            }
        }
        if let t = p.peek { throw FieldError(path: path, line: line, message: "'\(text)': unexpected '\(t)'") }
        hashSelectors()
    }

    private mutating func hashSelectors() {
        for (_, f) in calls { selectors[f.signature] = f.selector }
    }

    /// The property as a call of an invariant function (no arguments, returns bool).
    public init(invariant f: ABIFunction, of b: Bound) {
        text = "\(b.name).\(f.name)()"
        lhs = .call(b, f, [])
        op = nil
        rhs = nil
        hashSelectors()
    }

    /// nil when the property holds, else why not (values shown).
    public func violation(in context: ScenarioContext) -> String? {
        do {
            let l = try evaluate(lhs, context)
            guard let op, let rhs else {
                return l.value == .bool(true) ? nil : "returned \(l.shown)"
            }
            let r = try evaluate(rhs, context)
            guard let a = l.number, let b = r.number else { return "not comparable: \(l.shown) \(op) \(r.shown)" }
            let c = a.compare(b)
            let holds: Bool
            switch op {
            case "<=": holds = c <= 0
            case ">=": holds = c >= 0
            case "<": holds = c < 0
            case ">": holds = c > 0
            case "==": holds = c == 0
            default: holds = c != 0
            }
            return holds ? nil : "\(l.shown) \(op) \(r.shown) is false"
        } catch {
            return "\(error)"
        }
    }

    struct Evaluated {
        var value: ABIValue?
        var number: Signed?
        var shown: String { number?.description ?? value.map { "\($0)" } ?? "?" }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private func evaluate(_ e: Expr, _ context: ScenarioContext) throws -> Evaluated {
        switch e {
        case .literal(let s): return Evaluated(value: nil, number: s)
        case .call(let b, let f, let args):
            // Raw call data and our own decoding: the harness's by-name path looks the function
            // up and hashes its selector on every call (measured: most of a property's cost).
            let data = (selectors[f.signature] ?? f.selector) + (try ABI.encode(args.map(context.live), as: f.inputTypes))
            let out = try context.chain.call(to: context.live(b.address), data: data)
            guard out.succeeded else { throw Failure(description: "\(b.name).\(f.name) reverted" + (out.revertReason.map { ": \($0)" } ?? "")) }
            guard let v = try? f.decodeOutput(out.output).first else { throw Failure(description: "\(b.name).\(f.name) returned nothing") }
            switch v {
            case .uint(let w): return Evaluated(value: v, number: Signed(negative: false, magnitude: w))
            case .int(let w): return Evaluated(value: v, number: w.isNegative ? Signed(negative: true, magnitude: w.negated) : Signed(negative: false, magnitude: w))
            default: return Evaluated(value: v, number: nil)
            }
        case .sum(let a, let plus, let b):
            guard let x = try evaluate(a, context).number, let y = try evaluate(b, context).number else {
                throw Failure(description: "only integers add up")
            }
            guard let s = x.adding(plus ? y : y.flipped) else { throw Failure(description: "overflow") }
            return Evaluated(value: nil, number: s)
        }
    }

    /// Every bound contract's view call in the property (for the dictionary and the report).
    var calls: [(Bound, ABIFunction)] {
        func walk(_ e: Expr?) -> [(Bound, ABIFunction)] {
            switch e {
            case .call(let b, let f, _)?: return [(b, f)]
            case .sum(let a, _, let b)?: return walk(a) + walk(b)
            default: return []
            }
        }
        return walk(lhs) + walk(rhs)
    }
}

/// An integer of 257 bits: sign and magnitude.
struct Signed: CustomStringConvertible {
    var negative: Bool
    var magnitude: U256
    var description: String { (negative && !magnitude.isZero ? "-" : "") + magnitude.description }
    var flipped: Signed { Signed(negative: !negative, magnitude: magnitude) }

    func compare(_ o: Signed) -> Int {
        let a = magnitude.isZero ? false : negative, b = o.magnitude.isZero ? false : o.negative
        if a != b { return a ? -1 : 1 }
        let c = magnitude == o.magnitude ? 0 : (magnitude < o.magnitude ? -1 : 1)
        return a ? -c : c
    }

    func adding(_ o: Signed) -> Signed? {
        if negative == o.negative {
            let s = magnitude &+ o.magnitude
            if s < magnitude { return nil }
            return Signed(negative: negative, magnitude: s)
        }
        return magnitude >= o.magnitude ? Signed(negative: negative, magnitude: magnitude &- o.magnitude)
                                        : Signed(negative: o.negative, magnitude: o.magnitude &- magnitude)
    }
}

private struct Parser {
    var tokens: [String]
    let scope: Scope
    let path: String
    let line: Int?
    var i = 0

    init(tokens: [String], scope: Scope, path: String, line: Int?) {
        self.tokens = tokens; self.scope = scope; self.path = path; self.line = line
    }

    var peek: String? { i < tokens.count ? tokens[i] : nil }
    func fail(_ m: String) -> FieldError { FieldError(path: path, line: line, message: m) }

    mutating func take() throws -> String {
        guard let t = peek else { throw fail("the property ends too early") }
        i += 1
        return t
    }

    static func tokenize(_ s: String, path: String, line: Int?) throws -> [String] {
        var out: [String] = []
        let chars = Array(s)
        var j = 0
        while j < chars.count {
            let c = chars[j]
            if c == " " || c == "\t" { j += 1; continue }
            if "(),+-".contains(c) { out.append(String(c)); j += 1; continue }
            if "<>=!".contains(c) {
                if j + 1 < chars.count, chars[j + 1] == "=" { out.append(String(c) + "="); j += 2; continue }
                guard c != "=" && c != "!" else { throw FieldError(path: path, line: line, message: "'\(s)': '\(c)' must be '\(c)='") }
                out.append(String(c)); j += 1; continue
            }
            guard c.isLetter || c.isNumber || c == "_" || c == "." else {
                throw FieldError(path: path, line: line, message: "'\(s)': unexpected character '\(c)'")
            }
            var w = ""
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { w.append(chars[j]); j += 1 }
            out.append(w)
        }
        if out.isEmpty { throw FieldError(path: path, line: line, message: "an empty property") }
        return out
    }

    mutating func sum() throws -> Property.Expr {
        var e = try term()
        while let t = peek, t == "+" || t == "-" {
            i += 1
            e = .sum(e, t == "+", try term())
        }
        return e
    }

    mutating func term() throws -> Property.Expr {
        var t = try take()
        var negative = false
        if t == "-" { negative = true; t = try take() }
        if let n = Self.integer(t) { return .literal(Signed(negative: negative, magnitude: n)) }
        guard !negative else { throw fail("'-' goes before an integer, not '\(t)'") }
        guard t.contains(".") else { throw fail("expected an integer or contract.function(…), got '\(t)'") }
        guard try take() == "(" else { throw fail("expected '(' after \(t)") }
        var args: [Doc] = []
        if peek == ")" { i += 1 } else {
            while true {
                var a = try take()
                if a == "-" { a = "-" + (try take()) }
                args.append(.scalar(a, plain: true, line: line))
                let sep = try take()
                if sep == ")" { break }
                guard sep == "," else { throw fail("expected ',' or ')' in the arguments of \(t), got '\(sep)'") }
            }
        }
        let (b, f) = try scope.target(t, path: path, line: line, argumentCount: args.count)
        guard f.isReadOnly else { throw fail("\(t) is not a view function (a property only reads)") }
        guard f.outputs.count >= 1 else { throw fail("\(t) returns nothing") }
        let values = try zip(args, f.inputs).map { try Convert.abi($0, $1.type, path: path, book: scope) }
        return .call(b, f, values)
    }

    static func integer(_ t: String) -> U256? {
        let s = t.replacingOccurrences(of: "_", with: "")
        guard let c = s.first, c.isNumber else { return nil }
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return s.count <= 66 ? U256(hex: s) : nil }
        return U256(decimal: s)
    }
}
