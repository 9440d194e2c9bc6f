import EVM
import ABI
import Primitives
import UInt256
import EVMCrypto

/// What `expectRevert` accepts.
public enum RevertExpectation: CustomStringConvertible {
    /// Any failure (revert or exceptional halt).
    case any
    /// `Error(string)` with this message, or a custom error with this name or signature.
    case reason(String)
    /// A custom error with this name (or signature), and these arguments when given.
    case customError(String, arguments: [Any]?)
    case panic(UInt64)
    /// Exactly this revert data.
    case data([UInt8])

    public var description: String {
        switch self {
        case .any: return "any revert"
        case .reason(let s): return "revert \"\(s)\""
        case .customError(let n, let a): return "custom error \(n)" + (a.map { "(\($0.map { "\($0)" }.joined(separator: ", ")))" } ?? "")
        case .panic(let c): return "Panic(0x\(String(c, radix: 16))): \(RevertReason.panicMeaning(U256(c)))"
        case .data(let d): return "revert data \(Hex.encode(d, prefix: true))"
        }
    }
}

/// One `expectEmit`.
struct EmitExpectation {
    var event: String
    var fields: [String: Any]
    var emitter: Address?
    /// Where `expectEmit` was called (named in the failure, which points at the checked call).
    var site: CallSite
}

/// One `expectRevert`, and where it was called.
struct PendingRevert {
    var expectation: RevertExpectation
    var site: CallSite
}

extension Chain {
    // A failed expectation is thrown by the next call, with that call's location; the message
    // names the line of the `expect…` too.

    /// The next call must fail (revert or exceptional halt).
    public func expectRevert(fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingRevert = PendingRevert(expectation: .any, site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }
    /// The next call must revert with `Error(reasonOrError)` or a custom error of that name/signature.
    public func expectRevert(_ reasonOrErrorName: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingRevert = PendingRevert(expectation: .reason(reasonOrErrorName), site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }
    public func expectRevert(panic code: UInt64, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingRevert = PendingRevert(expectation: .panic(code), site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }
    public func expectRevert(error name: String, _ arguments: Any..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingRevert = PendingRevert(expectation: .customError(name, arguments: arguments), site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }
    public func expectRevert(_ expectation: RevertExpectation, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingRevert = PendingRevert(expectation: expectation, site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    /// The next call must emit `event` (name or signature) with these field values, in the
    /// order of successive `expectEmit`s; fields not given are not checked. Values are Swift
    /// values converted to the field's type. For indexed strings/bytes the hash is compared.
    public func expectEmit(_ event: String, _ fields: [String: Any] = [:], from emitter: AddressConvertible? = nil,
                           fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        pendingEmits.append(EmitExpectation(event: event, fields: fields, emitter: emitter?.asAddress, site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column)))
    }

    func check(_ pending: PendingRevert, against o: CallOutcome) throws {
        let e = pending.expectation
        let what = o.function.map { $0.name.isEmpty ? "constructor" : $0.signature } ?? "call"
        let at = " (expectRevert at \(pending.site.fileID):\(pending.site.line))"
        guard !o.succeeded else { throw HarnessError.expectationFailed("expected \(e), but \(what) succeeded" + at) }
        let reason = o.revertReason ?? .empty
        func fail() -> HarnessError { .expectationFailed("expected \(e), but \(what) failed with \(reason) (\(o.status))" + at) }
        switch e {
        case .any: return
        case .data(let d): guard o.output == d else { throw fail() }
        case .panic(let c): guard reason == .panic(code: U256(c)) else { throw fail() }
        case .reason(let s):
            switch reason {
            case .error(let m) where m == s: return
            case .custom(let n, let sig, _) where n == s || sig == s: return
            default: throw fail()
            }
        case .customError(let name, let args):
            guard case .custom(let n, let sig, let values) = reason, n == name || sig == name else { throw fail() }
            guard let args else { return }
            guard args.count == values.count else { throw fail() }
            for (a, v) in zip(args, values) {
                guard let expected = try? ABIValue.from(normalizeArgument(a), as: ABIChecks.type(of: v)), expected == v else { throw fail() }
            }
        }
    }

    func check(_ expectations: [EmitExpectation], against o: CallOutcome) throws {
        var next = 0
        for exp in expectations {
            var found = false
            while next < o.events.count {
                let ev = o.events[next]
                next += 1
                if try matches(ev, exp) { found = true; break }
            }
            if !found {
                let seen = o.events.isEmpty ? "no events" : o.events.map(\.description).joined(separator: "; ")
                let fields = exp.fields.keys.sorted().map { "\($0): \(exp.fields[$0]!)" }.joined(separator: ", ")  // safe: key from keys
                throw HarnessError.expectationFailed("expected event \(exp.event)(\(fields)) not emitted (in order); emitted: \(seen)"
                    + " (expectEmit at \(exp.site.fileID):\(exp.site.line))")
            }
        }
    }

    func matches(_ ev: DecodedEvent, _ exp: EmitExpectation) throws -> Bool {
        guard ev.name == exp.event || ev.signature == exp.event else { return false }
        if let emitter = exp.emitter, ev.address != emitter { return false }
        guard let def = known[ev.address]?.abi.events.first(where: { $0.signature == ev.signature })
            ?? known.values.lazy.compactMap({ $0.abi.events.first { $0.signature == ev.signature } }).first else { return false }
        for (field, given) in exp.fields {
            guard let i = def.inputs.firstIndex(where: { $0.name == field }) else {
                throw HarnessError.expectationFailed("event \(def.signature) has no field '\(field)' (fields: \(def.inputs.map(\.name).joined(separator: ", ")))")
            }
            let p = def.inputs[i]
            let actual = ev.values[i]
            let given = normalizeArgument(given)
            if p.indexed && !ABIChecks.isValueTopic(p.type) {
                // Hashed topic: compare keccak256 of the given string or bytes (or the hash itself).
                var b: [UInt8]? = (given as? String).map { Array($0.utf8) } ?? (given as? [UInt8])
                if case .string = p.type {} else if let s = given as? String, let h = try? ABI.hex(s) { b = h }
                guard let b else { return false }
                if actual != .fixedBytes(Keccak256.hash(b)) && actual != .fixedBytes(b) { return false }
                continue
            }
            guard let expected = try? ABIValue.from(given, as: p.type) else {
                throw HarnessError.expectationFailed("value \(given) for field '\(field)' does not fit \(p.type)")
            }
            if expected != actual { return false }
        }
        return true
    }
}

/// Small helpers over ABI types used by the expectations.
enum ABIChecks {
    static func isValueTopic(_ t: ABIType) -> Bool {
        switch t {
        case .uint, .int, .address, .bool, .fixedBytes: return true
        default: return false
        }
    }

    /// A type that accepts a decoded value, for comparing Swift arguments against it.
    static func type(of v: ABIValue) -> ABIType {
        switch v {
        case .uint: return .uint(256)
        case .int: return .int(256)
        case .address: return .address
        case .bool: return .bool
        case .fixedBytes(let b): return .fixedBytes(max(1, min(32, b.count)))
        case .bytes: return .bytes
        case .string: return .string
        case .array(let e): return .dynamicArray(e.first.map(type(of:)) ?? .uint(256))
        case .tuple(let e): return .tuple(e.map(type(of:)))
        }
    }
}
