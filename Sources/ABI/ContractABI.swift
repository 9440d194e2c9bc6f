import UInt256

/// One input or output of a JSON ABI entry. `internalType` is ignored.
public struct ABIParameter: Hashable, Sendable {
    public var name: String
    public var type: ABIType
    /// Events only.
    public var indexed: Bool
    /// Names of tuple components (nested), for display; the types are in `type`.
    public var components: [ABIParameter]

    public init(name: String = "", type: ABIType, indexed: Bool = false, components: [ABIParameter] = []) {
        self.name = name
        self.type = type
        self.indexed = indexed
        self.components = components
    }

    init(json: JSONValue, context: String) throws {
        guard case .object(let o) = json else { throw ABIError.invalidJSON("\(context): parameter is not an object") }
        guard let typeText = o["type"]?.string else { throw ABIError.invalidJSON("\(context): parameter without 'type'") }
        var comps: [ABIParameter] = []
        if let c = o["components"] {
            guard let list = c.array else { throw ABIError.invalidJSON("\(context): 'components' is not an array") }
            comps = try list.map { try ABIParameter(json: $0, context: context) }
        }
        self.name = o["name"]?.string ?? ""
        self.type = try ABIType.fromJSON(type: typeText, components: o["components"] == nil ? nil : comps.map(\.type))
        self.indexed = o["indexed"]?.bool ?? false
        self.components = comps
    }
}

/// A function (or the constructor, whose name is empty) of a JSON ABI.
public struct ABIFunction: Hashable, Sendable, CustomStringConvertible {
    public var name: String { didSet { selector = Self.selector(name, inputs) } }
    public var inputs: [ABIParameter] { didSet { selector = Self.selector(name, inputs) } }
    public var outputs: [ABIParameter]
    /// `pure`, `view`, `nonpayable` or `payable`.
    public var stateMutability: String
    /// Hashed once, not per call: decoding calls and reverts looks selectors up in loops (the fuzzer's
    /// hot path spent a quarter of its time hashing them).
    public private(set) var selector: [UInt8]

    public init(name: String, inputs: [ABIParameter], outputs: [ABIParameter] = [], stateMutability: String = "nonpayable") {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.stateMutability = stateMutability
        selector = Self.selector(name, inputs)
    }

    static func selector(_ name: String, _ inputs: [ABIParameter]) -> [UInt8] {
        FunctionSignature(name: name, inputs: inputs.map(\.type)).selector
    }

    /// From a human-readable signature, e.g. `balanceOf(address)(uint256)`.
    public init(signature: String) throws {
        let s = try FunctionSignature(signature)
        self.init(name: s.name, inputs: s.inputs.map { ABIParameter(type: $0) }, outputs: s.outputs.map { ABIParameter(type: $0) })
    }

    public var inputTypes: [ABIType] { inputs.map(\.type) }
    public var outputTypes: [ABIType] { outputs.map(\.type) }
    public var signature: String { name + "(" + inputTypes.map(\.description).joined(separator: ",") + ")" }
    public var description: String { signature }
    public var isReadOnly: Bool { stateMutability == "view" || stateMutability == "pure" }

    /// Selector followed by the encoded arguments (just the arguments for a constructor).
    public func encodeCall(_ values: [ABIValue]) throws -> [UInt8] {
        guard values.count == inputs.count else {
            throw ABIError.wrongArgumentCount(function: name.isEmpty ? "constructor" : signature, expected: inputs.count, got: values.count)
        }
        let checked = try zip(values, inputs).map { try $0.checked(as: $1.type) }
        let args = try ABI.encode(checked, as: inputTypes)
        return name.isEmpty ? args : selector + args
    }

