import EVM
import Ethereum
import ABI
import Primitives
import UInt256
import EVMCrypto

/// A local chain for contract tests: an `EVM` (Cancun by default) over a `WorldState`,
/// funded test accounts, deploy/call/transact by function name, decoded events and revert
/// reasons, and Foundry-style cheats (see `Chain+Cheats.swift`).
///
/// Every call goes through `TransactionProcessor`, as the state tests run it (see
/// `Chain+Transactions.swift`). Transactions from test accounts are real: signed (EIP-1559,
/// or legacy before London), so nonces, intrinsic gas, fees and refunds are what a node would
/// charge. Pranked senders, accounts without a key, and the `.messageCalls` mode are
/// impersonated: no signature, no fee, and a call leaves the sender's nonce alone (Foundry's
/// `prank`); read-only calls are undone afterwards (`eth_call`).
///
/// The chain starts at block 1 and timestamp 1 (chain id 31337): contracts that subtract a
/// period from `block.timestamp` in their constructor (Chainlink's `FluxAggregator` does
/// `block.timestamp - timeout` with SafeMath) revert there; pass `timestamp:` (and `chainId:`,
/// `blockNumber:`) to start elsewhere. The block does not advance by itself: use `warp` and `roll`.
public final class Chain {
    /// `.transactions`: test accounts sign; `.messageCalls`: every sender is impersonated (no fee,
    /// no nonce change for calls), as with a prank.
    public enum ExecutionMode: Sendable { case transactions, messageCalls }

    public let evm: EVM
    public var mode: ExecutionMode
    /// Tip per gas offered by harness transactions (the fee cap is base fee + tip).
    public var priorityFee: U256 = .zero
    /// Gas limit of harness transactions and calls unless one is given (capped by the block gas
    /// limit and, from Osaka, by EIP-7825's per-transaction cap).
    public var defaultGasLimit: UInt64 = 30_000_000
    /// Observes every call and transaction while set (the fuzzer's `EdgeCoverage`).
    public var inspector: (any Inspector)?
    /// See each transaction before and after it runs, and may observe it (`--trace`, `--call-tree`).
    public var watchers: [any TransactionWatcher] = []
    /// While positive, calls go unseen by the watchers: a watcher's own readings (`unwatched`).
    var unwatchedDepth = 0
    public private(set) var accounts: [TestAccount] = []
    /// Sender when none is given: the first account.
    public var deployer: TestAccount { accounts[0] }
    public let initialBalance: U256

    /// Contracts whose ABI the chain uses to decode events and revert data.
    var known: [Address: (name: String, abi: ContractABI)] = [:]
    /// Source maps of contracts deployed or attached from artifacts that carry one.
    var sourceMaps: [Address: SourceMap] = [:]
    /// Every log of a successful state-changing call, in order.
    public internal(set) var logs: [Log] = []
    public internal(set) var events: [DecodedEvent] = []
    public internal(set) var lastOutcome: CallOutcome?
    /// Gas used per "Contract.function" over all state-changing calls.
    public internal(set) var gasReport: [String: [UInt64]] = [:]

    // Cheat state.
    struct Prank { var sender: Address; var origin: Address? }
    var nextPrank: Prank?
    var persistentPrank: Prank?
    var pendingRevert: PendingRevert?
    var pendingEmits: [EmitExpectation] = []
    var snapshots: [Int: Snapshot] = [:]
    var nextSnapshotID = 0

    public init(fork: Fork = .latest, chainId: UInt64 = 31337, baseFee: U256 = gwei(1),
                mode: ExecutionMode = .transactions,
                accountNames: [String] = ["deployer", "alice", "bob", "carol", "dave"],
                initialBalance: U256 = ether(10_000), timestamp: UInt64 = 1, blockNumber: UInt64 = 1) {
        let block = BlockEnvironment(number: blockNumber, timestamp: timestamp, gasLimit: 30_000_000,
                                     baseFee: baseFee, chainId: U256(chainId), blobSchedule: fork.blobSchedule)
        self.evm = EVM(fork: fork, state: WorldState(), block: block)
        self.mode = mode
        self.initialBalance = initialBalance
        for n in (accountNames.isEmpty ? ["deployer"] : accountNames) { addAccount(TestAccount(named: n), balance: initialBalance) }
    }

    // MARK: environment

    public var state: WorldState { evm.state }
    public var block: BlockEnvironment {
        get { evm.block }
        set { evm.block = newValue }
    }
    public var chainId: U256 {
        get { evm.block.chainId }
        set { evm.block.chainId = newValue }
    }
    public var baseFee: U256 {
        get { evm.block.baseFee }
        set { evm.block.baseFee = newValue }
    }
    public var fork: Fork { evm.fork }
    /// EIP-7825: from Osaka a transaction may not ask for more than 2^24 gas.
    var transactionGasCap: UInt64 { fork.capsTransactionGas ? TransactionProcessor.maxTransactionGas : .max }

    // MARK: accounts

    /// Adds (and funds) an account; returns it.
    @discardableResult
    public func addAccount(_ account: TestAccount, balance: U256? = nil) -> TestAccount {
        if !accounts.contains(where: { $0.address == account.address }) { accounts.append(account) }
        if let balance { state.setBalance(account.address, balance) }
        return account
    }

    /// Adds an account from a private key given as hex.
    @discardableResult
    public func addAccount(name: String, privateKey hex: String, balance: U256? = nil) throws -> TestAccount {
        let key = try abiCall { try ABI.hex(hex) }
        return addAccount(try TestAccount(name: name, privateKey: key), balance: balance ?? initialBalance)
    }

