import ArgumentParser
import EVM
import Ethereum
import Foundation
import Primitives
import Transition
import UInt256

/// `porvm t8n`: the transition tool interface of geth's `evm t8n` and the execution specs'
/// `ethereum-spec-evm t8n`, so that their test tooling can drive porvm.
struct T8nCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "t8n",
        abstract: "Apply transactions to a pre-state (geth's `evm t8n` interface): post-state alloc and block result out.",
        discussion: """
        Inputs are JSON files, or `stdin` (then stdin holds one object {"alloc", "env", "txs"}).
        txs is a list of JSON transactions (signed, or unsigned with `secretKey`) or a hex string
        of the RLP list of signed transactions. Outputs go to files under --output.basedir, or
        `stdout` (then one object {"alloc", "result"}), laid out as ethereum-spec-evm writes them.
        Invalid transactions are listed in the result's `rejected` and do not stop the block.
        Exit code 2 on bad input (malformed JSON or hex, an unknown fork, unreadable or oversized
        files), with one line on stderr; geth and ethereum-spec-evm use other codes for these.
        """)

    @Option(name: .customLong("input.alloc"), help: "Pre-state file, or `stdin`.") var inputAlloc = "alloc.json"
    @Option(name: .customLong("input.env"), help: "Block environment file, or `stdin`.") var inputEnv = "env.json"
    @Option(name: .customLong("input.txs"), help: "Transactions file (JSON list or RLP hex string; .rlp files too), or `stdin`.")
    var inputTxs = "txs.json"
    @Option(name: .customLong("input.blobParams"), help: "Blob schedule {target, max, baseFeeUpdateFraction} replacing the fork's, or `stdin`.")
    var inputBlobParams: String?
    @Option(name: .customLong("output.basedir"), help: "Folder for the output files and traces.") var outputBasedir = "."
    @Option(name: .customLong("output.result"), help: "Result file name, or `stdout`.") var outputResult = "result.json"
    @Option(name: .customLong("output.alloc"), help: "Post-state file name, or `stdout`.") var outputAlloc = "alloc.json"
    @Option(name: .customLong("output.body"), help: "File name for the RLP of the transactions read, or `stdout`.") var outputBody: String?
    @Option(name: .customLong("state.fork"), help: "Fork: Berlin, London, Paris (Merge), Shanghai, Cancun, Prague, Osaka.")
    var stateFork = "Cancun"
    @Option(name: .customLong("state.chainid"), help: "Chain id.") var stateChainId = "1"
    @Option(name: .customLong("state.reward"), parsing: .unconditional, help: "Block reward in wei before the Merge; -1 pays none.")
    var stateReward: Int64?
    @Flag(name: .customLong("trace"), help: "Write an EIP-3155 trace per transaction: trace-<index>-<hash>.jsonl in --output.basedir.")
    var trace = false
    @Flag(name: .customLong("trace.memory"), help: "Accepted for compatibility (traces carry no memory).") var traceMemory = false
    @Flag(name: .customLong("trace.returndata"), help: "Accepted for compatibility (traces carry the return data).") var traceReturnData = false
    @Flag(name: .customLong("state-test"), help: "State-test mode: only the first transaction, no system calls, rewards or withdrawals.")
    var stateTest = false

    /// The largest input read (file or stdin).
    static let maxInputBytes = 64 << 20

    func run() throws {
        guard let fork = Fork(name: stateFork) else { throw CLIError("t8n: unsupported fork '\(stateFork)'") }
        guard let chainId = U256(decimal: stateChainId) ?? (stateChainId.hasPrefix("0x") ? U256(hex: stateChainId) : nil) else {
            throw CLIError("t8n: --state.chainid must be a number")
        }
        if let r = stateReward, r < -1 { throw CLIError("t8n: --state.reward must be -1 or more") }

        let inputs = [inputAlloc, inputEnv, inputTxs, inputBlobParams].compactMap { $0 }
        var stdin: [String: Any]?
        if inputs.contains("stdin") {
            guard let o = try parse(read("/dev/stdin", name: "stdin"), name: "stdin") as? [String: Any] else {
                throw CLIError("t8n: stdin must hold a JSON object {alloc, env, txs}")
            }
            stdin = o
        }
        func input(_ path: String, key: String) throws -> Any? {
            if path == "stdin" { return stdin?[key] }
            return try parse(read(path, name: path), name: path)
        }
        guard let alloc = try input(inputAlloc, key: "alloc") else { throw CLIError("t8n: no alloc in the input") }
        guard let env = try input(inputEnv, key: "env") else { throw CLIError("t8n: no env in the input") }
        let txs = try input(inputTxs, key: "txs")
        var schedule: BlobSchedule?
        if let p = inputBlobParams {
            guard let o = try input(p, key: "blobParams") as? [String: Any] else { throw CLIError("t8n: blobParams must be a JSON object") }
            schedule = try blobSchedule(o)
        }

        let basedir = outputBasedir
        let writesFiles = [outputResult, outputAlloc, outputBody ?? "stdout"].contains { $0 != "stdout" } || trace
        if writesFiles {
            do { try FileManager.default.createDirectory(atPath: basedir, withIntermediateDirectories: true) } catch {
                throw CLIError("t8n: cannot create --output.basedir '\(basedir)'")
            }
        }
        var traceFailure: String?
        var options = Transition.Options(fork: fork, chainId: chainId, reward: stateReward, stateTest: stateTest, blobSchedule: schedule)
        if trace {
            options.tracer = { position, hash in
                let path = (basedir as NSString).appendingPathComponent("trace-\(position)-\(Hex.encode(hash, prefix: true)).jsonl")
                var lines = ""
                let tracer = EIP3155Tracer(write: { lines += $0 + "\n" })
                return (tracer, { outcome in
                    guard let o = outcome else { return }   // rejected: no trace, as the specs' tool
                    let result = CallResult(status: o.status, gasLeft: 0, output: o.output)
                    lines += EIP3155Tracer.summary(result, gasUsed: Int64(clamping: o.gasUsed)) + "\n"
                    if !FileManager.default.createFile(atPath: path, contents: Data(lines.utf8)) { traceFailure = path }
                })
            }
        }

        let output: Transition.Output
        do {
            output = try Transition.run(alloc: alloc, env: env, txs: txs, options: options)
        } catch {
            throw CLIError("t8n: \(error.description)")
        }
        if let traceFailure { throw CLIError("t8n: cannot write '\(traceFailure)'") }

        var toStdout = [(String, JSONOut)]()
        let bodyHex = JSONOut.string(Hex.encode(output.body, prefix: true))
        if let b = outputBody {
            if b == "stdout" { toStdout.append(("body", bodyHex)) } else { try write(JSONText.quoted(Hex.encode(output.body, prefix: true)), b) }
        }
        if outputAlloc == "stdout" { toStdout.append(("alloc", output.alloc)) } else { try write(output.alloc.text(), outputAlloc) }
        if outputResult == "stdout" { toStdout.append(("result", output.result)) } else { try write(output.result.text(), outputResult) }
        if !toStdout.isEmpty { say(JSONOut.object(toStdout).text()) }
    }

    private func read(_ path: String, name: String) throws -> [UInt8] {
        do { return try BoundedFile.read(path, limit: Self.maxInputBytes) } catch { throw CLIError("t8n: \(error)") }
    }

    private func parse(_ bytes: [UInt8], name: String) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw CLIError("t8n: \(name) is not valid JSON")
        }
    }

    private func write(_ text: String, _ name: String) throws {
        let path = (outputBasedir as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw CLIError("t8n: cannot write '\(path)'") }
    }

    private func blobSchedule(_ o: [String: Any]) throws -> BlobSchedule {
        func field(_ k: String) throws -> UInt64 {
            if let n = o[k] as? NSNumber, n.int64Value >= 0, n.stringValue == String(n.int64Value) { return UInt64(n.int64Value) }
            if let s = o[k] as? String, let v = s.hasPrefix("0x") ? U256(hex: s) : U256(decimal: s), v.fitsInUInt64 { return v.w0 }
            throw CLIError("t8n: blobParams.\(k) must be a 64-bit number")
        }
        return BlobSchedule(target: try field("target"), max: try field("max"), baseFeeUpdateFraction: try field("baseFeeUpdateFraction"))
    }
}
