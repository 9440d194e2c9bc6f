import Foundation
import Primitives
import UInt256
import EVM

/// An EIP-4895 withdrawal: `amount` gwei credited to `address` after the transactions.
public struct Withdrawal: Sendable, Equatable {
    public var index: UInt64
    public var validatorIndex: UInt64
    public var address: Address
    public var amount: UInt64

    /// rlp([index, validatorIndex, address, amount]), the withdrawals trie's value.
    var encoded: [UInt8] {
        RLP.encode(.list([RLPItem(index), RLPItem(validatorIndex), RLPItem(address), RLPItem(amount)]))
    }
}

/// An ommer of a proof-of-work block: its distance below the block and its miner.
public struct Ommer: Sendable, Equatable {
    public var delta: UInt64
    public var address: Address
}

/// `--input.env`: the block the transactions go into. Values the input leaves out are derived
/// from the parent's fields as the execution specs' t8n derives them (`t8n/env.py`): the base fee
/// (EIP-1559) and the excess blob gas (EIP-4844, with EIP-7918's bound from Osaka on).
public struct T8nEnvironment {
    public var block: BlockEnvironment
    public var withdrawals: [Withdrawal]
    public var ommers: [Ommer]
    public var parentBeaconBlockRoot: U256?
    /// Hash of block `number - 1`, which EIP-2935's system call stores.
    public var parentHash: U256?
    /// Reported in the result: nil after the Merge.
    public var difficulty: U256?
    /// Reported in the result: nil before London.
    public var baseFee: U256?
    /// Reported in the result: nil before Cancun.
    public var excessBlobGas: UInt64?

    /// The largest number of withdrawals or ommers read (beyond any real block's).
    static let maxListLength = 1 << 16

    init(_ json: Any, fork: Fork, chainId: U256, schedule: BlobSchedule) throws(T8nError) {
        let f = try JSONFields(json, path: "env")
        let number = try f.uint64("currentNumber")
        let gasLimit = try f.uint64("currentGasLimit")
        block = BlockEnvironment(number: number, timestamp: try f.uint64("currentTimestamp"),
                                 coinbase: try f.address("currentCoinbase"), gasLimit: gasLimit, chainId: chainId,
                                 blobSchedule: schedule)

        // Proof of work until Paris (EIP-3675); the difficulty must be given (porvm does not
        // compute difficulty bombs).
        if fork.has(.eip3675) {
            guard let random = f.object["currentRandom"], !(random is NSNull) else { throw T8nError("env.currentRandom is missing") }
            block.prevRandao = try JSONFields.word32(random, "env.currentRandom")
        } else {
            guard let d = try f.optionalWord("currentDifficulty") else {
                throw T8nError("env.currentDifficulty is missing (porvm does not derive it from the parent's)")
            }
            difficulty = d
            block.difficulty = d
        }

        if fork.has(.eip1559) {
            if let fee = try f.optionalWord("currentBaseFee") {
                baseFee = fee
            } else {
                guard let parentGasLimit = try f.optionalUInt64("parentGasLimit"),
                      let parentGasUsed = try f.optionalUInt64("parentGasUsed"),
                      let parentBaseFee = try f.optionalWord("parentBaseFee") else {
                    throw T8nError("env: currentBaseFee or parentGasLimit, parentGasUsed and parentBaseFee are needed")
                }
                baseFee = try Self.baseFee(gasLimit: gasLimit, parentGasLimit: parentGasLimit,
                                           parentGasUsed: parentGasUsed, parentBaseFee: parentBaseFee)
            }
            block.baseFee = baseFee ?? .zero
        }

        // BLOCKHASH sees at most the 256 blocks below this one.
        if let hashes = f.object["blockHashes"] as? [String: Any] {
            var map = [UInt64: U256]()
            for (k, v) in hashes {
                let n = try JSONFields.word(k.hasPrefix("0x") ? k : "0x" + k, "env.blockHashes key")
                guard n.fitsInUInt64, n.w0 < number, number - n.w0 <= 256 else { continue }
                map[n.w0] = try JSONFields.word32(v, "env.blockHashes[\(k.prefix(20))]")
            }
            block.blockHashes = map
            if number > 0 { parentHash = map[number - 1] }
        }

        if let list = f.object["ommers"] as? [Any] {
            guard list.count <= Self.maxListLength else { throw T8nError("env.ommers has more than \(Self.maxListLength) entries") }
            ommers = try list.enumerated().map { i, o throws(T8nError) in
                let g = try JSONFields(o, path: "env.ommers[\(i)]")
                return Ommer(delta: try g.uint64("delta"), address: try g.address("address"))
            }
        } else {
            ommers = []
        }

        withdrawals = []
        if fork.has(.eip4895) {
            guard let list = f.object["withdrawals"] as? [Any] else { throw T8nError("env.withdrawals is missing (Shanghai on)") }
            guard list.count <= Self.maxListLength else { throw T8nError("env.withdrawals has more than \(Self.maxListLength) entries") }
            withdrawals = try list.enumerated().map { i, w throws(T8nError) in
                let g = try JSONFields(w, path: "env.withdrawals[\(i)]")
                return Withdrawal(index: try g.uint64("index"), validatorIndex: try g.uint64("validatorIndex"),
                                  address: try g.address("address"), amount: try g.uint64("amount"))
            }
        }

        if fork.has(.eip4788) {
            if let root = f.object["parentBeaconBlockRoot"], !(root is NSNull) {
                parentBeaconBlockRoot = try JSONFields.word32(root, "env.parentBeaconBlockRoot")
            }
            if let excess = try f.optionalUInt64("currentExcessBlobGas") {
                excessBlobGas = excess
            } else {
                let parentExcess = try f.optionalUInt64("parentExcessBlobGas") ?? 0
                let parentUsed = try f.optionalUInt64("parentBlobGasUsed") ?? 0
                let parentBaseFee = try f.optionalWord("parentBaseFee") ?? .zero
                guard let excess = BlobGas.excessBlobGas(parentExcessBlobGas: parentExcess, parentBlobGasUsed: parentUsed,
                                                         parentBaseFee: parentBaseFee, schedule: schedule,
                                                         reservePrice: fork.has(.eip7918)) else {
                    throw T8nError("env: parentExcessBlobGas + parentBlobGasUsed overflows 64 bits")
                }
                excessBlobGas = excess
            }
            block.excessBlobGas = excessBlobGas ?? 0
        }
    }

    /// EIP-1559's base fee from the parent block's gas use.
    static func baseFee(gasLimit: UInt64, parentGasLimit: UInt64, parentGasUsed: UInt64,
                        parentBaseFee: U256) throws(T8nError) -> U256 {
        let target = parentGasLimit / 2                                     // ELASTICITY_MULTIPLIER
        // The block gas limit moves by less than 1/1024 of the parent's and stays >= 5000.
        let bound = parentGasLimit / 1024
        guard gasLimit < parentGasLimit &+ bound, gasLimit > parentGasLimit - bound, gasLimit >= 5000, target > 0 else {
            throw T8nError("env: currentGasLimit \(gasLimit) is not a valid successor of parentGasLimit \(parentGasLimit)")
        }
        if parentGasUsed == target { return parentBaseFee }
        let up = parentGasUsed > target
        let delta = U256(up ? parentGasUsed - target : target - parentGasUsed)
        let change = (parentBaseFee &* delta).div(U256(target)).div(U256(8))   // BASE_FEE_MAX_CHANGE_DENOMINATOR
        return up ? parentBaseFee &+ max(change, .one) : parentBaseFee &- change
    }
}