    /// Swift values converted per `ABIValue.from(_:as:)`.
    public func encodeCall(arguments: [Any]) throws -> [UInt8] {
        guard arguments.count == inputs.count else {
            throw ABIError.wrongArgumentCount(function: name.isEmpty ? "constructor" : signature, expected: inputs.count, got: arguments.count)
        }
        var values: [ABIValue] = []
        for (i, (a, p)) in zip(arguments, inputs).enumerated() {
            do { values.append(try ABIValue.from(a, as: p.type)) } catch let e as ABIError {
                let label = p.name.isEmpty ? "argument \(i)" : "argument \(i) '\(p.name)'"
                throw ABIError.typeMismatch(expected: "\(label) of \(name.isEmpty ? "constructor" : signature)", got: e.description)
            }
        }
        return try encodeCall(values)
    }

    public func decodeOutput(_ data: [UInt8]) throws -> [ABIValue] { try ABI.decode(data, as: outputTypes) }

    /// Decodes call data (with the selector) addressed to this function.
    public func decodeInput(_ callData: [UInt8]) throws -> [ABIValue] {
        guard callData.count >= 4, Array(callData.prefix(4)) == selector else {
            throw ABIError.typeMismatch(expected: "call data for \(signature)", got: "another selector")
        }
        return try ABI.decode(Array(callData.dropFirst(4)), as: inputTypes)
    }
}

/// An event of a JSON ABI.
public struct ABIEvent: Hashable, Sendable, CustomStringConvertible {
    public var name: String { didSet { topic = Self.topic(name, inputs) } }
    public var inputs: [ABIParameter] { didSet { topic = Self.topic(name, inputs) } }
    public var anonymous: Bool
    /// topic0 (for non-anonymous events), hashed once.
    public private(set) var topic: U256

    public init(name: String, inputs: [ABIParameter], anonymous: Bool = false) {
        self.name = name
        self.inputs = inputs
        self.anonymous = anonymous
        topic = Self.topic(name, inputs)
    }

    static func topic(_ name: String, _ inputs: [ABIParameter]) -> U256 {
        FunctionSignature(name: name, inputs: inputs.map(\.type)).topic
    }

    public var signature: String { name + "(" + inputs.map(\.type.description).joined(separator: ",") + ")" }
    public var description: String { signature }
}

/// A custom error (`error Unauthorized(address caller)`) of a JSON ABI.
public struct ABIErrorDefinition: Hashable, Sendable, CustomStringConvertible {
    public var name: String { didSet { selector = ABIFunction.selector(name, inputs) } }
    public var inputs: [ABIParameter] { didSet { selector = ABIFunction.selector(name, inputs) } }
    /// Hashed once (every revert looks its error up by selector).
    public private(set) var selector: [UInt8]
    public init(name: String, inputs: [ABIParameter]) { self.name = name; self.inputs = inputs; selector = ABIFunction.selector(name, inputs) }
    public var signature: String { name + "(" + inputs.map(\.type.description).joined(separator: ",") + ")" }
    public var description: String { signature }
}

/// A contract's JSON ABI: functions (overloads kept), constructor, events, errors.
public struct ContractABI: Hashable, Sendable {
    public var functions: [ABIFunction]
    public var constructor: ABIFunction?
    public var events: [ABIEvent]
    public var errors: [ABIErrorDefinition]
    public var hasFallback: Bool
    public var hasReceive: Bool

    public init(functions: [ABIFunction] = [], constructor: ABIFunction? = nil, events: [ABIEvent] = [],
                errors: [ABIErrorDefinition] = [], hasFallback: Bool = false, hasReceive: Bool = false) {
        self.functions = functions
        self.constructor = constructor
        self.events = events
        self.errors = errors
        self.hasFallback = hasFallback
        self.hasReceive = hasReceive
    }

    public init(json text: String) throws {
        try self.init(json: try JSONValue(parsing: text))
    }

