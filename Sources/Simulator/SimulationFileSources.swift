import Primitives
import Scenario
import UInt256

// The file keys of the attestation and self-reported sources, the on-chain custody address list
// and Proof of Circulation (README.md, "Simulating the oracle network").
extension SimulationFile {
    /// Statements all attestations of a file may publish (each is signed and verified once, as
    /// the file is read).
    static let maxStatements: UInt64 = 10_000
    /// The PoRAddressList contract's limits (MAX_ADDRESSES, MAX_ADDRESS_LENGTH).
    static let maxListedAddresses = 256
    static let maxAddressLength = 90

    /// `{type: attestation, name, account, unit, holdings, cadence, lag, max_age, valuation: {price, per},
    /// auditor_key, faults: [{at, kind: forged | unsigned}], stops_at}`. Statements run from time 0
    /// to `stops_at` (default: the file's duration).
    static func attestation(_ f: Fields, _ amounts: Amounts, duration: UInt64, statements budget: inout UInt64) throws -> Attestation {
        try f.only(["type", "name", "account", "unit", "holdings", "cadence", "lag", "max_age", "valuation",
                    "auditor_key", "faults", "stops_at"], in: "an attestation source")
        let name = try f.optionalString("name", what: "a name") ?? "attestation"
        guard let unit = try f.optionalString("unit", what: "the attested unit") ?? amounts.unit else {
            throw FieldError(path: f.path("unit"), line: f.line, message: "missing the attested unit (the file declares no `unit` either)")
        }
        // Attested amounts take the feed's decimals too, so that `per` and the holdings scale alike.
        let attested = Amounts(unit: unit, decimals: amounts.decimals, owner: "the attested")
        let valuation = try f["valuation"].map { try self.valuation($0, path: f.path("valuation"), price: amounts, per: attested) }
        if valuation == nil, let fileUnit = amounts.unit, fileUnit.lowercased() != unit.lowercased() {
            throw FieldError(path: f.path("unit"), line: f["unit"]?.line ?? f.line,
                             message: "'\(unit)' is not the file's unit '\(fileUnit)': give a valuation {price, per}")
        }
        let holdings = try steps(f.require("holdings", what: "the holdings (an amount, or a list of {at, amount})"),
                                 path: f.path("holdings"), attested)
        let cadence = try f["cadence"].map { try interval($0, f.path("cadence")) } ?? 86_400
        let lag = try f["lag"].map { try time($0, f.path("lag"), max: maxDuration) } ?? 0
        // Default: a statement stays usable until the next one is due out.
        let maxAge = try f["max_age"].map { try interval($0, f.path("max_age")) } ?? cadence + lag
        let until = try f["stops_at"].map { try time($0, f.path("stops_at"), max: maxDuration) } ?? duration
        guard until / cadence < budget else {
            throw FieldError(path: f.path("cadence"), line: f["cadence"]?.line ?? f.line,
                             message: "\(until / cadence + 1) statements; at most \(maxStatements) over all attestations (raise the cadence or set stops_at)")
        }
        budget -= until / cadence + 1
        var signing: [UInt64: Attestation.Signing] = [:]
        if let items = try f.list("faults") {
            try bound(items, f.path("faults"), line: f["faults"]?.line)
            for (i, item) in items.enumerated() {
                let p = f.path("faults[\(i)]")
                let s = try Fields(item, path: p, prefix: p + ".")
                try s.only(["at", "kind"], in: "a signing fault")
                let atDoc = try s.require("at", what: "the time of the statement")
                let at = try time(atDoc, s.path("at"), max: maxDuration)
                guard at % cadence == 0, at <= until else {
                    throw FieldError(path: s.path("at"), line: atDoc.line,
                                     message: "\(at) s is not the time of a statement (a multiple of the cadence, \(cadence) s, up to \(until) s)")
                }
                switch try s.string("kind", what: "forged or unsigned") {
                case "forged": signing[at] = .forged
                case "unsigned": signing[at] = .unsigned
                case let other: throw FieldError(path: s.path("kind"), line: s["kind"]?.line, message: "'\(other)': forged or unsigned")
                }
            }
        }
        let key = try f["auditor_key"].map { try privateKey($0, path: f.path("auditor_key")) } ?? derivedKey("auditor", name)
        do {
            return try Attestation(name: name, account: try f.optionalString("account", what: "the account") ?? name, unit: unit,
                                   valuation: valuation, holdings: holdings, cadence: cadence, lag: lag, maxAge: maxAge,
                                   until: until, auditorKey: key, forgerKey: derivedKey("forger", name), signing: signing)
        } catch let e as SimulationError {
            throw FieldError(path: f.path("auditor_key"), line: f["auditor_key"]?.line ?? f.line, message: e.message)
        }
    }

