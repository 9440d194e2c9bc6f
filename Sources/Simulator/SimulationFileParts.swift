import Scenario
import UInt256

/// Amounts in a simulation file: `12.5 BTC` or `12.5`, whole units of the reserve asset with at
/// most the feed's decimals, scaled to the feed's units.
struct Amounts {
    var unit: String?
    var decimals: Int
    /// Whose unit it is, for messages ("the file's", "the attested").
    var owner = "the file's"

    func read(_ v: Doc, path: String) throws -> U256 {
        let text = try Fields.string(v, path: path, what: "an amount").trimmingWhitespace
        var number = Substring(text)
        if let space = text.lastIndex(where: { $0 == " " || $0 == "\t" }) {
            let word = text[text.index(after: space)...]
            guard let unit, word.lowercased() == unit.lowercased() else {
                throw FieldError(path: path, line: v.line, message: unit.map { "unit '\(word)' is not \(owner) unit '\($0)'" }
                                 ?? "unit '\(word)' given but the file declares no `unit`")
            }
            number = text[..<space]
        }
        guard let value = Self.decimal(String(number).trimmingWhitespace, decimals: decimals) else {
            throw FieldError(path: path, line: v.line, message: "bad amount \"\(text)\" (a non-negative number with at most \(decimals) decimals)")
        }
        return value
    }

    /// "12.5" with `decimals` 8 → 1_250_000_000; nil for anything else (sign, letters, too many
    /// decimals, more than 256 bits).
    static func decimal(_ text: String, decimals: Int) -> U256? {
        let parts = text.filter { $0 != "_" }.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), fraction.count <= decimals,
              (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = String((whole + fraction + String(repeating: "0", count: decimals - fraction.count)).drop { $0 == "0" })
        guard digits.count <= 78 else { return nil }
        return U256(decimal: digits.isEmpty ? "0" : digits)
    }
}

extension SimulationFile {
    /// `nodes: 7` (7 honest nodes) or a list of nodes with their clocks, latencies and faults.
    static func nodes(_ v: Doc, _ amounts: Amounts) throws -> [OracleNode] {
        if case .scalar = v {
            return Array(repeating: OracleNode(), count: try Numbers.smallInt(v, path: "nodes", range: 1...OracleNetwork.maxNodes))
        }
        guard case .list(let items, _) = v else { throw FieldError(path: "nodes", line: v.line, message: "expected a count or a list of nodes") }
        guard (1...OracleNetwork.maxNodes).contains(items.count) else {
            throw FieldError(path: "nodes", line: v.line, message: "\(items.count) nodes; 1 to \(OracleNetwork.maxNodes)")
        }
        return try items.enumerated().map { i, item in
            let p = "nodes[\(i)]"
            let f = try Fields(item, path: p, prefix: p + ".")
            try f.only(["clock_offset", "latency", "latency_jitter", "faults"], in: "a node")
            var node = OracleNode()
            if let c = f["clock_offset"] {
                let n = try Numbers.number(c, path: f.path("clock_offset"), time: true)
                guard let s = n.int64, s.magnitude <= maxDuration else {
                    throw FieldError(path: f.path("clock_offset"), line: c.line, message: "\(n) s is out of range (±\(maxDuration) s)")
                }
                node.clockOffset = s
            }
            if let l = f["latency"] { node.latency = try time(l, f.path("latency"), max: maxDuration) }
            if let j = f["latency_jitter"] { node.latencyJitter = try time(j, f.path("latency_jitter"), max: maxDuration) }
            if let faults = try f.list("faults") {
                try bound(faults, f.path("faults"), line: f["faults"]?.line)
                node.faults = try faults.enumerated().map { try fault($1, path: f.path("faults[\($0)]"), amounts) }
            }
            return node
        }
    }

    /// `{kind: offline | stale_source | byzantine, from, until, fixed: AMOUNT, scaled_ppm}`.
    static func fault(_ v: Doc, path: String, _ amounts: Amounts) throws -> OracleNode.Fault {
        let f = try Fields(v, path: path, prefix: path + ".")
        try f.only(["kind", "from", "until", "fixed", "scaled_ppm"], in: "a fault")
        let kind: OracleNode.Fault.Kind
        switch try f.string("kind", what: "the fault's kind") {
        case "offline": kind = .offline
        case "stale_source": kind = .staleSource
        case "byzantine":
            if let x = f["fixed"] { kind = .byzantine(.fixed(try amounts.read(x, path: f.path("fixed")))) }
            else if let s = f["scaled_ppm"] { kind = .byzantine(.scaled(ppm: try Numbers.uint64(s, path: f.path("scaled_ppm")))) }
            else { kind = .byzantine(.random) }
        case let other:
            throw FieldError(path: f.path("kind"), line: f["kind"]?.line, message: "'\(other)': offline, stale_source or byzantine")
        }
        var byzantine = false
        if case .byzantine = kind { byzantine = true }
        if !byzantine, f.has("fixed") || f.has("scaled_ppm") {
            throw FieldError(path: f.path("kind"), line: f.line, message: "fixed and scaled_ppm apply to byzantine faults")
        }
        let from = try f["from"].map { try time($0, f.path("from"), max: maxDuration) } ?? 0
        let until = try f["until"].map { try time($0, f.path("until"), max: maxDuration) } ?? .max
        guard from < until else { throw FieldError(path: f.path("until"), line: f.line, message: "until must be after from") }
        return OracleNode.Fault(kind, from: from, until: until)
    }

