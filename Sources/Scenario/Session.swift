import Foundation
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// Compiled contracts read once per run.
final class ArtifactStore {
    private var cache: [String: Artifact] = [:]

    func load(path: String) throws -> Artifact {
        if let a = cache[path] { return a }
        let a = try Artifact.load(path: path)
        cache[path] = a
        return a
    }

    func fixture(_ name: String) throws -> Artifact {
        try load(path: try FixtureArtifacts.directory() + "/\(name).json")
    }
}

/// A contract name of the scenario.
struct Bound {
    var name: String
    var abi: ContractABI
    var address: Address
    var artifact: String
}

/// How one step went.
struct StepOutcome {
    var ok: Bool
    var text: String
    /// Later steps cannot run (a deployment or the PoR setup failed).
    var fatal = false
}

/// Who sends a call.
enum Sender {
    case account(TestAccount, String)
    /// A contract or a bare address: the call is pranked (a message call from that address).
    case impersonated(Address, String)

    var label: String {
        switch self {
        case .account(_, let n): return n
        case .impersonated(_, let n): return n
        }
    }
}

/// Interprets one scenario file. The same code validates (`live` false: no chain, contracts
/// get placeholder addresses, nothing runs) and runs it, so that every field is checked the
/// same way before anything executes.
final class Session: AddressBook {
    static let stepKinds = ["setup_por", "deploy", "call", "transact", "report", "warp", "roll", "deal", "store",
                            "etch", "snapshot", "revert_to", "expect"]
    static let defaultBalance = ether(10_000)

    let file: String
    let live: Bool
    let store: ArtifactStore
    private(set) var name = ""
    private(set) var steps: [Doc] = []
    var chain: Chain?

    var fork: Fork = .cancun
    var artifactsDir: String?
    var accountNames: [String] = []
    var accounts: [String: TestAccount] = [:]
    var declared: [String: (balance: U256, hasKey: Bool)] = [:]
    var contractNames: [String] = []
    var contracts: [String: Bound] = [:]
    var committee: OracleCommittee?
    var lastReport: [String: OracleCommittee.Report] = [:]
    /// A snapshot: the chain's, and the names the scenario knew then (so that a contract
    /// deployed after it is unknown again once reverted, as its code is gone).
    struct Saved {
        var id: Int
        var lastReport: [String: OracleCommittee.Report]
        var accountNames: [String]
        var accounts: [String: TestAccount]
        var contractNames: [String]
        var contracts: [String: Bound]
        var committee: OracleCommittee?
        var porDone: Bool
    }
    var snapshots: [String: Saved] = [:]
    var porDone = false
    var placeholderCount: UInt32 = 0

    init(file: String, document: Doc, live: Bool, store: ArtifactStore) throws {
        self.file = file
        self.live = live
        self.store = store
        try readTopLevel(document)
    }

    // MARK: top level

    private func readTopLevel(_ document: Doc) throws {
        let top = try Fields(document, path: "")
        try top.only(["name", "description", "fork", "artifacts", "accounts", "oracles", "steps"], in: "the scenario")
        name = try top.string("name", what: "the scenario's name (a string)")
        _ = try top.optionalString("description", what: "a description (a string)")
        if let f = try top.optionalString("fork", what: "a fork name") {
            guard let fork = Fork(name: f) else {
                throw FieldError(path: "fork", line: top["fork"]?.line,
                                 message: "unknown fork '\(f)' (known: \(Fork.allCases.map(\.description).joined(separator: ", ")))")
            }
            self.fork = fork
        }
        if let a = try top.optionalString("artifacts", what: "a folder") {
            let base = (file as NSString).deletingLastPathComponent
            let dir = a.hasPrefix("/") ? a : (base.isEmpty ? a : base + "/" + a)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw FieldError(path: "artifacts", line: top["artifacts"]?.line, message: "no folder '\(dir)'")
            }
            artifactsDir = dir
        }
        guard let stepList = try top.list("steps") else {
            throw FieldError(path: "steps", line: top.line, message: "missing the list of steps")
        }
        guard !stepList.isEmpty else { throw FieldError(path: "steps", line: top["steps"]?.line, message: "no steps") }
        steps = stepList

        if live { chain = Chain(fork: fork, accountNames: ["deployer"], initialBalance: Session.defaultBalance) }
        bind(account: TestAccount(named: "deployer"))

