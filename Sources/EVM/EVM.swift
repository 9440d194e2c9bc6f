import Primitives
import UInt256
import EVMCrypto

/// Executes messages against a world state under one fork's rules. Owns the reusable
/// per-depth stacks and memories, so repeated calls allocate nothing once warmed up.
public final class EVM {
    public let fork: Fork
    public var state: WorldState
    public var block: BlockEnvironment
    public var tx: TransactionContext
    /// EIP-150: 1024 frames at most.
    public static let maxCallDepth = 1024
    /// EIP-170.
    public static let maxCodeSize = 0x6000
    /// EIP-3860.
    public static let maxInitCodeSize = 2 * maxCodeSize

    @usableFromInline let table: UnsafeMutablePointer<InstructionInfo>
    let precompiles: PrecompileRegistry
    /// EIP-7702: calls follow delegation designators (worked out once, read on every call).
    let followsDelegations: Bool
    private var stacks: [UnsafeMutablePointer<U256>] = []
    private var memories: [Memory?] = []
    private var spareBuffers: [[UInt8]] = []

    public init(fork: Fork = .latest, state: WorldState = WorldState(),
                block: BlockEnvironment = BlockEnvironment(), tx: TransactionContext = TransactionContext()) {
        self.fork = fork
        self.state = state
        self.block = block
        self.tx = tx
        self.table = InstructionTable.forFork(fork).entries
        self.precompiles = PrecompileRegistry(fork: fork)
        self.followsDelegations = fork.has(.eip7702)
        let addresses = precompiles.addresses
        let contiguous = addresses.enumerated().prefix { $0.element == Address(hi: 0, mid: 0, lo: UInt32($0.offset + 1)) }.count
        self.precompilesWarm = UInt32(contiguous)
        self.precompilesApart = Array(addresses.dropFirst(contiguous))
    }

    deinit {
        for s in stacks { s.deallocate() }
        for m in memories { m?.deallocate() }
    }

    /// Addresses of the precompiled contracts active in this fork (warm from the start, EIP-2929).
    public var precompileAddresses: [Address] { precompiles.addresses }
    /// The precompiles at 1...n, warm as a range: n. Those past a gap (EIP-7951's 0x100) are
    /// warmed one by one (`precompilesApart`, see `warmTransactionAddresses`).
    let precompilesWarm: UInt32
    let precompilesApart: [Address]

    // MARK: entry points

    /// Runs `message` (a call or a creation) as the outermost frame of a transaction whose
    /// setup (nonce, fees, warm sets) the caller has done. Pass an inspector to observe it.
    public func execute(_ message: Message, inspector: (any Inspector)? = nil) -> CallResult {
        guard let inspector else { return run(message, NoInspector.shared, callerGasLeft: nil) }
        // Specialised here: a type from another module would run the loop unspecialised.
        if let coverage = inspector as? EdgeCoverage { return run(message, coverage, callerGasLeft: nil) }
        func open<I: Inspector>(_ i: I) -> CallResult { run(message, i, callerGasLeft: nil) }
        return open(inspector)
    }

    @inline(__always)
    func run<I: Inspector>(_ message: Message, _ inspector: I, callerGasLeft: Int64?) -> CallResult {
        inspector.callStart(message, callerGasLeft: callerGasLeft)
        let result = message.kind.isCreate ? create(message, inspector) : call(message, inspector)
        inspector.callEnd(message, result: result)
        return result
    }

    // MARK: message call (Yellow Paper §8)

    func call<I: Inspector>(_ message: Message, _ inspector: I) -> CallResult {
        let cp = state.checkpoint
        if message.transfersValue && !message.value.isZero {
            state.transfer(from: message.sender, to: message.recipient, value: message.value)
        }
        var result: CallResult
        // EIP-161: a successful call touches its target, which matters only if the target is
        // empty: it ran no code (code makes it non-empty; so does the caller's own nonce or code
        // for CALLCODE/DELEGATECALL, whose target is the caller). Known without a second lookup.
        let touchesTarget = message.recipient == message.codeAddress
        var targetIsEmpty = false
        if !message.disablesPrecompiles, let precompile = precompiles.lookup(message.codeAddress) {
            result = precompile.run(input: message.input, gas: message.gas)
            targetIsEmpty = touchesTarget && result.status.isSuccess && state.mayHoldLowAddresses
                && state.existsAndIsEmpty(message.recipient)
        } else {
            let target = state.account(message.codeAddress)
            let code = target?.code ?? .empty
            if code.isEmpty {
                result = CallResult(status: .success, gasLeft: message.gas)
                targetIsEmpty = touchesTarget && target?.isEmpty == true
            } else {
                result = interpret(message, code: code, inspector)
            }
        }
        if result.status.isSuccess {
            // The parent keeps the touch only if it succeeds too: journaled after the child's checkpoint.
            if targetIsEmpty { state.markTouched(message.recipient) }
        } else {
            let ripemdWasTouched = state.isTouched(EVM.ripemd160Address)
            state.revert(to: cp)
            result.gasRefund = 0
            // A failed call's touches are reverted, except 0x03's: mainnet block 2675119 cleared
            // the empty RIPEMD-160 account although the call to it ran out of gas (the specs'
            // `incorporate_child_on_error`). A failed transaction keeps no touch at all.
            if message.depth > 0 && (ripemdWasTouched || (message.recipient == EVM.ripemd160Address
                                                          && state.existsAndIsEmpty(EVM.ripemd160Address))) {
                state.markTouched(EVM.ripemd160Address)
            }
        }
        return result
    }

