import ABI
import Fuzzer
import Harness
import Scenario
import UInt256

/// `properties: [- por: {token: t, feed: f, breaker: b, …}]`: the Proof of Reserve battery bound to
/// named contracts (README, "The Proof of Reserve battery"). Registered by `porvm fuzz`.
public struct PoRPropertyKind: FuzzPropertyKind {
    public init() {}
    public var key: String { "por" }
    public func parse(_ fields: Fields, scope: Scope, actors: [Sender], path: String) throws -> FuzzHookSpec {
        try PoRBatterySpec(fields, scope: scope, actors: actors.map(\.label))
    }
}

/// The battery's properties, named as issue 10 names them.
public enum PoRProperty: Int, CaseIterable {
    case mintWithinReserves, mintFailsClosed, onlyMinterMints, accounting, burnAlwaysWorks, viewsNeverRevert, breaker
    public var name: String {
        ["mint within reserves", "mint fails closed", "only the minter mints", "ERC-20 accounting",
         "burn always works", "views never revert", "the breaker"][rawValue]
    }
}

/// A `por:` entry, checked against the contracts' ABIs.
public struct PoRBatterySpec: FuzzHookSpec {
    public static let functionKeys = ["mint", "burn", "burnFrom", "transfer", "transferFrom", "approve", "pause", "unpause",
                                      "setMarginBps", "setHeartbeat", "setFeed", "mintableAmount", "performUpkeep"]
    /// Argument types each mapped function must take (`burn` also as (address,uint256), the holder first).
    static let shapes: [String: [[String]]] = [
        "mint": [["address", "uint256"]], "burn": [["uint256"], ["address", "uint256"]], "burnFrom": [["address", "uint256"]],
        "transfer": [["address", "uint256"]], "transferFrom": [["address", "address", "uint256"]], "approve": [["address", "uint256"]],
        "pause": [[]], "unpause": [[]], "setMarginBps": [["uint256"], ["uint16"], ["uint32"]], "setHeartbeat": [["uint256"], ["uint32"], ["uint64"]],
        "setFeed": [["address"]], "mintableAmount": [[]], "performUpkeep": [["bytes"]],
    ]

    public let token: Bound
    public let feed: Bound
    public let breaker: Bound?
    public let aggregator: Bound?
    /// Mapped functions found (key → function of the token, or the breaker for performUpkeep).
    public let functions: [String: ABIFunction]
    /// Roles among the actors (nil: not an actor, its actions are skipped).
    public let owner: String?, minter: String?, attacker: String?, forwarder: String?, transmitter: String?
    /// Every actor that may hold tokens (all but the forwarder and the transmitter).
    public let holders: [String]
    /// Used when the token has no `heartbeat()` / `marginBps()` view.
    public let heartbeat: U256, marginBps: U256
    public let oracles: Int, faults: Int
    public var notes: [String]

    public var propertyNames: [String] {
        PoRProperty.allCases.filter { $0 != .breaker || breaker != nil }.map(\.name)
    }

    public func makeHook() -> CampaignHook { PoRBatteryHook(self) }

    init(_ f: Fields, scope: Scope, actors: [String]) throws {
        try f.only(["token", "feed", "breaker", "aggregator", "owner", "minter", "attacker", "forwarder", "transmitter",
                    "heartbeat", "margin_bps", "oracles"] + Self.functionKeys, in: "por")
        func contract(_ k: String, required: Bool) throws -> Bound? {
            guard required || f.has(k) else { return nil }
            let n = try f.string(k, what: "a contract name")
            guard let b = scope.contracts[n] else {
                throw FieldError(path: f.path(k), line: f[k]?.line ?? f.line, message: "unknown contract '\(n)' (contracts: \(scope.contractNames.joined(separator: ", ")))")
            }
            return b
        }
        guard let token = try contract("token", required: true), let feed = try contract("feed", required: true) else {
            throw FieldError(path: f.path("token"), line: f.line, message: "por needs token and feed")
        }
        self.token = token
        self.feed = feed
        breaker = try contract("breaker", required: false)
        aggregator = try contract("aggregator", required: false)
        var notes: [String] = []
        if breaker == nil { notes.append("por: no breaker given, so 'the breaker' is not checked") }

        func actor(_ k: String, default d: [String]) throws -> String? {
            if f.has(k) {
                let n = try f.string(k, what: "an actor")
                guard actors.contains(n) else {
                    throw FieldError(path: f.path(k), line: f[k]?.line ?? f.line, message: "'\(n)' is not an actor (actors: \(actors.joined(separator: ", ")))")
                }
                return n
            }
            return d.first { actors.contains($0) }
        }
        owner = try actor("owner", default: ["owner", "deployer"])
        minter = try actor("minter", default: [])
        attacker = try actor("attacker", default: ["attacker"])
        let fwd = try actor("forwarder", default: ["forwarder"]), tx = try actor("transmitter", default: ["oracle1"])
        forwarder = fwd
        transmitter = tx
        holders = actors.filter { $0 != fwd && $0 != tx }
        heartbeat = U256(try f["heartbeat"].map { try Numbers.uint64($0, path: f.path("heartbeat"), time: true) } ?? 3600)
        marginBps = U256(try f["margin_bps"].map { try Numbers.uint64($0, path: f.path("margin_bps")) } ?? 0)
        var oracles = 4, faults = 1
        if let o = f["oracles"] {
            let of = try Fields(o, path: f.path("oracles"), prefix: f.path("oracles") + ".")
            try of.only(["count", "f"], in: f.path("oracles"))
            if let c = of["count"] { oracles = try Numbers.smallInt(c, path: of.path("count"), range: 1...31) }
            if let x = of["f"] { faults = try Numbers.smallInt(x, path: of.path("f"), range: 0...30) }
        }
        self.oracles = oracles
        self.faults = faults

        // Function mapping: a name or a full signature in the contract's ABI, of the expected shape.
        var functions: [String: ABIFunction] = [:]
        for k in Self.functionKeys {
            let explicit = f.has(k)
            guard let owner = k == "performUpkeep" ? breaker : token else { continue }
            let text = explicit ? try f.string(k, what: "a function name or signature") : k
            let matches = owner.abi.functions.filter { $0.name == text || $0.signature == text }
            let shapes = Self.shapes[k] ?? []
            let fitting = matches.filter { m in shapes.contains(m.inputTypes.map(\.description)) }
            guard let fn = fitting.first else {
                if explicit || k == "mint" {
                    let want = shapes.map { "(" + $0.joined(separator: ",") + ")" }.joined(separator: " or ")
                    throw FieldError(path: explicit ? f.path(k) : f.path("token"), line: f[k]?.line ?? f.line,
                                     message: matches.isEmpty ? "\(owner.name) (\(owner.artifact)) has no function '\(text)'; map it with \(k): \"name(types)\""
                                     : "\(owner.name).\(text) takes \(matches[0].inputTypes.map(\.description)); \(k) must take \(want)")
                }
                continue
            }
            functions[k] = fn
        }
        for v in ["totalSupply", "balanceOf"] where !token.abi.functions.contains(where: { f in f.name == v }) {
            throw FieldError(path: f.path("token"), line: f.line, message: "\(token.name) (\(token.artifact)) has no \(v)(): it is not an ERC-20 token")
        }
        if functions["burn"] == nil { notes.append("por: \(token.name) has no burn: burns are not fuzzed") }
        self.functions = functions
        self.notes = notes
    }
}
