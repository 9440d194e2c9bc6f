import ArgumentParser
import Primitives
import EVM
import Ethereum
import Foundation
import UInt256

/// `porvm exec`: runs many transactions, one JSON case per input line, one JSON result per
/// output line, in one process (for differential fuzzing and other batch drivers).
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run transactions given as JSON lines; print one JSON result line each.",
        discussion: """
        Each input line is one case (numbers are JSON integers or "0x" hex strings; byte
        strings are "0x" hex; fields in [] are optional):
          {"id": any, ["fork": "Cancun"],
           "env": {["number"], ["timestamp"], ["coinbase"], ["gasLimit"], ["baseFee"],
                   ["prevRandao"], ["difficulty"], ["chainId"], ["excessBlobGas"],
                   ["blockHashes": {"<number>": "0x<32 bytes>"}]},
           "pre": {"0x<address>": {["code"], ["balance"], ["nonce"], ["storage": {"<key>": "<value>"}]}},
           "tx": {"caller", ["to" (absent or null: creation)], ["data"], ["value"], "gasLimit",
                  ["gasPrice"], ["maxFeePerGas", "maxPriorityFeePerGas"] (EIP-1559),
                  ["nonce" (default: the caller's)], ["accessList": [{"address", "storageKeys"}]]}}
        Each output line: {"id", "status": "success" | "revert" | "halt" | "rejected",
          "reason" (halt or rejection), "gasUsed" (after refund, with intrinsic gas), "output",
          "logs": [{"address", "topics", "data"}], ["created"],
          "post": {"0x<address>": {"balance", "nonce", "code", "codeHash", "storage"}} (every account after
          the transaction), ["ops": 64 hex digits, bit i set when opcode i ran (--coverage)]}.
        The transaction runs through the transaction processor: validation, intrinsic gas,
        up-front fee, refund, fee to the coinbase. Bad input is one line on stderr and exit
        code 2, after the results of the lines before it.
        """)

    @Argument(help: "A file of JSON lines; stdin when absent or '-'.") var file: String?
    @Flag(help: "Report which opcodes ran in each case (\"ops\").") var coverage = false

    static let maxLineBytes = 8 << 20
    static let maxAccounts = 1_000
    static let maxStorageEntries = 100_000
    static let maxCodeBytes = 1 << 20
    static let maxBlockHashes = 256

    static let maxNesting = 32

    /// The deepest nesting of arrays and objects in `line` (outside strings), so that a hostile
    /// line cannot exhaust the parser's stack.
    static func nestingDepth(_ line: String) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in line.utf8 {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    func run() throws {
        let coverage = self.coverage
        var lineNumber = 0
        func process(_ line: String) throws {
            lineNumber += 1
            if line.allSatisfy({ $0.isWhitespace }) { return }
            guard line.utf8.count <= Self.maxLineBytes else {
                throw CLIError("line \(lineNumber): longer than \(Self.maxLineBytes) bytes")
            }
            guard Self.nestingDepth(line) <= Self.maxNesting else {
                throw CLIError("line \(lineNumber): JSON nested deeper than \(Self.maxNesting) levels")
            }
            let c: ExecCase
            do {
                c = try ExecCase(json: line)
            } catch {
                let e = error
                throw CLIError("line \(lineNumber): \(e.description)")
            }
            let out = DeepStack.run { c.execute(coverage: coverage) }
            say(out)
            fflush(stdout)
        }
        if let file, file != "-" {
            let text: String
            do { text = try BoundedFile.readText(file) } catch { throw CLIError("\(error)") }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { try process(String(line)) }
        } else {
            try Self.forEachStandardInputLine(maxBytes: Self.maxLineBytes) { line in
                guard let line else { throw CLIError("line \(lineNumber + 1): longer than \(Self.maxLineBytes) bytes") }
                try process(line)
            }
        }
    }

    /// Lines of standard input without reading an endless line whole (readLine would): a line
    /// longer than `maxBytes` is passed as nil.
    static func forEachStandardInputLine(maxBytes: Int, _ body: (String?) throws -> Void) throws {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // read(2), not fread: a batch must be answered before the next one is written.
            let got = read(STDIN_FILENO, &buffer, buffer.count)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            let n = got
            var start = 0
            for i in 0..<n where buffer[i] == 0x0a {
                pending.append(contentsOf: buffer[start..<i])
                try body(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                start = i + 1
            }
            pending.append(contentsOf: buffer[start..<n])
            if pending.count > maxBytes { try body(nil); return }
        }
        if !pending.isEmpty { try body(String(decoding: pending, as: UTF8.self)) }
    }
}