    /// The `abi` array; a JSON string holding the array (old solc combined JSON) is accepted too.
    public init(json: JSONValue) throws {
        var entries: [JSONValue]
        if let s = json.string { entries = try JSONValue(parsing: s).array ?? [] }
        else if let a = json.array { entries = a }
        else { throw ABIError.invalidJSON("ABI is not an array") }
        self.init()
        for (i, e) in entries.enumerated() {
            guard case .object(let o) = e else { throw ABIError.invalidJSON("entry \(i) is not an object") }
            let kind = o["type"]?.string ?? "function"      // old ABIs omit type for functions
            let name = o["name"]?.string ?? ""
            let ctx = "entry \(i) (\(kind) \(name))"
            func params(_ key: String) throws -> [ABIParameter] {
                guard let v = o[key] else { return [] }
                guard let list = v.array else { throw ABIError.invalidJSON("\(ctx): '\(key)' is not an array") }
                return try list.map { try ABIParameter(json: $0, context: ctx) }
            }
            var mutability = o["stateMutability"]?.string ?? ""
            if mutability.isEmpty {
                if o["constant"]?.bool == true { mutability = "view" }
                else if o["payable"]?.bool == true { mutability = "payable" }
                else { mutability = "nonpayable" }
            }
            switch kind {
            case "function":
                guard !name.isEmpty else { throw ABIError.invalidJSON("\(ctx): function without a name") }
                functions.append(ABIFunction(name: name, inputs: try params("inputs"), outputs: try params("outputs"),
                                             stateMutability: mutability))
            case "constructor":
                constructor = ABIFunction(name: "", inputs: try params("inputs"), stateMutability: mutability)
            case "event":
                events.append(ABIEvent(name: name, inputs: try params("inputs"), anonymous: o["anonymous"]?.bool ?? false))
            case "error":
                errors.append(ABIErrorDefinition(name: name, inputs: try params("inputs")))
            case "fallback": hasFallback = true
            case "receive": hasReceive = true
            default: throw ABIError.invalidJSON("\(ctx): unknown entry type '\(kind)'")
            }
        }
    }

    /// A function by name or full signature (`transfer` or `transfer(address,uint256)`).
    /// Overloads are told apart by `argumentCount` when given; otherwise they are ambiguous.
    public func function(_ nameOrSignature: String, argumentCount: Int? = nil) throws -> ABIFunction {
        if nameOrSignature.contains("(") {
            let sig = try FunctionSignature(nameOrSignature)
            if let f = functions.first(where: { $0.signature == sig.canonical }) { return f }
            throw ABIError.unknownFunction(nameOrSignature, available: functions.map(\.signature))
        }
        var candidates = functions.filter { $0.name == nameOrSignature }
        if candidates.isEmpty { throw ABIError.unknownFunction(nameOrSignature, available: functions.map(\.name)) }
        if candidates.count > 1, let n = argumentCount { candidates = candidates.filter { $0.inputs.count == n } }
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty {
            throw ABIError.wrongArgumentCount(function: nameOrSignature,
                                              expected: functions.first { $0.name == nameOrSignature }?.inputs.count ?? 0,
                                              got: argumentCount ?? 0)
        }
        throw ABIError.ambiguousFunction(nameOrSignature, candidates: candidates.map(\.signature))
    }

    public func function(selector: [UInt8]) -> ABIFunction? { functions.first { $0.selector == selector } }

    public func event(_ nameOrSignature: String) throws -> ABIEvent {
        if let e = events.first(where: { $0.name == nameOrSignature || $0.signature == nameOrSignature }) { return e }
        throw ABIError.unknownEvent(nameOrSignature)
    }

    public func error(selector: [UInt8]) -> ABIErrorDefinition? { errors.first { $0.selector == selector } }

    /// Call data for `name` with Swift arguments.
    public func encodeCall(_ name: String, _ arguments: [Any]) throws -> [UInt8] {
        try function(name, argumentCount: arguments.count).encodeCall(arguments: arguments)
    }

    /// Constructor arguments (empty when the contract has no constructor and none are given).
    public func encodeConstructor(_ arguments: [Any]) throws -> [UInt8] {
        guard let c = constructor else {
            guard arguments.isEmpty else {
                throw ABIError.wrongArgumentCount(function: "constructor", expected: 0, got: arguments.count)
            }
            return []
        }
        return try c.encodeCall(arguments: arguments)
    }
}
