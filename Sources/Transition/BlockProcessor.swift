import Primitives
import UInt256
import EVM
import EVMCrypto
import Ethereum

/// What the block produced: the lists whose roots the result reports.
public struct BlockOutput {
    public var gasUsed: UInt64 = 0
    public var blobGasUsed: UInt64 = 0
    /// (index, encoding) of every transaction that was read, rejected or not: the specs' t8n puts
    /// a transaction in the transactions trie before validating it and keeps it there.
    public var transactions: [(index: Int, value: [UInt8])] = []
    public var receipts: [(index: Int, receipt: Receipt)] = []
    public var logs: [Log] = []
    /// Input index -> reason: those that could not be read, then the invalid ones in block order
    /// (the specs' tool's order).
    public var rejected: [(Int, String)] = []
    /// EIP-7685: each non-empty request list, type byte first.
    public var requests: [[UInt8]] = []
    /// EIP-4895: those processed (none in state-test mode).
    public var withdrawals: [Withdrawal] = []
    /// A block-level failure (a system contract missing or failing, a malformed deposit log).
    public var blockException: String?
}

/// Applies a block to the pre-state as the execution specs' t8n does (`T8N.run_blockchain_test`):
/// the EIP-2935 and EIP-4788 system calls, the transactions in order (an invalid one is rejected
/// and skipped, never stops the block), the proof-of-work reward, EIP-4895 withdrawals, and the
/// EIP-7685 requests. In state-test mode, only the first transaction and nothing else.
struct BlockProcessor {
    let fork: Fork
    let evm: EVM
    let environment: T8nEnvironment
    /// nil: the fork's reward; -1: none.
    let reward: Int64?
    let stateTest: Bool
    /// A tracer for the transaction at this position in the block, and what to do when it is done.
    let tracer: ((Int, [UInt8]) -> (any Inspector, (TransactionOutcome?) -> Void)?)?

    static let blockReward = U256(2_000_000_000_000_000_000 as UInt64)   // 2 ETH from Constantinople until the Merge

    func run(_ input: TransactionInput) -> BlockOutput {
        var out = BlockOutput()
        out.rejected = input.unreadable
        if !stateTest {
            if fork.has(.eip2935) {
                let parent = environment.parentHash ?? .zero
                _ = SystemCall.run(SystemCall.historyStorageAddress, data: parent.bigEndianBytes, evm: evm)
            }
            if fork.has(.eip4788), let root = environment.parentBeaconBlockRoot {
                _ = SystemCall.run(SystemCall.beaconRootsAddress, data: root.bigEndianBytes, evm: evm)
            }
        }
        let transactions = stateTest ? Array(input.parsed.prefix(1)) : input.parsed
        for (position, p) in transactions.enumerated() {
            apply(p, at: position, into: &out)
        }
        if stateTest { return out }

        if !fork.has(.eip3675) { payReward() }
        if fork.has(.eip4895) {
            out.withdrawals = environment.withdrawals
            for w in environment.withdrawals where w.amount != 0 {
                evm.state.addBalance(w.address, U256(w.amount) &* U256(1_000_000_000))   // gwei
            }
        }
        if fork.has(.eip7685) { processRequests(into: &out) }
        return out
    }

    private func apply(_ p: TransactionInput.Parsed, at position: Int, into out: inout BlockOutput) {
        let tx = p.transaction
        let encoded = tx.encoded()
        out.transactions.append((position, encoded))
        // Checks against what the block has left (the specs' `check_transaction`); the
        // processor checks the transaction against the whole block's limits.
        if !tx.gasLimit.fitsInUInt64 || tx.gasLimit.w0 > evm.block.gasLimit - out.gasUsed {
            out.rejected.append((p.index, RejectionText.gasAllowance))
            return
        }
        let blobGas = BlobGas.perBlob &* UInt64(tx.blobVersionedHashes.count)
        if blobGas > evm.block.blobSchedule.maxBlobGasPerBlock - min(out.blobGasUsed, evm.block.blobSchedule.maxBlobGasPerBlock) {
            out.rejected.append((p.index, RejectionText.blobGasLimit))
            return
        }
        let hash = Keccak256.hash(encoded)
        let traced = tracer?(position, hash)
        do {
            let outcome = try TransactionProcessor.apply(tx, sender: p.sender, evm: evm, inspector: traced?.0)
            traced?.1(outcome)
            out.gasUsed += outcome.gasUsed
            out.blobGasUsed += blobGas
            out.receipts.append((position, Receipt(kind: tx.kind, transactionHash: hash, succeeded: outcome.status.isSuccess,
                                                   cumulativeGasUsed: out.gasUsed, logs: outcome.logs)))
            out.logs += outcome.logs
        } catch {
            traced?.1(nil)
            let nonce = p.sender.map { evm.state.nonce($0) } ?? 0
            out.rejected.append((p.index, RejectionText.of(error, tx: tx, senderNonce: nonce, baseFee: evm.block.baseFee)))
        }
    }

    /// Proof of work: the miner gets the reward plus 1/32 of it per ommer; each ommer's miner
    /// gets (8 - delta)/8 of it.
    private func payReward() {
        let amount: U256
        if let reward {
            guard reward >= 0 else { return }
            amount = U256(UInt64(reward))
        } else {
            amount = Self.blockReward
        }
        let perOmmer = amount.div(U256(32))
        evm.state.addBalance(evm.block.coinbase, amount &+ perOmmer &* U256(UInt64(environment.ommers.count)))
        for o in environment.ommers where o.delta < 8 {
            evm.state.addBalance(o.address, (U256(8 - o.delta) &* amount).div(U256(8)))
        }
    }

    /// EIP-7685: deposits from the receipts' logs (EIP-6110), then the withdrawal (EIP-7002)
    /// and consolidation (EIP-7251) request queues, each read by a system call that must succeed.
    private func processRequests(into out: inout BlockOutput) {
        var deposits: [UInt8] = []
        for (_, receipt) in out.receipts {
            for log in receipt.logs where log.address == DepositLog.contract && log.topics.first == DepositLog.eventHash {
                switch DepositLog.request(log.data) {
                case .success(let r): deposits += r
                case .failure(let e): out.blockException = e.description; return
                }
            }
        }
        if !deposits.isEmpty { out.requests.append([0x00] + deposits) }
        for (type, target) in [(UInt8(0x01), SystemCall.withdrawalRequestAddress), (0x02, SystemCall.consolidationRequestAddress)] {
            let name = Hex.encode(target.bytes)
            switch SystemCall.run(target, data: [], evm: evm) {
            case .noCode:
                out.blockException = "System contract address \(name) does not contain code"
                return
            case .ran(let result):
                guard result.status.isSuccess else {
                    out.blockException = "System contract (\(name)) call failed: \(result.status)"
                    return
                }
                if !result.output.isEmpty { out.requests.append([type] + result.output) }
            }
        }
    }
}