    /// A key no one needs to write down: keccak256 of a label and the source's name (valid for
    /// secp256k1 with overwhelming probability; the Attestation checks it).
    static func derivedKey(_ role: String, _ name: String) -> [UInt8] {
        Keccak256.hash(Array("porvm simulated \(role): \(name)".utf8))
    }

    static func privateKey(_ v: Doc, path: String) throws -> [UInt8] {
        let text = try Fields.string(v, path: path, what: "a private key (32 bytes of hex)")
        guard let bytes = Hex.decode(text), bytes.count == 32 else {
            throw FieldError(path: path, line: v.line, message: "expected a private key of 32 bytes of hex (64 digits)")
        }
        return bytes
    }

    /// `{price: AMOUNT (the file's unit), per: AMOUNT (the attested unit, default 1)}`.
    static func valuation(_ v: Doc, path: String, price: Amounts, per: Amounts) throws -> Attestation.Valuation {
        let f = try Fields(v, path: path, prefix: path + ".")
        try f.only(["price", "per"], in: "a valuation")
        let p = try price.read(f.require("price", what: "the price in the file's unit"), path: f.path("price"))
        let perDoc = f["per"]
        let q = try perDoc.map { try per.read($0, path: f.path("per")) } ?? (Amounts.decimal("1", decimals: per.decimals) ?? .one)
        guard !q.isZero else { throw FieldError(path: f.path("per"), line: perDoc?.line ?? f.line, message: "must be positive") }
        return .init(price: p, per: q)
    }