    /// The account with this name, created and funded with `initialBalance` on first use.
    public func account(_ name: String) -> TestAccount {
        if let a = accounts.first(where: { $0.name == name }) { return a }
        return addAccount(TestAccount(named: name), balance: initialBalance)
    }

    func signer(for a: Address) -> TestAccount? { accounts.first { $0.address == a } }

    public func balance(of a: AddressConvertible) -> U256 { state.balance(a.asAddress) }
    public func nonce(of a: AddressConvertible) -> UInt64 { state.nonce(a.asAddress) }
    public func code(at a: AddressConvertible) -> [UInt8] { state.code(a.asAddress).bytes }

    /// Makes the chain decode events and custom errors of `abi` for `address`.
    public func register(_ address: AddressConvertible, abi: ContractABI, name: String = "Contract") {
        known[address.asAddress] = (name, abi)
    }

    /// A handle on a contract already at `address` (deployed by someone else, or etched).
    public func at(_ address: AddressConvertible, abi: ContractABI, name: String = "Contract") -> Contract {
        register(address, abi: abi, name: name)
        return Contract(chain: self, address: address.asAddress, abi: abi, name: name)
    }

    public func at(_ address: AddressConvertible, artifact: Artifact) -> Contract {
        sourceMaps[address.asAddress] = artifact.sourceMap
        return at(address, abi: artifact.abi, name: artifact.contractName)
    }

    /// The source map of the runtime code at `address` (pc → source line), when that code came
    /// from an artifact with one (`deploy`, `at(_:artifact:)`).
    public func sourceMap(at address: AddressConvertible) -> SourceMap? { sourceMaps[address.asAddress] }

    // MARK: deploying

    /// Deploys `artifact` with constructor arguments; throws if the creation fails.
    public func deploy(_ artifact: Artifact, _ arguments: Any..., from: AddressConvertible? = nil,
                       value: U256 = .zero, gasLimit: UInt64? = nil,
                       fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> Contract {
        let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
        let (outcome, contract) = try tryDeploy(artifact, arguments: arguments, from: from, value: value, gasLimit: gasLimit,
                                                fileID: fileID, filePath: filePath, line: line, column: column)
        guard let contract else {
            throw HarnessError(.deploymentFailed(contract: artifact.contractName, status: outcome.status, reason: outcome.revertReason),
                               location: site)
        }
        return contract
    }

    /// Deploys and returns the outcome whatever happened, with the contract when it was created
    /// (use with `expectRevert` to test constructors that must fail).
    public func tryDeploy(_ artifact: Artifact, arguments: [Any] = [], from: AddressConvertible? = nil,
                          value: U256 = .zero, gasLimit: UInt64? = nil,
                          fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> (CallOutcome, Contract?) {
        let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
        let code = try withCallSite(site) { try artifact.creationCode(arguments) }
        let outcome = try run(Request(to: nil, data: code, from: from?.asAddress, value: value, gasLimit: gasLimit,
                                      readOnly: false, function: artifact.abi.constructor,
                                      label: "\(artifact.contractName).constructor", targetABI: artifact.abi, site: site))
        guard let address = outcome.createdAddress, outcome.succeeded else { return (outcome, nil) }
        register(address, abi: artifact.abi, name: artifact.contractName)
        sourceMaps[address] = artifact.sourceMap
        return (outcome, Contract(chain: self, address: address, abi: artifact.abi, name: artifact.contractName))
    }

    // MARK: raw calls

    /// Read-only call with raw call data: executes, then reverts every state change.
    @discardableResult
    public func call(to: AddressConvertible, data: [UInt8], from: AddressConvertible? = nil, value: U256 = .zero,
                     gasLimit: UInt64? = nil, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try run(Request(to: to.asAddress, data: data, from: from?.asAddress, value: value, gasLimit: gasLimit,
                        readOnly: true, function: nil, label: "call", targetABI: known[to.asAddress]?.abi,
                        site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column)))
    }

    /// State-changing call (a transaction, see the type's notes) with raw call data.
    @discardableResult
    public func transact(to: AddressConvertible, data: [UInt8] = [], from: AddressConvertible? = nil, value: U256 = .zero,
                         gasLimit: UInt64? = nil, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        let target = known[to.asAddress]
        let function = data.count >= 4 ? target?.abi.function(selector: Array(data.prefix(4))) : nil
        return try run(Request(to: to.asAddress, data: data, from: from?.asAddress, value: value, gasLimit: gasLimit,
                               readOnly: false, function: function,
                               label: "\(target?.name ?? "call").\(function?.name ?? "raw")", targetABI: target?.abi,
                               site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column)))
    }

    /// Sends ether.
    @discardableResult
    public func send(_ value: U256, to: AddressConvertible, from: AddressConvertible? = nil,
                     fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try transact(to: to, data: [], from: from, value: value, fileID: fileID, filePath: filePath, line: line, column: column)
    }

    // MARK: history and decoding

    func restoreHistory(logCount: Int, eventCount: Int) {
        if logs.count > logCount { logs.removeLast(logs.count - logCount) }
        if events.count > eventCount { events.removeLast(events.count - eventCount) }
    }

    func abisForErrors(preferring first: ContractABI?) -> [ContractABI] {
        (first.map { [$0] } ?? []) + known.keys.sorted().compactMap { known[$0]?.abi }
    }

    /// Decodes a log with the emitter's ABI, else with any known ABI.
    public func decode(_ log: Log) -> DecodedEvent? {
        if let abi = known[log.address]?.abi, let e = abi.decodeLog(log) { return e }
        for a in known.keys.sorted() where a != log.address {
            if let e = known[a]?.abi.decodeLog(log) { return e }
        }
        return nil
    }
}
