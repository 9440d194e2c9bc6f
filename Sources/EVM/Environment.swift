import Primitives
import UInt256

/// The block a transaction executes in (what BLOCKHASH, COINBASE, TIMESTAMP... read).
public struct BlockEnvironment: Sendable {
    public var number: UInt64
    public var timestamp: UInt64
    public var coinbase: Address
    public var gasLimit: UInt64
    public var baseFee: U256
    public var prevRandao: U256
    /// Pre-Merge DIFFICULTY; unused from Paris on (EIP-4399).
    public var difficulty: U256
    public var chainId: U256
    /// EIP-4844; setting it recomputes `blobBaseFee`, so the fee is worked out once per block.
    public var excessBlobGas: UInt64 { didSet { blobBaseFee = BlobGas.baseFee(excessBlobGas: excessBlobGas, schedule: blobSchedule) } }
    /// The fork's blob parameters (EIP-7691 changes them); setting it recomputes `blobBaseFee`.
    public var blobSchedule: BlobSchedule { didSet { blobBaseFee = BlobGas.baseFee(excessBlobGas: excessBlobGas, schedule: blobSchedule) } }
    /// EIP-4844: fake_exponential(1, excess_blob_gas, update fraction), saturated at 2^256 - 1 (see `BlobGas`).
    public private(set) var blobBaseFee: U256
    /// Hashes of recent blocks by number, for BLOCKHASH; absent numbers read as zero.
    public var blockHashes: [UInt64: U256]

    public init(number: UInt64 = 1, timestamp: UInt64 = 1, coinbase: Address = .zero,
                gasLimit: UInt64 = 30_000_000, baseFee: U256 = .zero, prevRandao: U256 = .zero,
                difficulty: U256 = .zero, chainId: U256 = U256(1), excessBlobGas: UInt64 = 0,
                blobSchedule: BlobSchedule = .cancun, blockHashes: [UInt64: U256] = [:]) {
        self.number = number
        self.timestamp = timestamp
        self.coinbase = coinbase
        self.gasLimit = gasLimit
        self.baseFee = baseFee
        self.prevRandao = prevRandao
        self.difficulty = difficulty
        self.chainId = chainId
        self.excessBlobGas = excessBlobGas
        self.blobSchedule = blobSchedule
        self.blobBaseFee = BlobGas.baseFee(excessBlobGas: excessBlobGas, schedule: blobSchedule)
        self.blockHashes = blockHashes
    }
}

/// Per-transaction values visible to the code (ORIGIN, GASPRICE, BLOBHASH).
public struct TransactionContext: Sendable {
    public var origin: Address
    public var gasPrice: U256
    public var blobHashes: [U256]

    public init(origin: Address = .zero, gasPrice: U256 = .zero, blobHashes: [U256] = []) {
        self.origin = origin
        self.gasPrice = gasPrice
        self.blobHashes = blobHashes
    }
}