    /// `AMOUNT` (constant) or `[{at, amount}]`, the first at 0, times ascending.
    static func steps(_ v: Doc, path: String, _ amounts: Amounts) throws -> [(time: UInt64, amount: U256)] {
        guard case .list(let items, _) = v else { return [(0, try amounts.read(v, path: path))] }
        guard !items.isEmpty else { throw FieldError(path: path, line: v.line, message: "an empty list (give at least the figure at 0)") }
        try bound(items, path, line: v.line)
        var out: [(time: UInt64, amount: U256)] = []
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i)]"
            let f = try Fields(item, path: p, prefix: p + ".")
            try f.only(["at", "amount"], in: "a figure over time")
            let atDoc = try f.require("at", what: "the time")
            let at = try time(atDoc, f.path("at"), max: maxDuration)
            if let last = out.last, at <= last.time {
                throw FieldError(path: f.path("at"), line: atDoc.line, message: "times must ascend (\(at) s after \(last.time) s)")
            }
            if out.isEmpty, at != 0 { throw FieldError(path: f.path("at"), line: atDoc.line, message: "the first figure must be at 0") }
            out.append((at, try amounts.read(f.require("amount", what: "the amount"), path: f.path("amount"))))
        }
        return out
    }

    /// `{type: self_reported, name, held, claimed}`: each an amount or `[{at, amount}]`; claimed
    /// defaults to held.
    static func selfReported(_ f: Fields, _ amounts: Amounts) throws -> SelfReported {
        try f.only(["type", "name", "held", "claimed"], in: "a self_reported source")
        let held = try steps(f.require("held", what: "what is really held"), path: f.path("held"), amounts)
        let claimed = try f["claimed"].map { try steps($0, path: f.path("claimed"), amounts) }
        do {
            return try SelfReported(name: try f.optionalString("name", what: "a name") ?? "issuer API", held: held, claimed: claimed)
        } catch let e as SimulationError {
            throw FieldError(path: f.path("held"), line: f.line, message: e.message)
        }
    }

    /// `{initial: [ADDRESS], changes: [{at, add: ADDRESS} | {at, remove: ADDRESS}]}`.
    static func addressList(_ v: Doc, sources: [any ReserveSource]) throws -> SimulationConfig.AddressList {
        let f = try Fields(v, path: "address_list", prefix: "address_list.")
        try f.only(["initial", "changes"], in: "address_list")
        guard sources.contains(where: { $0 is BitcoinCustody }) else {
            throw FieldError(path: "address_list", line: f.line, message: "lists custody addresses: needs a bitcoin_custody source")
        }
        var initial: [String] = []
        for (i, item) in (try f.list("initial") ?? []).enumerated() {
            let a = try address(item, path: f.path("initial[\(i)]"))
            guard !initial.contains(a) else { throw FieldError(path: f.path("initial[\(i)]"), line: item.line, message: "'\(a)' is listed twice") }
            guard initial.count < maxListedAddresses else {
                throw FieldError(path: f.path("initial"), line: f["initial"]?.line, message: "more than \(maxListedAddresses) addresses (the contract's limit)")
            }
            initial.append(a)
        }
        var changes: [SimulationConfig.AddressList.Change] = []
        if let items = try f.list("changes") {
            try bound(items, f.path("changes"), line: f["changes"]?.line)
            for (i, item) in items.enumerated() {
                let p = f.path("changes[\(i)]")
                let c = try Fields(item, path: p, prefix: p + ".")
                try c.only(["at", "add", "remove"], in: "an address list change")
                let at = try time(c.require("at", what: "the time"), c.path("at"), max: maxDuration)
                switch (c["add"], c["remove"]) {
                case (let a?, nil): changes.append(.add(try address(a, path: c.path("add")), at: at))
                case (nil, let r?): changes.append(.remove(try address(r, path: c.path("remove")), at: at))
                default: throw FieldError(path: p, line: c.line, message: "give one of add: ADDRESS or remove: ADDRESS")
                }
            }
        }
        return .init(initial: initial, changes: changes)
    }

    /// What the contract stores: 1 to 90 printable ASCII characters, no spaces.
    static func address(_ v: Doc, path: String) throws -> String {
        let a = try Fields.string(v, path: path, what: "an address")
        guard (1...maxAddressLength).contains(a.utf8.count), a.utf8.allSatisfy({ (33...126).contains($0) }) else {
            throw FieldError(path: path, line: v.line, message: "an address is 1 to \(maxAddressLength) printable ASCII characters without spaces")
        }
        return a
    }

    /// `{bridges: [{at, kind: to_remote | to_home | remote_mint, amount}]}`: the token on a second chain.
    static func circulation(_ v: Doc, _ amounts: Amounts) throws -> SimulationConfig.Circulation {
        let f = try Fields(v, path: "circulation", prefix: "circulation.")
        try f.only(["bridges"], in: "circulation")
        let kinds: [String: SimulationConfig.Circulation.Bridge.Kind] = ["to_remote": .toRemote, "to_home": .toHome, "remote_mint": .remoteMint]
        var bridges: [SimulationConfig.Circulation.Bridge] = []
        if let items = try f.list("bridges") {
            try bound(items, f.path("bridges"), line: f["bridges"]?.line)
            for (i, item) in items.enumerated() {
                let p = f.path("bridges[\(i)]")
                let b = try Fields(item, path: p, prefix: p + ".")
                try b.only(["at", "kind", "amount"], in: "a bridge")
                let name = try b.string("kind", what: "to_remote, to_home or remote_mint")
                guard let kind = kinds[name] else {
                    throw FieldError(path: b.path("kind"), line: b["kind"]?.line, message: "'\(name)': to_remote, to_home or remote_mint")
                }
                bridges.append(.init(kind, try amounts.read(b.require("amount", what: "the amount"), path: b.path("amount")),
                                     at: try time(b.require("at", what: "the time"), b.path("at"), max: maxDuration)))
            }
        }
        return .init(bridges: bridges)
    }
}