struct ExecInputError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Records which opcodes ran.
final class OpcodeCoverage: Inspector {
    var seen = [Bool](repeating: false, count: 256)
    func step(_ frame: borrowing Frame, opcode: UInt8) { seen[Int(opcode)] = true }
    var hex: String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in 0..<256 where seen[i] { bytes[31 - i / 8] |= UInt8(1 << (i % 8)) }
        return Hex.encode(bytes)
    }
}

/// One parsed case of `porvm exec`.
struct ExecCase {
    var id: Any?
    var fork: Fork
    var block: BlockEnvironment
    var pre: [Address: Account] = [:]
    var tx: Transaction
    var caller: Address

    init(json line: String) throws(ExecInputError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]),
              let root = object as? [String: Any] else { throw ExecInputError("not a JSON object") }
        id = root["id"]
        let forkName = try Self.string(root["fork"] ?? Fork.latest.description, "fork")
        guard let fork = Fork(name: forkName) else { throw ExecInputError("unknown fork '\(forkName)'") }
        self.fork = fork

        let env = try Self.object(root["env"] ?? [String: Any](), "env")
        var block = BlockEnvironment(blobSchedule: fork.blobSchedule)
        if let v = env["number"] { block.number = try Self.uint64(v, "env.number") }
        if let v = env["timestamp"] { block.timestamp = try Self.uint64(v, "env.timestamp") }
        if let v = env["coinbase"] { block.coinbase = try Self.address(v, "env.coinbase") }
        if let v = env["gasLimit"] { block.gasLimit = try Self.uint64(v, "env.gasLimit") }
        if let v = env["baseFee"] { block.baseFee = try Self.word(v, "env.baseFee") }
        if let v = env["prevRandao"] { block.prevRandao = try Self.word(v, "env.prevRandao") }
        if let v = env["difficulty"] { block.difficulty = try Self.word(v, "env.difficulty") }
        if let v = env["chainId"] { block.chainId = try Self.word(v, "env.chainId") }
        if let v = env["excessBlobGas"] { block.excessBlobGas = try Self.uint64(v, "env.excessBlobGas") }
        if let v = env["blockHashes"] {
            let hashes = try Self.object(v, "env.blockHashes")
            guard hashes.count <= ExecCommand.maxBlockHashes else { throw ExecInputError("env.blockHashes: more than 256") }
            for (k, h) in hashes {
                block.blockHashes[try Self.uint64(k, "env.blockHashes key")] = try Self.word(h, "env.blockHashes")
            }
        }
        self.block = block

        let pre = try Self.object(root["pre"] ?? [String: Any](), "pre")
        guard pre.count <= ExecCommand.maxAccounts else { throw ExecInputError("pre: more than \(ExecCommand.maxAccounts) accounts") }
        var storageEntries = 0
        for (key, value) in pre {
            let a = try Self.address(key, "pre key")
            let acc = try Self.object(value, "pre[\(key)]")
            let code = try Self.bytes(acc["code"] ?? "0x", "pre[\(key)].code")
            guard code.count <= ExecCommand.maxCodeBytes else { throw ExecInputError("pre[\(key)].code: too long") }
            var storage = [U256: U256]()
            let st = try Self.object(acc["storage"] ?? [String: Any](), "pre[\(key)].storage")
            storageEntries += st.count
            guard storageEntries <= ExecCommand.maxStorageEntries else { throw ExecInputError("pre: too many storage entries") }
            for (k, v) in st {
                let value = try Self.word(v, "pre[\(key)].storage")
                if !value.isZero { storage[try Self.word(k, "pre[\(key)].storage key")] = value }
            }
            self.pre[a] = Account(nonce: try Self.uint64(acc["nonce"] ?? 0, "pre[\(key)].nonce"),
                                  balance: try Self.word(acc["balance"] ?? 0, "pre[\(key)].balance"),
                                  code: Bytecode(code), storage: storage)
        }

        let t = try Self.object(root["tx"] as Any, "tx")
        caller = try Self.address(t["caller"] as Any, "tx.caller")
        var tx = Transaction()
        if let to = t["to"], !(to is NSNull) { tx.to = try Self.address(to, "tx.to") }
        tx.data = try Self.bytes(t["data"] ?? "0x", "tx.data")
        guard tx.data.count <= ExecCommand.maxCodeBytes else { throw ExecInputError("tx.data: too long") }
        tx.value = try Self.word(t["value"] ?? 0, "tx.value")
        guard let gas = t["gasLimit"] else { throw ExecInputError("tx.gasLimit: missing") }
        tx.gasLimit = try Self.word(gas, "tx.gasLimit")
        tx.gasPrice = try Self.word(t["gasPrice"] ?? 0, "tx.gasPrice")
        if let m = t["maxFeePerGas"] {
            tx.kind = .feeMarket
            tx.chainId = block.chainId
            tx.maxFeePerGas = try Self.word(m, "tx.maxFeePerGas")
            tx.maxPriorityFeePerGas = try Self.word(t["maxPriorityFeePerGas"] ?? 0, "tx.maxPriorityFeePerGas")
        }
        if let n = t["nonce"] {
            tx.nonce = U256(try Self.uint64(n, "tx.nonce"))
        } else {
            tx.nonce = U256(self.pre[caller]?.nonce ?? 0)
        }
        if let list = t["accessList"] {
            guard let entries = list as? [Any], entries.count <= ExecCommand.maxAccounts else {
                throw ExecInputError("tx.accessList: not a list (or too long)")
            }
            for e in entries {
                let o = try Self.object(e, "tx.accessList entry")
                let keys = o["storageKeys"] as? [Any] ?? []
                guard keys.count <= ExecCommand.maxStorageEntries else { throw ExecInputError("tx.accessList: too many keys") }
                var storageKeys = [U256]()
                for k in keys { storageKeys.append(try Self.word(k, "tx.accessList key")) }
                tx.accessList.append(AccessListEntry(address: try Self.address(o["address"] as Any, "tx.accessList address"),
                                                     storageKeys: storageKeys))
            }
            if tx.kind == .legacy { tx.kind = .accessList; tx.chainId = block.chainId }
        }
        self.tx = tx
    }

    func execute(coverage: Bool) -> String {
        let state = WorldState(accounts: pre)
        let evm = EVM(fork: fork, state: state, block: block)
        let inspector = coverage ? OpcodeCoverage() : nil
        var r: ExecResult
        do {
            let outcome = try TransactionProcessor.apply(tx, sender: caller, evm: evm, inspector: inspector)
            switch outcome.status {
            case .success: r = ExecResult(id: id, status: "success")
            case .revert: r = ExecResult(id: id, status: "revert")
            default: r = ExecResult(id: id, status: "halt", reason: "\(outcome.status)")
            }
            r.gasUsed = outcome.gasUsed
            r.output = Hex.encode(outcome.output, prefix: true)
            r.logs = ExecResult.entries(outcome.logs)
            if let created = outcome.createdAddress, outcome.status.isSuccess { r.created = created.description }
        } catch {
            r = ExecResult(id: id, status: "rejected", reason: error.description)
        }
        for (a, acc) in state.accounts {
            var storage: [String: String] = [:]
            for (k, slot) in acc.storage where !slot.current.isZero { storage[k.hexString] = slot.current.hexString }
            r.post[a.description] = ExecResult.PostAccount(
                balance: acc.balance.hexString, nonce: acc.nonce, code: Hex.encode(acc.code.bytes, prefix: true),
                codeHash: ExecResult.word32(acc.code.hash), storage: storage)
        }
        r.ops = inspector?.hex
        return r.json
    }

    // MARK: field parsing (never traps: every failure is an ExecInputError)

    static func object(_ v: Any, _ field: String) throws(ExecInputError) -> [String: Any] {
        guard let o = v as? [String: Any] else { throw ExecInputError("\(field): expected an object") }
        return o
    }

    static func string(_ v: Any, _ field: String) throws(ExecInputError) -> String {
        guard let s = v as? String else { throw ExecInputError("\(field): expected a string") }
        return s
    }

    static func word(_ v: Any, _ field: String) throws(ExecInputError) -> U256 {
        if let n = v as? Int {
            guard n >= 0 else { throw ExecInputError("\(field): negative") }
            return U256(UInt64(n))
        }
        if let n = v as? UInt64 { return U256(n) }
        if let d = v as? Double {
            guard d >= 0, d == d.rounded(), d < 9.2e18 else { throw ExecInputError("\(field): not a non-negative integer") }
            return U256(UInt64(d))
        }
        guard let s = v as? String else { throw ExecInputError("\(field): expected a number or hex string") }
        let parsed: U256?
        if s.hasPrefix("0x") || s.hasPrefix("0X") {
            var digits = Substring(s.dropFirst(2))
            while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
            parsed = U256(hex: String(digits))
        } else {
            parsed = U256(decimal: s)
        }
        guard let parsed else { throw ExecInputError("\(field): bad number '\(s.prefix(80))'") }
        return parsed
    }

    static func uint64(_ v: Any, _ field: String) throws(ExecInputError) -> UInt64 {
        let w = try word(v, field)
        guard w.fitsInUInt64 else { throw ExecInputError("\(field): does not fit in 64 bits") }
        return w.w0
    }

    static func bytes(_ v: Any, _ field: String) throws(ExecInputError) -> [UInt8] {
        let s = try string(v, field)
        guard let b = Hex.decode(s) else { throw ExecInputError("\(field): bad hex") }
        return b
    }

    static func address(_ v: Any, _ field: String) throws(ExecInputError) -> Address {
        let b = try bytes(v, field)
        guard b.count == 20 else { throw ExecInputError("\(field): an address is 20 bytes") }
        return Address(b)
    }
}