        if let acc = top["accounts"] { try readAccounts(acc) }
        if let o = top["oracles"] { try readOracles(o) }
    }

    private func readAccounts(_ doc: Doc) throws {
        var entries: [(String, Doc?, Int?)] = []
        switch doc {
        case .list(let items, _):
            for (i, item) in items.enumerated() {
                entries.append((try Fields.string(item, path: "accounts[\(i)]", what: "an account name"), nil, item.line))
            }
        case .map(let pairs, _):
            for p in pairs { entries.append((p.key, p.value.isNull ? nil : p.value, p.value.line)) }
        default:
            throw FieldError(path: "accounts", line: doc.line, message: "expected a mapping of name → {balance, privateKey}, got \(doc.kindDescription)")
        }
        for (name, spec, line) in entries {
            let path = "accounts.\(name)"
            try checkName(name, path: path, line: line)
            var balance = Session.defaultBalance
            var key: String?
            if let spec {
                if case .scalar = spec {
                    balance = try Numbers.unsigned(spec, path: path + ".balance", what: "a balance")
                } else {
                    let f = try Fields(spec, path: path, prefix: path + ".")
                    try f.only(["balance", "privateKey", "private_key"], in: "an account")
                    if let b = f["balance"] { balance = try Numbers.unsigned(b, path: f.path("balance"), what: "a balance") }
                    key = try f.optionalString("privateKey", what: "a private key (hex)") ?? f.optionalString("private_key", what: "a private key (hex)")
                }
            }
            if name == "deployer", key != nil {
                throw FieldError(path: path + ".privateKey", line: line, message: "the deployer's key is fixed; declare another account")
            }
            if declared[name] != nil, name != "deployer" {
                throw FieldError(path: path, line: line, message: "account '\(name)' is declared twice")
            }
            let account: TestAccount
            if let key {
                let bytes: [UInt8]
                do { bytes = try ABI.hex(key) } catch {
                    throw FieldError(path: path + ".privateKey", line: line, message: "expected 32 bytes of hex, got \"\(key)\"")
                }
                guard bytes.count == 32, let a = try? TestAccount(name: name, privateKey: bytes) else {
                    throw FieldError(path: path + ".privateKey", line: line, message: "not a valid secp256k1 private key (32 bytes, 0 < key < n)")
                }
                account = a
            } else {
                account = TestAccount(named: name)
            }
            declared[name] = (balance, key != nil)
            bind(account: account, balance: balance)
        }
    }

    private func readOracles(_ doc: Doc) throws {
        let f = try Fields(doc, path: "oracles", prefix: "oracles.")
        try f.only(["count", "f"], in: "oracles")
        let count = try f["count"].map { try Numbers.smallInt($0, path: "oracles.count", range: 1...31) } ?? 4
        let faults = try f["f"].map { try Numbers.smallInt($0, path: "oracles.f", range: 0...30) } ?? max(1, (count - 1) / 3)
        guard faults + 1 <= count else {
            throw FieldError(path: "oracles.f", line: f.line, message: "f+1 signatures are needed, more than the \(count) oracles")
        }
        try makeCommittee(count: count, f: faults, path: "oracles", line: f.line)
    }

    private func makeCommittee(count: Int, f: Int, path: String, line: Int?) throws {
        let c = OracleCommittee(size: count, f: f)
        for o in c.oracles {
            if let d = declared[o.name], d.hasKey {
                throw FieldError(path: path, line: line, message: "account '\(o.name)' has its own key; oracle names are oracle1, oracle2…")
            }
            bind(account: o, balance: declared[o.name]?.balance ?? ether(100))
        }
        committee = c
    }

    private func checkName(_ name: String, path: String, line: Int?) throws {
        let ok = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && !(name.first?.isNumber ?? true)
        guard ok else {
            throw FieldError(path: path, line: line, message: "bad name '\(name)' (letters, digits, _ and -, not starting with a digit)")
        }
    }

    // MARK: names

    func bind(account: TestAccount, balance: U256? = nil) {
        if accounts[account.name] == nil { accountNames.append(account.name) }
        accounts[account.name] = account
        if let chain {
            if account.name == "deployer" {
                if let balance { chain.deal(account, balance) }
            } else {
                chain.addAccount(account, balance: balance ?? Session.defaultBalance)
            }
        }
    }

    func bind(contract: Bound) {
        if contracts[contract.name] == nil { contractNames.append(contract.name) }
        contracts[contract.name] = contract
    }

    func placeholderAddress() -> Address {
        placeholderCount += 1
        return Address(hi: 0xC0DE_0000_0000_0000, mid: 0, lo: placeholderCount)
    }

    func address(named n: String) -> Address? { accounts[n]?.address ?? contracts[n]?.address }
    var addressNames: [String] { accountNames + contractNames }

    func checkFree(_ name: String, path: String, line: Int?) throws {
        try checkName(name, path: path, line: line)
        if accounts[name] != nil { throw FieldError(path: path, line: line, message: "'\(name)' is already an account") }
        if contracts[name] != nil { throw FieldError(path: path, line: line, message: "'\(name)' is already a contract") }
    }

    func account(_ doc: Doc, path: String) throws -> TestAccount {
        let n = try Fields.string(doc, path: path, what: "an account name")
        guard let a = accounts[n] else {
            throw FieldError(path: path, line: doc.line, message: "unknown account '\(n)' (accounts: \(accountNames.joined(separator: ", ")))")
        }
        return a
    }

    func addressValue(_ doc: Doc, path: String) throws -> Address {
        let s = try Fields.string(doc, path: path, what: "an account or contract name, or an address")
        return try Convert.address(s, path: path, line: doc.line, book: self)
    }

    func sender(_ doc: Doc, path: String) throws -> Sender {
        let s = try Fields.string(doc, path: path, what: "an account or contract name")
        if let a = accounts[s] { return .account(a, s) }
        return .impersonated(try Convert.address(s, path: path, line: doc.line, book: self), s)
    }

    /// `contract.function` with the function picked by name (or full signature) and argument count.
    func target(_ text: String, path: String, line: Int?, argumentCount: Int) throws -> (Bound, ABIFunction) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw FieldError(path: path, line: line, message: "expected <contract>.<function>, got '\(text)'")
        }
        let cname = String(text[..<dot])
        let fname = String(text[text.index(after: dot)...])
        guard let b = contracts[cname] else {
            var m = "unknown contract '\(cname)'"
            m += contractNames.isEmpty ? " (no contract deployed yet: add a deploy or setup_por step first)"
                : " (contracts: \(contractNames.joined(separator: ", ")))"
            throw FieldError(path: path, line: line, message: m)
        }
        do {
            return (b, try b.abi.function(fname, argumentCount: argumentCount))
        } catch let e as ABIError {
            switch e {
            case .unknownFunction:
                let names = Array(Set(b.abi.functions.map(\.name))).sorted()
                throw FieldError(path: path, line: line, message: "\(cname) (\(b.artifact)) has no function '\(fname)' (functions: \(names.joined(separator: ", ")))")
            default:
                throw FieldError(path: path, line: line, message: "\(cname).\(fname): \(e)")
            }
        }
    }

    /// Addresses shown by name in step lines (contracts first, then accounts in declaration order).
    var names: Names {
        var n = Names()
        // Earlier names win; "owner" (set by setup_por) reads better than "deployer".
        for a in (["owner"] + accountNames) {
            if let acc = accounts[a], n.byAddress[acc.address] == nil { n.byAddress[acc.address] = a }
        }
        for c in contractNames { if let b = contracts[c] { n.byAddress[b.address] = c } }
        return n
    }

    var allABIs: [ContractABI] { contractNames.compactMap { contracts[$0]?.abi } }

    // MARK: steps

    /// The text before the arrow of the running step (for error lines).
    var label = ""

    func run(step index: Int, _ doc: Doc) throws -> StepOutcome {
        label = "step"
        var doc = doc
        // A bare word is a step without settings (`- setup_por`).
        if case .scalar(let s, true, let line) = doc, !doc.isNull { doc = .map([(s, .scalar("", plain: true, line: line))], line: line) }
        let f = try Fields(doc, path: "")
        let present = f.keys.filter { Session.stepKinds.contains($0) && $0 != "expect" }
        guard present.count <= 1 else {
            throw FieldError(path: present[1], line: f.line, message: "a step does one thing; found both '\(present[0])' and '\(present[1])'")
        }
        let kind = present.first ?? (f.has("expect") ? "expect" : "")
        label = kind
        switch kind {
        case "setup_por": return try setupPoR(f)
        case "deploy": return try deploy(f)
        case "call", "transact": return try call(f, kind: kind)
        case "report": return try report(f)
        case "warp", "roll": return try warpOrRoll(f, kind: kind)
        case "deal": return try deal(f)
        case "store": return try storeStep(f)
        case "etch": return try etch(f)
        case "snapshot", "revert_to": return try snapshot(f, kind: kind)
        case "expect": return try standaloneExpect(f)
        default:
            let first = f.keys.first ?? ""
            throw FieldError(path: first.isEmpty ? nil : first, line: f.line,
                             message: (first.isEmpty ? "empty step" : "unknown step kind '\(first)'")
                             + " (known: \(Session.stepKinds.joined(separator: ", ")))")
        }
    }

    // MARK: setup_por

    private func setupPoR(_ f: Fields) throws -> StepOutcome {
        try f.only(["setup_por", "expect"], in: "a setup_por step")
        if f.has("expect") { throw FieldError(path: "expect", line: f.line, message: "setup_por takes no expect (it must succeed)") }
        guard !porDone else { throw FieldError(path: "setup_por", line: f.line, message: "setup_por may appear once per scenario") }
        var s = PoRDeployment.Settings()
        if let d = f["setup_por"], !(d.scalarText.map { ["true", "yes"].contains($0.lowercased()) } ?? false) {
            let o = try Fields(d, path: "setup_por", prefix: "setup_por.")
            try o.only(["feed_decimals", "token_decimals", "description", "min_answer", "max_answer", "heartbeat",
                        "margin_bps", "oracles", "f"], in: "setup_por")
            if let v = o["feed_decimals"] { s.feedDecimals = UInt64(try Numbers.smallInt(v, path: o.path("feed_decimals"), range: 0...255)) }
            if let v = o["token_decimals"] { s.tokenDecimals = UInt64(try Numbers.smallInt(v, path: o.path("token_decimals"), range: 0...255)) }
            if let v = try o.optionalString("description", what: "a description") {
                guard v.utf8.count <= 100 else { throw FieldError(path: o.path("description"), line: o.line, message: "at most 100 bytes") }
                s.description = v
            }
            if let v = o["min_answer"] { s.minAnswer = try Numbers.answer(v, path: o.path("min_answer")) }
            if let v = o["max_answer"] { s.maxAnswer = try Numbers.answer(v, path: o.path("max_answer")) }
            if let v = o["heartbeat"] { s.heartbeat = try Numbers.uint64(v, path: o.path("heartbeat"), time: true) }
            if let v = o["margin_bps"] { s.marginBps = try Numbers.uint64(v, path: o.path("margin_bps")) }
            if let v = o["oracles"] { s.committeeSize = try Numbers.smallInt(v, path: o.path("oracles"), range: 1...31) }
            if let v = o["f"] { s.f = try Numbers.smallInt(v, path: o.path("f"), range: 0...30) }
            if let c = committee {
                if o.has("oracles") && s.committeeSize != c.oracles.count || o.has("f") && s.f != c.f {
                    throw FieldError(path: "setup_por.oracles", line: o.line, message: "differs from the top-level oracles: {count: \(c.oracles.count), f: \(c.f)}")
                }
            }
        }
        if let c = committee { s.committeeSize = c.oracles.count; s.f = c.f }
        guard s.f + 1 <= s.committeeSize else {
            throw FieldError(path: "setup_por.f", line: f.line, message: "f+1 signatures are needed, more than the \(s.committeeSize) oracles")
        }
        guard s.minAnswer <= s.maxAnswer else {
            throw FieldError(path: "setup_por.min_answer", line: f.line, message: "min_answer \(s.minAnswer) is above max_answer \(s.maxAnswer)")
        }
        for n in ["feed", "token", "breaker"] { try checkFree(n, path: "setup_por", line: f.line) }
        for n in ["minter", "forwarder", "owner"] where declared[n]?.hasKey == true || (n == "owner" && declared[n] != nil) {
            throw FieldError(path: "accounts.\(n)", line: f.line, message: "setup_por defines the account '\(n)'; do not declare it with a key")
        }
        porDone = true
        label = "setup_por"
        let feedABI: Artifact, tokenABI: Artifact, breakerABI: Artifact
        do {
            feedABI = try store.fixture(FixtureArtifacts.aggregator)
            tokenABI = try store.fixture(FixtureArtifacts.token)
            breakerABI = try store.fixture(FixtureArtifacts.breaker)
        } catch {
            throw FieldError(path: "setup_por", line: f.line, message: "\(error)")
        }
        var addresses = [placeholderAddress(), placeholderAddress(), placeholderAddress()]
        if let chain {
            let por: PoRDeployment
            do { por = try PoRDeployment(chain: chain, settings: s) } catch {
                return StepOutcome(ok: false, text: "setup_por failed: \(error)", fatal: true)
            }
            addresses = [por.feed.address, por.token.address, por.breaker.address]
        }
        bind(contract: Bound(name: "feed", abi: feedABI.abi, address: addresses[0], artifact: feedABI.contractName))
        bind(contract: Bound(name: "token", abi: tokenABI.abi, address: addresses[1], artifact: tokenABI.contractName))
        bind(contract: Bound(name: "breaker", abi: breakerABI.abi, address: addresses[2], artifact: breakerABI.contractName))
        bind(account: TestAccount(named: "minter"), balance: declared["minter"]?.balance ?? ether(100))
        bind(account: TestAccount(named: "forwarder"), balance: declared["forwarder"]?.balance ?? ether(100))
        accounts["owner"] = accounts["deployer"]
        if !accountNames.contains("owner") { accountNames.append("owner") }
        if committee == nil { try makeCommittee(count: s.committeeSize, f: s.f, path: "setup_por", line: f.line) }
        let text = "feed \(addresses[0]), token \(addresses[1]), breaker \(addresses[2]) "
            + "(feed \(s.feedDecimals) decimals, token \(s.tokenDecimals), heartbeat \(s.heartbeat) s, \(s.committeeSize) oracles, f=\(s.f))"
        return StepOutcome(ok: true, text: text)
    }

    // MARK: deploy

    private func loadArtifact(_ name: String, path: String, line: Int?) throws -> Artifact {
        let dir: String
        if let artifactsDir { dir = artifactsDir } else {
            do { dir = try FixtureArtifacts.directory() } catch { throw FieldError(path: path, line: line, message: "\(error)") }
        }
        let file = dir + "/\(name).json"
        guard FileManager.default.fileExists(atPath: file) else {
            let available = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
            throw FieldError(path: path, line: line, message: "no artifact '\(name)' in \(dir)"
                             + (available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))"))
        }
        do { return try store.load(path: file) } catch { throw FieldError(path: path, line: line, message: "\(error)") }
    }

    private func deploy(_ f: Fields) throws -> StepOutcome {
        try f.only(["deploy", "as", "from", "args", "value", "gas", "expect"], in: "a deploy step")
        let artifactName = try f.string("deploy", what: "an artifact name")
        let artifact = try loadArtifact(artifactName, path: "deploy", line: f.line)
        let alias = try f.optionalString("as", what: "a contract name") ?? artifactName
        try checkFree(alias, path: f.has("as") ? "as" : "deploy", line: f.line)
        let inputs = artifact.abi.constructor?.inputs ?? []
        let args = try arguments(f, inputs: inputs, signature: "constructor of \(artifactName)")
        let from = try f["from"].map { try sender($0, path: "from") }
        let value = try f["value"].map { try Numbers.unsigned($0, path: "value", what: "an amount") } ?? .zero
        let gas = try f["gas"].map { try Numbers.uint64($0, path: "gas") }
        var expect = CallExpect()
        if let e = f["expect"] {
            expect = try callExpect(e, path: "expect", function: nil, extraABIs: [artifact.abi], allowReturns: false)
        }
        label = "deploy \(artifactName) as \(alias)" + (from.map { " from \($0.label)" } ?? "")
        let expectsRevert = expect.revert != nil
        if !expectsRevert { bind(contract: Bound(name: alias, abi: artifact.abi, address: placeholderAddress(), artifact: artifactName)) }
        guard let chain else { return StepOutcome(ok: true, text: "") }
        if case .impersonated(let a, _)? = from { chain.prank(a) }
        let fromAccount: AddressConvertible? = { if case .account(let a, _)? = from { return a }; return nil }()
        let (outcome, contract) = try chain.tryDeploy(artifact, arguments: args, from: fromAccount, value: value, gasLimit: gas)
        if let contract, !expectsRevert {
            bind(contract: Bound(name: alias, abi: artifact.abi, address: contract.address, artifact: artifactName))
        }
        var (ok, text) = expect.judge(outcome, showValues: false, names: names)
        if ok, let contract, !expectsRevert { text = "\(contract.address)" + (text.hasPrefix("ok") ? "" : ", " + text) }
        return StepOutcome(ok: ok, text: text, fatal: !ok && !expectsRevert)
    }

    private func arguments(_ f: Fields, inputs: [ABIParameter], signature: String) throws -> [ABIValue] {
        var docs: [Doc] = []
        if let a = f["args"] {
            if case .list(let items, _) = a { docs = items } else if inputs.count == 1 { docs = [a] } else {
                throw FieldError(path: "args", line: a.line, message: "expected a list of arguments, got \(a.kindDescription)")
            }
        }
        return try Convert.arguments(docs, for: inputs, signature: signature, path: "args", line: f["args"]?.line ?? f.line, book: self)
    }

    private func argumentCount(_ f: Fields) -> Int {
        guard let a = f["args"] else { return 0 }
        if case .list(let items, _) = a { return items.count }
        return 1
    }

    // MARK: call / transact

    private func call(_ f: Fields, kind: String, expectPrefix: String = "expect") throws -> StepOutcome {
        let text = try f.string(kind, what: "<contract>.<function>")
        let (bound, function) = try target(text, path: kind, line: f[kind]?.line, argumentCount: argumentCount(f))
        let args = try arguments(f, inputs: function.inputs, signature: "\(bound.name).\(function.signature)")
        let from = try f["from"].map { try sender($0, path: "from") }
        let value = try f["value"].map { try Numbers.unsigned($0, path: "value", what: "an amount") } ?? .zero
        let gas = try f["gas"].map { try Numbers.uint64($0, path: "gas") }
        return try performCall(kind: kind, bound: bound, function: function, args: args, from: from, value: value, gas: gas,
                               expectDoc: f["expect"], expectPath: expectPrefix, fields: f)
    }

    private func performCall(kind: String, bound: Bound, function: ABIFunction, args: [ABIValue], from: Sender?,
                             value: U256, gas: UInt64?, expectDoc: Doc?, expectPath: String, fields: Fields?) throws -> StepOutcome {
        if let fields {
            try fields.only([kind, "args", "from", "value", "gas", "expect"], in: "a \(kind) step")
        }
        let expect = try expectDoc.map { try callExpect($0, path: expectPath, function: function, extraABIs: [], allowReturns: true) } ?? CallExpect()
        label = "\(kind) \(bound.name).\(displayName(bound, function))" + (from.map { " from \($0.label)" } ?? "")
        guard let chain else { return StepOutcome(ok: true, text: "") }
        let outcome = try invoke(chain, transact: kind == "transact", bound: bound, function: function, args: args,
                                 from: from, value: value, gas: gas)
        let (ok, text) = expect.judge(outcome, showValues: kind == "call", names: names)
        return StepOutcome(ok: ok, text: text)
    }

    /// The function as step lines show it: its full signature when the name is overloaded.
    private func displayName(_ bound: Bound, _ function: ABIFunction) -> String {
        bound.abi.functions.filter { $0.name == function.name }.count > 1 ? function.signature : function.name
    }

    /// Calls or transacts as `from`: a signing account, or an impersonated address (a prank).
    private func invoke(_ chain: Chain, transact: Bool, bound: Bound, function: ABIFunction, args: [ABIValue],
                        from: Sender?, value: U256, gas: UInt64?) throws -> CallOutcome {
        let contract = chain.at(bound.address, abi: bound.abi, name: bound.name)
        var fromAccount: AddressConvertible?
        switch from {
        case .account(let a, _)?: fromAccount = a
        case .impersonated(let a, _)?: chain.prank(a)
        case nil: break
        }
        return transact
            ? try contract.transact(function.signature, arguments: args, from: fromAccount, value: value, gasLimit: gas)
            : try contract.call(function.signature, arguments: args, from: fromAccount, value: value, gasLimit: gas)
    }

    // MARK: expectations

    func callExpect(_ doc: Doc, path: String, function: ABIFunction?, extraABIs: [ContractABI], allowReturns: Bool) throws -> CallExpect {
        let f = try Fields(doc, path: path, prefix: path + ".")
        try f.only(allowReturns ? ["returns", "revert", "revert_args", "events", "gas_below"]
                   : ["revert", "revert_args", "events", "gas_below"], in: path)
        return try callExpect(f, function: function, extraABIs: extraABIs)
    }

    func callExpect(_ f: Fields, function: ABIFunction?, extraABIs: [ContractABI]) throws -> CallExpect {
        var e = CallExpect()
        let abis = extraABIs + allABIs
        if let r = f["revert"] {
            e.revert = try revertSpec(r, args: f["revert_args"], path: f.path("revert"), argsPath: f.path("revert_args"), abis: abis)
        } else if let a = f["revert_args"] {
            throw FieldError(path: f.path("revert_args"), line: a.line, message: "revert_args needs revert: <custom error name>")
        }
        if let r = f["returns"] {
            guard let function else { throw FieldError(path: f.path("returns"), line: r.line, message: "returns applies to calls only") }
            if e.revert != nil { throw FieldError(path: f.path("returns"), line: r.line, message: "a call cannot both revert and return") }
            e.returns = try returns(r, function: function, path: f.path("returns"))
        }
        if let ev = f["events"] {
            if e.revert != nil { throw FieldError(path: f.path("events"), line: ev.line, message: "a reverted call emits no events") }
            e.events = try events(ev, path: f.path("events"), abis: abis)
        }
        if let g = f["gas_below"] { e.gasBelow = try Numbers.uint64(g, path: f.path("gas_below")) }
        return e
    }

    private func errors(named name: String, in abis: [ContractABI]) -> [ABIErrorDefinition] {
        var out: [ABIErrorDefinition] = []
        for abi in abis { for e in abi.errors where (e.name == name || e.signature == name) && !out.contains(e) { out.append(e) } }
        return out
    }

    private func knownErrorNames(_ abis: [ContractABI]) -> String {
        let names = Array(Set(abis.flatMap { $0.errors.map(\.name) })).sorted()
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    func revertSpec(_ doc: Doc, args: Doc?, path: String, argsPath: String, abis: [ContractABI]) throws -> RevertSpec {
        let s = try Fields.string(doc, path: path, what: "a custom error name, a revert reason or \"panic 0x11\"")
        let t = s.trimmingWhitespace
        func noArgs() throws {
            if let args { throw FieldError(path: argsPath, line: args.line, message: "revert_args applies to custom errors only") }
        }
        if case .scalar(_, true, _) = doc, t.lowercased() == "true" || t.lowercased() == "any" { try noArgs(); return .any }
        if t.lowercased() == "any" { try noArgs(); return .any }
        if t.lowercased().hasPrefix("panic") {
            try noArgs()
            var code = t.dropFirst(5).trimmingWhitespace
            if code.hasPrefix("(") && code.hasSuffix(")") { code = String(code.dropFirst().dropLast()) }
            guard !code.isEmpty else { return .custom(name: "Panic", args: nil) }
            let n: Number
            switch Numbers.parse(code) {
            case .success(let v): n = v
            case .failure(let why): throw FieldError(path: path, line: doc.line, message: "bad panic code \"\(code)\": \(why.text)")
            }
            return .panic(n.magnitude)
        }
        let isIdentifier: (Substring) -> Bool = { w in
            guard let first = w.first, first.isLetter || first == "_" else { return false }
            return w.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        if let open = t.firstIndex(of: "("), t.hasSuffix(")"), isIdentifier(t[..<open]) {
            let name = String(t[..<open])
            let inner = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            let defs = errors(named: name, in: abis)
            guard !defs.isEmpty else {
                throw FieldError(path: path, line: doc.line, message: "no custom error '\(name)' in the scenario's contracts (known: \(knownErrorNames(abis)))")
            }
            if let args { throw FieldError(path: argsPath, line: args.line, message: "arguments are already given in revert: \(s)") }
            // Name(type,type): a signature, no arguments to compare.
            if defs.contains(where: { $0.signature == name + "(" + inner.filter { $0 != " " } + ")" }) && !inner.isEmpty
                && inner.split(separator: ",").allSatisfy({ (try? ABIType($0.trimmingWhitespace)) != nil }) {
                return .custom(name: name, args: nil)
            }
            let parts = inner.trimmingWhitespace.isEmpty ? [] : splitTopLevel(inner)
            guard let def = defs.first(where: { $0.inputs.count == parts.count }) else {
                throw FieldError(path: path, line: doc.line, message: "\(name) takes \(defs[0].inputs.count) argument(s), got \(parts.count)")
            }
            let docs = parts.map { p -> Doc in
                var v = p.trimmingWhitespace
                if v.count >= 2, v.hasPrefix("\"") && v.hasSuffix("\"") || v.hasPrefix("'") && v.hasSuffix("'") { v = String(v.dropFirst().dropLast()) }
                return Doc.scalar(v, plain: true, line: doc.line)
            }
            let values = try Convert.arguments(docs, for: def.inputs, signature: def.signature, path: path, line: doc.line, book: self)
            return .custom(name: name, args: values)
        }
        if isIdentifier(Substring(t)), t.first?.isUppercase == true {
            let defs = errors(named: t, in: abis)
            guard !defs.isEmpty else {
                throw FieldError(path: path, line: doc.line, message: "no custom error '\(t)' in the scenario's contracts (known: \(knownErrorNames(abis))); "
                                 + "a revert reason string must be written exactly")
            }
            guard let args else { return .custom(name: t, args: nil) }
            guard case .list(let items, _) = args else {
                throw FieldError(path: argsPath, line: args.line, message: "expected a list, got \(args.kindDescription)")
            }
            guard let def = defs.first(where: { $0.inputs.count == items.count }) else {
                throw FieldError(path: argsPath, line: args.line, message: "\(t) takes \(defs[0].inputs.count) argument(s), got \(items.count)")
            }
            return .custom(name: t, args: try Convert.arguments(items, for: def.inputs, signature: def.signature, path: argsPath, line: args.line, book: self))
        }
        try noArgs()
        return .message(s)
    }

    /// Splits `a, [b, c], d` at the commas outside brackets.
    private func splitTopLevel(_ s: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in s {
            if c == "[" || c == "(" { depth += 1 }
            if c == "]" || c == ")" { depth -= 1 }
            if c == ",", depth == 0 { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        return parts
    }

    private func returns(_ doc: Doc, function: ABIFunction, path: String) throws -> [(index: Int, label: String, value: ABIValue)] {
        let outputs = function.outputs
        guard !outputs.isEmpty else {
            throw FieldError(path: path, line: doc.line, message: "\(function.signature) returns nothing")
        }
        switch doc {
        case .map(let pairs, _):
            return try pairs.map { key, value in
                guard let i = outputs.firstIndex(where: { $0.name == key }) else {
                    let names = outputs.map(\.name).filter { !$0.isEmpty }
                    throw FieldError(path: "\(path).\(key)", line: value.line,
                                     message: "\(function.name) has no output '\(key)'" + (names.isEmpty ? " (its outputs are unnamed; give a list)" : " (outputs: \(names.joined(separator: ", ")))"))
                }
                return (i, key, try Convert.abi(value, outputs[i].type, path: "\(path).\(key)", book: self))
            }
        case .list(let items, _) where items.count == outputs.count:
            return try items.enumerated().map { i, item in (i, "", try Convert.abi(item, outputs[i].type, path: "\(path)[\(i)]", book: self)) }
        default:
            if case .list(let items, _) = doc, outputs.count == 1 {
                switch outputs[0].type {
                case .array, .dynamicArray, .tuple: break
                default:
                    throw FieldError(path: path, line: doc.line, message: "\(function.name) returns 1 value, got a list of \(items.count)")
                }
            }
            guard outputs.count == 1 else {
                let count: String
                if case .list(let items, _) = doc { count = "\(items.count)" } else { count = "1" }
                throw FieldError(path: path, line: doc.line, message: "\(function.name) returns \(outputs.count) values, got \(count)")
            }
            return [(0, "", try Convert.abi(doc, outputs[0].type, path: path, book: self))]
        }
    }

    private func events(_ doc: Doc, path: String, abis: [ContractABI]) throws -> [EventSpec] {
        guard case .list(let items, _) = doc else {
            throw FieldError(path: path, line: doc.line, message: "expected a list of events ({Name: {field: value}}), got \(doc.kindDescription)")
        }
        let all = abis.flatMap(\.events)
        return try items.enumerated().map { i, item in
            let p = "\(path)[\(i)]"
            let name: String
            var fieldDocs: [(key: String, value: Doc)] = []
            switch item {
            case .scalar(let s, _, _) where !item.isNull: name = s
            case .map(let pairs, _) where pairs.count == 1:
                name = pairs[0].key
                if !pairs[0].value.isNull {
                    guard case .map(let fp, _) = pairs[0].value else {
                        throw FieldError(path: "\(p).\(name)", line: item.line, message: "expected a mapping of field → value, got \(pairs[0].value.kindDescription)")
                    }
                    fieldDocs = fp
                }
            default:
                throw FieldError(path: p, line: item.line, message: "expected an event name or {Name: {field: value}}, got \(item.kindDescription)")
            }
            let candidates = all.filter { $0.name == name }
            guard !candidates.isEmpty else {
                let known = Array(Set(all.map(\.name))).sorted()
                throw FieldError(path: p, line: item.line, message: "no event '\(name)' in the scenario's contracts (known: \(known.joined(separator: ", ")))")
            }
            guard let def = candidates.first(where: { d in fieldDocs.allSatisfy { fd in d.inputs.contains { $0.name == fd.key } } }) else {
                let missing = fieldDocs.first { fd in !candidates[0].inputs.contains { $0.name == fd.key } }?.key ?? "?"
                throw FieldError(path: "\(p).\(name).\(missing)", line: item.line,
                                 message: "event \(name) has no field '\(missing)' (fields: \(candidates[0].inputs.map(\.name).joined(separator: ", ")))")
            }
            let fields = try fieldDocs.map { key, value -> EventSpec.Field in
                let param = def.inputs.first { $0.name == key }!  // safe: checked above
                let fp = "\(p).\(name).\(key)"
                switch param.type {
                case .uint, .int, .address, .bool, .fixedBytes: break
                default:
                    if param.indexed {
                        let text = try Fields.string(value, path: fp, what: "a string or hex")
                        var bytes = Array(text.utf8)
                        if case .string = param.type {} else {
                            do { bytes = try ABI.hex(text) } catch { throw FieldError(path: fp, line: value.line, message: "expected 0x hex, got \"\(text)\"") }
                        }
                        return EventSpec.Field(name: key, value: .bytes(bytes), hashedBytes: bytes)
                    }
                }
                return EventSpec.Field(name: key, value: try Convert.abi(value, param.type, path: fp, book: self), hashedBytes: nil)
            }
            return EventSpec(name: name, fields: fields)
        }
    }

    private func standaloneExpect(_ f: Fields) throws -> StepOutcome {
        try f.only(["expect"], in: "an expect step")
        guard let doc = f["expect"] else { throw FieldError(path: "expect", line: f.line, message: "missing what to expect (call, balance or storage)") }
        let e = try Fields(doc, path: "expect", prefix: "expect.")
        let what = ["call", "balance", "storage"].filter { e.has($0) }
        guard what.count == 1 else {
            throw FieldError(path: "expect", line: e.line, message: what.isEmpty ? "expected one of call, balance, storage"
                             : "one check per step; found both \(what[0]) and \(what[1])")
        }
        switch what[0] {
        case "call":
            try e.only(["call", "args", "from", "value", "gas", "returns", "revert", "revert_args", "events", "gas_below"], in: "expect")
            let text = try e.string("call", what: "<contract>.<function>")
            var count = 0
            if let a = e["args"] { if case .list(let items, _) = a { count = items.count } else { count = 1 } }
            let (bound, function) = try target(text, path: "expect.call", line: e.line, argumentCount: count)
            var docs: [Doc] = []
            if let a = e["args"] { if case .list(let items, _) = a { docs = items } else { docs = [a] } }
            let args = try Convert.arguments(docs, for: function.inputs, signature: "\(bound.name).\(function.signature)",
                                             path: "expect.args", line: e.line, book: self)
            let from = try e["from"].map { try sender($0, path: "expect.from") }
            let value = try e["value"].map { try Numbers.unsigned($0, path: "expect.value", what: "an amount") } ?? .zero
            let gas = try e["gas"].map { try Numbers.uint64($0, path: "expect.gas") }
            let expect = try callExpect(e, function: function, extraABIs: [])
            label = "expect \(bound.name).\(displayName(bound, function))" + (from.map { " from \($0.label)" } ?? "")
            guard let chain else { return StepOutcome(ok: true, text: "") }
            let o = try invoke(chain, transact: false, bound: bound, function: function, args: args,
                               from: from, value: value, gas: gas)
            let (ok, t) = expect.judge(o, showValues: true, names: names)
            return StepOutcome(ok: ok, text: t)
        case "balance":
            try e.only(["balance"], in: "expect")
            let b = try Fields(e["balance"] ?? doc, path: "expect.balance", prefix: "expect.balance.")
            try b.only(["account", "equals", "at_least", "at_most"], in: "expect.balance")
            let who = try b.require("account", what: "the account")
            let address = try addressValue(who, path: "expect.balance.account")
            let bounds = try ["equals", "at_least", "at_most"].compactMap { k in
                try b[k].map { (k, try Numbers.unsigned($0, path: b.path(k), what: "an amount")) }
            }
            guard !bounds.isEmpty else { throw FieldError(path: "expect.balance.equals", line: b.line, message: "missing equals (or at_least / at_most)") }
            label = "expect balance of \(who.compact)"
            guard let chain else { return StepOutcome(ok: true, text: "") }
            let actual = chain.balance(of: address)
            for (k, v) in bounds {
                let good = k == "equals" ? actual == v : k == "at_least" ? !(actual < v) : !(v < actual)
                if !good { return StepOutcome(ok: false, text: "expected \(k.replacingOccurrences(of: "_", with: " ")) \(v) wei, got \(actual)") }
            }
            return StepOutcome(ok: true, text: "\(actual) wei")
        default:
            try e.only(["storage"], in: "expect")
            let s = try Fields(e["storage"] ?? doc, path: "expect.storage", prefix: "expect.storage.")
            try s.only(["address", "slot", "equals"], in: "expect.storage")
            let target = try s.require("address", what: "the address (account or contract name)")
            let address = try addressValue(target, path: "expect.storage.address")
            let slot = try Numbers.unsigned(s.require("slot", what: "the slot"), path: "expect.storage.slot", what: "a slot number")
            let want = try word(s.require("equals", what: "the expected value"), path: "expect.storage.equals")
            label = "expect storage \(target.compact)[\(slot.hexString)]"
            guard let chain else { return StepOutcome(ok: true, text: "") }
            let got = chain.load(address, slot: slot)
            return got == want ? StepOutcome(ok: true, text: got.hexString)
                : StepOutcome(ok: false, text: "expected \(want.hexString), got \(got.hexString)")
        }
    }

    /// A storage word: a number (negative ones in two's complement), an address name, or hex.
    func word(_ doc: Doc, path: String) throws -> U256 {
        if case .scalar(let s, _, _) = doc, let a = address(named: s) { return a.word }
        if case .scalar(let s, _, _) = doc, s.hasPrefix("0x") || s.hasPrefix("0X") {
            guard s.count <= 66, let v = U256(hex: s) else { throw FieldError(path: path, line: doc.line, message: "bad hex word \"\(s)\"") }
            return v
        }
        let n = try Numbers.number(doc, path: path)
        return n.negative ? n.magnitude.negated : n.magnitude
    }

    // MARK: report

    private func report(_ f: Fields) throws -> StepOutcome {
        try f.only(["report", "expect"], in: "a report step")
        let r = try Fields(f.require("report", what: "the report"), path: "report", prefix: "report.")
        try r.only(["feed", "observations", "signers", "transmitter", "epoch_and_round", "replay", "observers"], in: "report")
        guard let committee else {
            throw FieldError(path: "report", line: r.line, message: "no oracle committee: add `oracles: {count: 4, f: 1}` at the top, or a setup_por step before")
        }
        let feedName = try r.string("feed", what: "the feed contract")
        guard let feed = contracts[feedName] else {
            throw FieldError(path: "report.feed", line: r.line, message: "unknown contract '\(feedName)'" + (contractNames.isEmpty ? "" : " (contracts: \(contractNames.joined(separator: ", ")))"))
        }
        guard feed.abi.functions.contains(where: { $0.name == "transmit" }),
              feed.abi.functions.contains(where: { $0.name == "latestConfigDetails" }) else {
            throw FieldError(path: "report.feed", line: r.line, message: "\(feedName) (\(feed.artifact)) is not a PoRAggregator (no transmit)")
        }
        let replay = try r["replay"].map { try Numbers.bool($0, path: "report.replay") } ?? false
        var observations: [Answer] = []
        if replay {
            for k in ["observations", "signers", "epoch_and_round", "observers"] where r.has(k) {
                throw FieldError(path: r.path(k), line: r.line, message: "replay resends the previous report unchanged; remove \(k)")
            }
        } else {
            guard let obs = try r.list("observations") else {
                throw FieldError(path: "report.observations", line: r.line, message: "missing the observations (a list of numbers)")
            }
            guard !obs.isEmpty, obs.count <= 31 else {
                throw FieldError(path: "report.observations", line: r.line, message: "give 1 to 31 observations, got \(obs.count)")
            }
            observations = try obs.enumerated().map { try Numbers.answer($1, path: "report.observations[\($0)]") }
        }
        let signers = try r.list("signers")?.enumerated().map { try account($1, path: "report.signers[\($0)]") }
        if let signers, signers.count > 32 || signers.isEmpty {
            throw FieldError(path: "report.signers", line: r.line, message: "give 1 to 32 signers")
        }
        let transmitter = try r["transmitter"].map { try account($0, path: "report.transmitter") }
        let epochAndRound = try r["epoch_and_round"].map { d -> UInt64 in
            let v = try Numbers.uint64(d, path: "report.epoch_and_round")
            guard v < 1 << 40 else { throw FieldError(path: "report.epoch_and_round", line: d.line, message: "\(v) does not fit uint40") }
            return v
        }
        let observers = try r.list("observers")?.enumerated().map { UInt8(try Numbers.smallInt($1, path: "report.observers[\($0)]", range: 0...255)) }
        let expect = try f["expect"].map { try callExpect($0, path: "expect", function: nil, extraABIs: [], allowReturns: false) } ?? CallExpect()

        var l = "report \(feedName) " + (replay ? "(replay)" : "[" + observations.map(String.init).joined(separator: ", ") + "]")
        if let signers { l += " signed by " + signers.map(\.name).joined(separator: ", ") }
        if let transmitter { l += " from \(transmitter.name)" }
        label = l
        guard let chain else { return StepOutcome(ok: true, text: "") }

        let contract = chain.at(feed.address, abi: feed.abi, name: feed.name)
        let rep: OracleCommittee.Report
        if replay {
            guard let last = lastReport[feedName] else { return StepOutcome(ok: false, text: "no previous report to \(feedName) to replay") }
            rep = last
        } else {
            let details = try contract.readAll("latestConfigDetails")
            guard details.count == 3, let digest = details[2].bytesValue, digest.count == 32 else {
                return StepOutcome(ok: false, text: "latestConfigDetails returned \(details)")
            }
            var next: UInt64 = 1
            if let er = epochAndRound { next = er } else if feed.abi.functions.contains(where: { $0.name == "latestTransmissionDetails" }) {
                let t = try contract.readAll("latestTransmissionDetails")
                if t.count == 5, let epoch = t[1].uint64Value, let round = t[2].uint64Value { next = (epoch << 8 | round) + 1 }
            }
            rep = try committee.report(configDigest: U256(bigEndianBytes: digest), epochAndRound: next,
                                       observations: observations, signers: signers, observers: observers)
        }
        let outcome = try contract.transact("transmit", arguments: rep.transmitArguments,
                                            from: transmitter ?? committee.transmitters[0])
        if outcome.succeeded { lastReport[feedName] = rep }
        var (ok, text) = expect.judge(outcome, showValues: false, names: names)
        if ok, outcome.succeeded {
            let round = outcome.events(named: "AnswerUpdated").first?["roundId"].map { ", round \($0)" } ?? ""
            let answer = rep.observations.isEmpty ? "" : "answer \(rep.median)\(round)"
            text = text.hasPrefix("ok") ? answer : answer + ", " + text
        }
        return StepOutcome(ok: ok, text: text)
    }

    // MARK: cheats

    private func warpOrRoll(_ f: Fields, kind: String) throws -> StepOutcome {
        try f.only([kind], in: "a \(kind) step")
        let doc = try f.require(kind, what: kind == "warp" ? "a timestamp or +seconds" : "a block number or +n")
        let text = try Fields.string(doc, path: kind, what: kind == "warp" ? "a timestamp or \"+seconds\"" : "a block number or \"+n\"")
        let t = text.trimmingWhitespace
        let relative = t.hasPrefix("+") || t.hasPrefix("-")
        let n = try Numbers.number(.scalar(relative ? String(t.dropFirst()) : t, plain: true, line: doc.line), path: kind, time: kind == "warp")
        guard !n.negative, let amount = n.uint64 else {
            throw FieldError(path: kind, line: doc.line, message: "\(n) is out of range (0 to \(UInt64.max))")
        }
        label = "\(kind) \(t)"
        guard let chain else { return StepOutcome(ok: true, text: "") }
        let current = kind == "warp" ? chain.block.timestamp : chain.block.number
        var target = amount
        if t.hasPrefix("+") {
            let (s, o) = current.addingReportingOverflow(amount)
            guard !o else { return StepOutcome(ok: false, text: "\(current) + \(amount) overflows") }
            target = s
        } else if t.hasPrefix("-") {
            guard amount <= current else { return StepOutcome(ok: false, text: "\(current) - \(amount) is negative") }
            target = current - amount
        }
        if kind == "warp" { chain.warp(target) } else { chain.roll(target) }
        return StepOutcome(ok: true, text: kind == "warp" ? "timestamp \(target)" : "block \(target)")
    }

    private func deal(_ f: Fields) throws -> StepOutcome {
        try f.only(["deal"], in: "a deal step")
        let d = try Fields(f.require("deal", what: "{account, balance}"), path: "deal", prefix: "deal.")
        try d.only(["account", "balance"], in: "deal")
        let who = try d.require("account", what: "the account")
        let address = try addressValue(who, path: "deal.account")
        let balance = try Numbers.unsigned(d.require("balance", what: "the balance"), path: "deal.balance", what: "a balance")
        label = "deal \(who.compact)"
        chain?.deal(address, balance)
        return StepOutcome(ok: true, text: "balance \(balance) wei")
    }

    private func storeStep(_ f: Fields) throws -> StepOutcome {
        try f.only(["store"], in: "a store step")
        let s = try Fields(f.require("store", what: "{address, slot, value}"), path: "store", prefix: "store.")
        try s.only(["address", "slot", "value"], in: "store")
        let target = try s.require("address", what: "the address (account or contract name)")
        let address = try addressValue(target, path: "store.address")
        let slot = try Numbers.unsigned(s.require("slot", what: "the slot"), path: "store.slot", what: "a slot number")
        let value = try word(s.require("value", what: "the value"), path: "store.value")
        label = "store \(target.compact)[\(slot.hexString)]"
        chain?.store(address, slot: slot, value: value)
        return StepOutcome(ok: true, text: value.hexString)
    }

    private func etch(_ f: Fields) throws -> StepOutcome {
        try f.only(["etch"], in: "an etch step")
        let e = try Fields(f.require("etch", what: "{address, code}"), path: "etch", prefix: "etch.")
        try e.only(["address", "code"], in: "etch")
        let target = try e.require("address", what: "the address (account or contract name)")
        let address = try addressValue(target, path: "etch.address")
        let hex = try e.string("code", what: "the runtime code (hex)")
        let code: [UInt8]
        do { code = try ABI.hex(hex) } catch { throw FieldError(path: "etch.code", line: e.line, message: "expected hex code, got \"\(hex)\"") }
        label = "etch \(target.compact)"
        chain?.etch(address, code: code)
        return StepOutcome(ok: true, text: "\(code.count) bytes of code")
    }

    private func snapshot(_ f: Fields, kind: String) throws -> StepOutcome {
        try f.only([kind], in: "a \(kind) step")
        let n = try f.string(kind, what: "a snapshot name")
        label = "\(kind) \(n)"
        if kind == "snapshot" {
            snapshots[n] = Saved(id: chain?.snapshot() ?? -1, lastReport: lastReport, accountNames: accountNames,
                                 accounts: accounts, contractNames: contractNames, contracts: contracts,
                                 committee: committee, porDone: porDone)
            return StepOutcome(ok: true, text: "taken")
        }
        guard let s = snapshots[n] else {
            let known = snapshots.keys.sorted()
            throw FieldError(path: kind, line: f.line, message: "no snapshot '\(n)' taken before" + (known.isEmpty ? "" : " (snapshots: \(known.joined(separator: ", ")))"))
        }
        try chain?.revertTo(s.id)
        lastReport = s.lastReport
        accountNames = s.accountNames
        accounts = s.accounts
        contractNames = s.contractNames
        contracts = s.contracts
        committee = s.committee
        porDone = s.porDone
        return StepOutcome(ok: true, text: "restored")
    }
}
