import Foundation
import ABI
import EVM
import Harness
import UInt256

/// The top level of a scenario file: its name, fork, genesis block, artifact folders,
/// accounts, the plug-ins' keys, and the list of steps (read one by one afterwards).
struct TopLevel {
    static let keys = ["name", "description", "fork", "genesis", "artifacts", "accounts"]

    var name: String
    var steps: [Doc]

    /// Reads the top level into `scope` (accounts bound, artifact folders found).
    static func read(_ document: Doc, scope: Scope, registry: StepRegistry) throws -> TopLevel {
        let top = try Fields(document, path: "")
        try top.only(keys + registry.topLevelKeys + ["steps"], in: "the scenario")
        let name = try top.string("name", what: "the scenario's name (a string)")
        _ = try top.optionalString("description", what: "a description (a string)")
        if let f = try top.optionalString("fork", what: "a fork name") {
            guard let fork = Fork(name: f) else {
                throw FieldError(path: "fork", line: top["fork"]?.line,
                                 message: "unknown fork '\(f)' (known: \(Fork.allCases.map(\.description).joined(separator: ", ")))")
            }
            scope.fork = fork
        }
        if let g = top["genesis"] { scope.genesis = try genesis(g) }
        let own = try top["artifacts"].map { try artifactFolders($0, file: scope.file) } ?? []
        scope.artifacts = ArtifactFolders(folders: own + registry.artifactFolders)
        guard let stepList = try top.list("steps") else {
            throw FieldError(path: "steps", line: top.line, message: "missing the list of steps")
        }
        guard !stepList.isEmpty else { throw FieldError(path: "steps", line: top["steps"]?.line, message: "no steps") }

        scope.bind(account: TestAccount(named: "deployer"))
        if let acc = top["accounts"] { try readAccounts(acc, scope: scope) }
        for p in registry.plugins { try p.readTopLevel(top, scope: scope) }
        scope.readingTopLevel = false
        return TopLevel(name: name, steps: stepList)
    }

    /// `genesis: {timestamp, block, chain_id}`.
    static func genesis(_ doc: Doc) throws -> Genesis {
        let f = try Fields(doc, path: "genesis", prefix: "genesis.")
        try f.only(["timestamp", "block", "chain_id"], in: "genesis")
        var g = Genesis()
        if let t = f["timestamp"] { g.timestamp = try Numbers.uint64(t, path: "genesis.timestamp", time: true) }
        if let b = f["block"] { g.block = try Numbers.uint64(b, path: "genesis.block") }
        if let c = f["chain_id"] {
            // EIP-2294: a chain id is at most floor(MAX_UINT64 / 2) - 36, so that EIP-155's v fits 64 bits.
            let maxChainId: UInt64 = UInt64.max / 2 - 36
            let n = try Numbers.number(c, path: "genesis.chain_id")
            guard !n.negative, let v = n.uint64, v >= 1, v <= maxChainId else {
                throw FieldError(path: "genesis.chain_id", line: c.line, message: "\(n) is out of range (1 to \(maxChainId), EIP-2294)")
            }
            g.chainId = v
        }
        return g
    }

    /// `artifacts: folder` or `artifacts: [folder, …]`, relative to the scenario file.
    static func artifactFolders(_ doc: Doc, file: String) throws -> [String] {
        let items: [(Doc, String)]
        if case .list(let list, _) = doc {
            guard !list.isEmpty else { throw FieldError(path: "artifacts", line: doc.line, message: "an empty list of folders") }
            items = list.enumerated().map { ($1, "artifacts[\($0)]") }
        } else {
            items = [(doc, "artifacts")]
        }
        let base = (file as NSString).deletingLastPathComponent
        return try items.map { item, path in
            let a = try Fields.string(item, path: path, what: "a folder")
            let dir = a.hasPrefix("/") ? a : (base.isEmpty ? a : base + "/" + a)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw FieldError(path: path, line: item.line, message: "no folder '\(dir)'")
            }
            return dir
        }
    }

    static func readAccounts(_ doc: Doc, scope: Scope) throws {
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
            try scope.checkName(name, path: path, line: line)
            var balance = Scope.defaultBalance
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
            if scope.declared[name] != nil, name != "deployer" {
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
            scope.declared[name] = (balance, key != nil)
            scope.bind(account: account, balance: balance)
        }
    }
}