    /// The RIPEMD-160 precompile, exempt from the revert of touches (see `call`).
    static let ripemd160Address = Address(hi: 0, mid: 0, lo: 3)

    // MARK: contract creation (Yellow Paper §7)

    func create<I: Inspector>(_ message: Message, _ inspector: I) -> CallResult {
        let address = message.recipient
        let cp = state.checkpoint
        // EIP-684: no creation over an account with code, nonce or storage.
        if hasCodeOrNonceOrStorage(address) {
            return CallResult(status: .contractCollision, gasLeft: 0)
        }
        state.markCreated(address)
        state.setNonce(address, 1)                                   // EIP-161
        if message.transfersValue && !message.value.isZero {
            state.transfer(from: message.sender, to: address, value: message.value)
        }
        let initCode = Bytecode(message.input)
        var codeMessage = message
        codeMessage.input = []                                       // init code sees no call data
        var result = initCode.isEmpty
            ? CallResult(status: .success, gasLeft: message.gas)
            : interpret(codeMessage, code: initCode, inspector)
        if result.status.isSuccess {
            let deployed = result.output
            let depositCost = Int64(deployed.count) * Gas.codeDeposit
            if fork.rejectsEFCode && deployed.first == 0xEF {         // EIP-3541
                result = CallResult(status: .invalidCodePrefix, gasLeft: 0)
            } else if result.gasLeft < depositCost {
                result = CallResult(status: .outOfGas, gasLeft: 0)
            } else if deployed.count > EVM.maxCodeSize {             // EIP-170
                result = CallResult(status: .codeSizeExceeded, gasLeft: 0)
            } else {
                result.gasLeft -= depositCost
                state.setCode(address, Bytecode(deployed))
                result.output = []
                result.createdAddress = address
                return result
            }
        }
        let ripemdWasTouched = state.isTouched(EVM.ripemd160Address)
        state.revert(to: cp)
        result.gasRefund = 0
        if message.depth > 0 && ripemdWasTouched { state.markTouched(EVM.ripemd160Address) }   // see `call`
        return result
    }

    func hasCodeOrNonceOrStorage(_ a: Address) -> Bool {
        guard let acc = state.account(a) else { return false }
        return acc.nonce != 0 || !acc.code.isEmpty || acc.storage.values.contains { !$0.current.isZero }
    }

    // MARK: running code

    /// Runs `code` for `message` in a fresh frame with a pooled stack and memory.
    func interpret<I: Inspector>(_ message: Message, code: Bytecode, _ inspector: I) -> CallResult {
        let depth = message.depth
        while stacks.count <= depth {
            stacks.append(.allocate(capacity: InstructionTable.stackLimit))
            memories.append(nil)
        }
        let memory = memories[depth] ?? Memory(capacity: 4096)
        memories[depth] = nil
        var result = CallResult(status: .running, gasLeft: 0)
        message.input.withUnsafeBytes { input in
            withExtendedLifetime(code) {
                var frame = Frame(message: message, code: code, input: input, stack: stacks[depth], memory: memory)
                run(&frame, inspector)
                let out = frame.outputRange
                result = CallResult(status: frame.status, gasLeft: frame.gas, gasRefund: frame.refund,
                                    output: pooledBytes(frame.memory.base + out.offset, out.count))
                frame.memory.reset()
                memories[depth] = frame.memory
            }
        }
        return result
    }

    // MARK: call data and return data buffers

    /// A copy of `count` bytes at `p` in a buffer whose capacity an earlier call left behind.
    /// A message call copies its input out of the caller's memory and its output out of the
    /// callee's; reusing the buffers spares two allocations and frees per call (valgrind, issue 14:
    /// a STATICCALL round trip to a contract, 32 bytes each way, 2,770 -> 2,287 x86 instructions,
    /// the allocations gone; 2,629 when every buffer is refilled by append). A buffer that is
    /// still shared elsewhere is copied on write as usual, so reuse never changes a value.
    func pooledBytes(_ p: UnsafeRawPointer, _ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        let bytes = UnsafeRawBufferPointer(start: p, count: count)
        guard var buffer = spareBuffers.popLast() else { return [UInt8](bytes) }
        if buffer.count == count {
            // The common case in a loop of calls: same size, a plain copy over the old bytes.
            buffer.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
        } else {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: bytes)
        }
        return buffer
    }

    /// Keeps `buffer`'s capacity for `pooledBytes` (at most 16 buffers of up to 64 KiB) and empties it.
    func recycle(_ buffer: inout [UInt8]) {
        if buffer.capacity > 0 && buffer.capacity <= 1 << 16 && spareBuffers.count < 16 {
            spareBuffers.append(buffer)
        }
        buffer = []
    }

    // MARK: addresses of new contracts

    /// CREATE: keccak256(rlp([sender, nonce]))[12:].
    public static func createAddress(sender: Address, nonce: UInt64) -> Address {
        let encoded = RLP.encode(.list([RLPItem(sender), RLPItem(nonce)]))
        return Address(Array(Keccak256.hash(encoded).suffix(20)))
    }

    /// CREATE2 (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initCode))[12:].
    public static func create2Address(sender: Address, salt: U256, initCode: [UInt8]) -> Address {
        let preimage = [0xff] + sender.bytes + salt.bigEndianBytes + Keccak256.hash(initCode)
        return Address(Array(Keccak256.hash(preimage).suffix(20)))
    }
}
