import Foundation
import Primitives
import UInt256
import EVM
import EVMCrypto
import Ethereum

/// The transition tool (`porvm t8n`): a pre-state, a block environment and transactions in,
/// the post-state and the block's result out, in the format of geth's `evm t8n` and the
/// execution specs' `ethereum-spec-evm t8n`.
public enum Transition {
    public struct Options {
        public var fork: Fork
        public var chainId: U256
        /// `--state.reward`: nil for the fork's own, -1 for none.
        public var reward: Int64?
        /// Only the first transaction, no system calls, rewards or withdrawals (`--state-test`).
        public var stateTest: Bool
        /// `--input.blobParams`, replacing the fork's schedule.
        public var blobSchedule: BlobSchedule?
        /// Called per transaction (block position, hash): an inspector, and what to do after it.
        public var tracer: ((Int, [UInt8]) -> (any Inspector, (TransactionOutcome?) -> Void)?)?

        public init(fork: Fork, chainId: U256 = U256(1), reward: Int64? = nil, stateTest: Bool = false,
                    blobSchedule: BlobSchedule? = nil, tracer: ((Int, [UInt8]) -> (any Inspector, (TransactionOutcome?) -> Void)?)? = nil) {
            self.fork = fork
            self.chainId = chainId
            self.reward = reward
            self.stateTest = stateTest
            self.blobSchedule = blobSchedule
            self.tracer = tracer
        }
    }

    public struct Output {
        public var result: JSONOut
        public var alloc: JSONOut
        /// rlp([transactions]) of those read, as `--output.body` writes it.
        public var body: [UInt8]
    }

    /// Runs the transition on parsed JSON inputs (`alloc` and `env` objects; `txs` a list, an RLP
    /// hex string, or nil for none).
    public static func run(alloc: Any, env: Any, txs: Any?, options: Options) throws(T8nError) -> Output {
        let fork = options.fork
        let schedule = options.blobSchedule ?? fork.blobSchedule
        let state = try Alloc.state(alloc)
        let environment = try T8nEnvironment(env, fork: fork, chainId: options.chainId, schedule: schedule)
        let input = try TransactionInput(txs, chainId: options.chainId)
        let evm = EVM(fork: fork, state: state, block: environment.block)
        let processor = BlockProcessor(fork: fork, evm: evm, environment: environment, reward: options.reward,
                                       stateTest: options.stateTest, tracer: options.tracer)
        // 1024 nested frames recurse through the interpreter: a large stack, as statetest runs on.
        let out = DeepStack.run { processor.run(input) }
        let body = RLP.encode(.list(input.parsed.map { p in
            let e = p.transaction.encoded()
            return p.transaction.kind == .legacy ? (try? RLP.decode(e)) ?? .bytes(e) : .bytes(e)
        }))
        return Output(result: result(out, state: state, environment: environment, fork: fork),
                      alloc: Alloc.json(state), body: body)
    }

    /// The result object, keys in the order and with the nulls of the specs' `Result.to_json`.
    static func result(_ out: BlockOutput, state: WorldState, environment: T8nEnvironment, fork: Fork) -> JSONOut {
        func hex(_ b: [UInt8]) -> JSONOut { .string(Hex.encode(b, prefix: true)) }
        func number(_ v: U256) -> JSONOut { .string(v.hexString) }
        var r: [(String, JSONOut)] = [
            ("stateRoot", hex(StateRoot.compute(state))),
            ("txRoot", hex(ListRoot.root(out.transactions))),
            ("receiptsRoot", hex(ListRoot.root(out.receipts.map { ($0.index, $0.receipt.encoded) }))),
        ]
        if fork.has(.eip4895) {
            r.append(("withdrawalsRoot", hex(ListRoot.root(out.withdrawals.enumerated().map { ($0.offset, $0.element.encoded) }))))
        }
        r.append(("logsHash", hex(StateRoot.logsHash(out.logs))))
        r.append(("logsBloom", hex(Receipt.bloom(out.logs))))
        r.append(("gasUsed", number(U256(out.gasUsed))))
        // Zero is reported as null, as the specs' tool does (`if self.difficulty`).
        r.append(("currentDifficulty", environment.difficulty.map { $0.isZero ? .null : number($0) } ?? .null))
        r.append(("currentBaseFee", environment.baseFee.map { $0.isZero ? .null : number($0) } ?? .null))
        if let excess = environment.excessBlobGas {
            r.append(("currentExcessBlobGas", number(U256(excess))))
            // geth reports it; the specs' tool leaves it out (compare.py allows this one extra key).
            r.append(("blobGasUsed", number(U256(out.blobGasUsed))))
        }
        r.append(("rejected", .array(out.rejected.map { .object([("index", .number($0.0)), ("error", .string($0.1))]) })))
        r.append(("receipts", .array(out.receipts.map { $0.receipt.json })))
        if fork.has(.eip7685) {
            var hashes = [UInt8]()
            for request in out.requests { hashes += Digest.sha256(request) }
            r.append(("requestsHash", hex(Digest.sha256(hashes))))
            r.append(("requests", .array(out.requests.map { hex($0) })))
        }
        if let e = out.blockException { r.append(("blockException", .string(e))) }
        return .object(r)
    }
}