    /// A source by its `type`: bitcoin_custody, attestation (SimulationFileSources.swift) or self_reported.
    static func source(_ v: Doc, path: String, _ amounts: Amounts, duration: UInt64, statements: inout UInt64) throws -> any ReserveSource {
        let f = try Fields(v, path: path, prefix: path + ".")
        switch try f.string("type", what: "the source type") {
        case "bitcoin_custody": return try bitcoinCustody(f, amounts)
        case "attestation": return try attestation(f, amounts, duration: duration, statements: &statements)
        case "self_reported": return try selfReported(f, amounts)
        case let type:
            throw FieldError(path: f.path("type"), line: f["type"]?.line,
                             message: "unknown source type '\(type)' (known: bitcoin_custody, attestation, self_reported)")
        }
    }

    /// `{type: bitcoin_custody, name, holdings: {ADDRESS: AMOUNT}, movements: [...], block_interval, confirmations}`.
    static func bitcoinCustody(_ f: Fields, _ amounts: Amounts) throws -> BitcoinCustody {
        try f.only(["type", "name", "holdings", "movements", "block_interval", "confirmations"], in: "a bitcoin_custody source")
        var holdings: [String: U256] = [:]
        if let h = f["holdings"] {
            let hf = try Fields(h, path: f.path("holdings"), prefix: f.path("holdings") + ".")
            guard hf.pairs.count <= maxListItems else { throw FieldError(path: f.path("holdings"), line: hf.line, message: "more than \(maxListItems) addresses") }
            for (address, amount) in hf.pairs { holdings[address] = try amounts.read(amount, path: hf.path(address)) }
        }
        var movements: [BitcoinCustody.Movement] = []
        if let items = try f.list("movements") {
            try bound(items, f.path("movements"), line: f["movements"]?.line)
            movements = try items.enumerated().map { i, item in
                let m = try Fields(item, path: f.path("movements[\(i)]"), prefix: f.path("movements[\(i)]") + ".")
                try m.only(["at", "kind", "address", "amount"], in: "a movement")
                let kind = try m.string("kind", what: "deposit or withdrawal")
                guard kind == "deposit" || kind == "withdrawal" else {
                    throw FieldError(path: m.path("kind"), line: m["kind"]?.line, message: "'\(kind)': deposit or withdrawal")
                }
                return BitcoinCustody.Movement(time: try time(m.require("at", what: "the time"), m.path("at"), max: maxDuration),
                                               address: try m.string("address", what: "the address"),
                                               amount: try amounts.read(m.require("amount", what: "the amount"), path: m.path("amount")),
                                               isDeposit: kind == "deposit")
            }
        }
        let blockInterval = try f["block_interval"].map { try interval($0, f.path("block_interval")) } ?? 600
        let confirmations = try f["confirmations"].map { UInt64(try Numbers.smallInt($0, path: f.path("confirmations"), range: 1...1_000)) } ?? 6
        do {
            return try BitcoinCustody(name: try f.optionalString("name", what: "a name") ?? "bitcoin custody", holdings: holdings,
                                      movements: movements, blockInterval: blockInterval, confirmations: confirmations)
        } catch let e as SimulationError {
            throw FieldError(path: f.path("movements"), line: f["movements"]?.line ?? f.line, message: e.message)
        }
    }

    /// `{at, action: mint | redeem | transfer, amount}`.
    static func userEvent(_ v: Doc, path: String, _ amounts: Amounts) throws -> SimulationConfig.UserEvent {
        let f = try Fields(v, path: path, prefix: path + ".")
        try f.only(["at", "action", "amount"], in: "a user event")
        let name = try f.string("action", what: "mint, redeem or transfer")
        guard let action = SimulationConfig.UserEvent.Action(rawValue: name) else {
            throw FieldError(path: f.path("action"), line: f["action"]?.line, message: "'\(name)': mint, redeem or transfer")
        }
        return .init(action, try amounts.read(f.require("amount", what: "the amount"), path: f.path("amount")),
                     at: try time(f.require("at", what: "the time"), f.path("at"), max: maxDuration))
    }

    static func randomUsers(_ v: Doc, _ amounts: Amounts) throws -> SimulationConfig.RandomUsers {
        let f = try Fields(v, path: "random_users", prefix: "random_users.")
        try f.only(["mean_interval", "mint_percent", "redeem_percent", "min_amount", "max_amount"], in: "random_users")
        let u = SimulationConfig.RandomUsers(
            meanInterval: try interval(f.require("mean_interval", what: "the mean interval"), f.path("mean_interval")),
            mintPercent: UInt64(try f["mint_percent"].map { try Numbers.smallInt($0, path: f.path("mint_percent"), range: 0...100) } ?? 50),
            redeemPercent: UInt64(try f["redeem_percent"].map { try Numbers.smallInt($0, path: f.path("redeem_percent"), range: 0...100) } ?? 25),
            minAmount: try amounts.read(f.require("min_amount", what: "the smallest amount"), path: f.path("min_amount")),
            maxAmount: try amounts.read(f.require("max_amount", what: "the largest amount"), path: f.path("max_amount")))
        guard u.mintPercent + u.redeemPercent <= 100 else {
            throw FieldError(path: f.path("redeem_percent"), line: f.line, message: "mint_percent + redeem_percent is over 100")
        }
        guard !(u.maxAmount < u.minAmount) else { throw FieldError(path: f.path("max_amount"), line: f.line, message: "below min_amount") }
        return u
    }
}
