import Primitives
import UInt256
import EVM
import Ethereum

/// Why a fixture value could not be used.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Parses fixture hex numbers ("0x00" … arbitrary leading zeros) and byte strings.
enum FixtureHex {
    static func word(_ s: String, _ field: String) throws -> U256 {
        var digits = Substring(s.hasPrefix("0x") || s.hasPrefix("0X") ? String(s.dropFirst(2)) : s)
        while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
        if digits.isEmpty { return .zero }
        guard let v = U256(hex: String(digits)) else { throw FixtureError("bad number in \(field): \(s.prefix(80))") }
        return v
    }

    static func uint64(_ s: String, _ field: String) throws -> UInt64 {
        let w = try word(s, field)
        guard w.fitsInUInt64 else { throw FixtureError("\(field) does not fit in 64 bits") }
        return w.w0
    }

    static func bytes(_ s: String, _ field: String) throws -> [UInt8] {
        // Some fixtures carry the filler's ":raw" prefix in code fields.
        let t = s.hasPrefix(":raw ") ? String(s.dropFirst(5)) : s
        guard let b = Hex.decode(t) else { throw FixtureError("bad hex in \(field)") }
        return b
    }

    static func address(_ s: String, _ field: String) throws -> Address {
        let b = try bytes(s, field)
        guard b.count == 20 else { throw FixtureError("bad address in \(field)") }
        return Address(b)
    }
}

/// The outcome of one (test, fork, indexes) case.
public struct CaseResult: Sendable {
    public let file: String
    public let test: String
    public let fork: String
    public let indexes: (data: Int, gas: Int, value: Int)
    public let pass: Bool
    public let stateRoot: String
    /// What differed, or the fixture problem; nil when it passed.
    public let error: String?
}

/// A prepared test: its parsed pre-state (shared, immutable code objects) and environment.
struct PreparedTest {
    let name: String
    let fixture: StateTestFixture
    let pre: [(Address, UInt64, U256, Bytecode, [U256: U256])]
    let block: BlockEnvironment

    init(name: String, fixture: StateTestFixture) throws {
        self.name = name
        self.fixture = fixture
        var pre = [(Address, UInt64, U256, Bytecode, [U256: U256])]()
        for (key, acc) in fixture.pre {
            var storage = [U256: U256]()
            for (k, v) in acc.storage {
                let value = try FixtureHex.word(v, "storage")
                if !value.isZero { storage[try FixtureHex.word(k, "storage key")] = value }
            }
            pre.append((try FixtureHex.address(key, "pre"), try FixtureHex.uint64(acc.nonce, "nonce"),
                        try FixtureHex.word(acc.balance, "balance"), Bytecode(try FixtureHex.bytes(acc.code, "code")),
                        storage))
        }
        self.pre = pre
        let env = fixture.env
        block = BlockEnvironment(
            number: try FixtureHex.uint64(env.currentNumber, "currentNumber"),
            timestamp: try FixtureHex.uint64(env.currentTimestamp, "currentTimestamp"),
            coinbase: try FixtureHex.address(env.currentCoinbase, "currentCoinbase"),
            gasLimit: try FixtureHex.uint64(env.currentGasLimit, "currentGasLimit"),
            baseFee: try env.currentBaseFee.map { try FixtureHex.word($0, "currentBaseFee") } ?? .zero,
            prevRandao: try env.currentRandom.map { try FixtureHex.word($0, "currentRandom") } ?? .zero,
            difficulty: try env.currentDifficulty.map { try FixtureHex.word($0, "currentDifficulty") } ?? .zero,
            chainId: try fixture.config?.chainid.map { try FixtureHex.word($0, "chainid") } ?? U256(1),
            excessBlobGas: try env.currentExcessBlobGas.map { try FixtureHex.uint64($0, "currentExcessBlobGas") } ?? 0)
    }

    func makeState() -> WorldState {
        var accounts = [Address: Account]()
        for (a, nonce, balance, code, storage) in pre {
            accounts[a] = Account(nonce: nonce, balance: balance, code: code, storage: storage)
        }
        return WorldState(accounts: accounts)
    }

    /// Builds the case's transaction: from `txbytes` when the fixture has them (decoding is
    /// part of what is tested), else from the template, signed with its secret key.
    func transaction(_ c: StateTestFixture.PostCase) throws -> (Transaction?, Address?) {
        if let raw = c.txbytes {
            guard let bytes = Hex.decode(raw) else { throw FixtureError("bad txbytes hex") }
            guard let tx = try? Transaction.decode(bytes) else { return (nil, nil) }   // undecodable: rejected
            return (tx, tx.recoverSender(chainId: block.chainId))
        }
        let t = fixture.transaction
        let i = c.indexes
        guard t.data.indices.contains(i.data), t.gasLimit.indices.contains(i.gas), t.value.indices.contains(i.value) else {
            throw FixtureError("indexes out of range")
        }
        var tx = Transaction()
        tx.nonce = try FixtureHex.word(t.nonce, "nonce")
        tx.gasLimit = try FixtureHex.word(t.gasLimit[i.gas], "gasLimit")
        tx.value = try FixtureHex.word(t.value[i.value], "value")
        tx.data = try FixtureHex.bytes(t.data[i.data], "data")
        tx.to = t.to.isEmpty ? nil : try FixtureHex.address(t.to, "to")
        let accessList = try (t.accessLists?[safe: i.data] ?? nil).map { list in
            try list.map { AccessListEntry(address: try FixtureHex.address($0.address, "accessList"),
                                           storageKeys: try $0.storageKeys.map { try FixtureHex.word($0, "storageKey") }) }
        }
        if let list = t.authorizationList {
            tx.kind = .setCode                                                   // EIP-7702
            tx.authorizationList = try list.map(authorization)
        } else if let hashes = t.blobVersionedHashes {
            tx.kind = .blob
            tx.blobVersionedHashes = try hashes.map { try FixtureHex.word($0, "blobVersionedHashes") }
            tx.maxFeePerBlobGas = try FixtureHex.word(t.maxFeePerBlobGas ?? "0x0", "maxFeePerBlobGas")
        } else if t.maxFeePerGas != nil {
            tx.kind = .feeMarket
        } else if accessList != nil {
            tx.kind = .accessList
        }
        if let p = t.gasPrice { tx.gasPrice = try FixtureHex.word(p, "gasPrice") }
        if let m = t.maxFeePerGas { tx.maxFeePerGas = try FixtureHex.word(m, "maxFeePerGas") }
        if let m = t.maxPriorityFeePerGas { tx.maxPriorityFeePerGas = try FixtureHex.word(m, "maxPriorityFeePerGas") }
        tx.accessList = accessList ?? []
        if let key = t.secretKey {
            guard tx.sign(privateKey: try FixtureHex.bytes(key, "secretKey"), chainId: block.chainId, eip155: false) else {
                throw FixtureError("cannot sign with secretKey")
            }
            return (tx, tx.recoverSender(chainId: block.chainId))
        }
        return (tx, try t.sender.map { try FixtureHex.address($0, "sender") })
    }

    /// The fixture's blob schedule for `fork` (its `config.blobSchedule` entry, keys matched as
    /// fork names), else the fork's own.
    func blobSchedule(_ fork: Fork) throws -> BlobSchedule {
        guard let entry = fixture.config?.blobSchedule?.first(where: { Fork(name: $0.key) == fork })?.value else {
            return fork.blobSchedule
        }
        return BlobSchedule(target: try FixtureHex.uint64(entry.target, "blobSchedule target"),
                            max: try FixtureHex.uint64(entry.max, "blobSchedule max"),
                            baseFeeUpdateFraction: try FixtureHex.uint64(entry.baseFeeUpdateFraction,
                                                                         "blobSchedule baseFeeUpdateFraction"))
    }

    private func authorization(_ a: StateTestFixture.AuthorizationJSON) throws -> Authorization {
        let parity = try FixtureHex.word(a.yParity ?? a.v ?? "0x0", "authorization yParity")
        guard parity.fitsInUInt64, parity.w0 <= 0xff else { throw FixtureError("authorization yParity beyond 8 bits") }
        return Authorization(chainId: try FixtureHex.word(a.chainId, "authorization chainId"),
                             address: try FixtureHex.address(a.address, "authorization address"),
                             nonce: try FixtureHex.uint64(a.nonce, "authorization nonce"), yParity: UInt8(parity.w0),
                             r: try FixtureHex.word(a.r, "authorization r"), s: try FixtureHex.word(a.s, "authorization s"))
    }

    /// Runs one case and compares the state root, logs hash and rejection with the fixture.
    func run(file: String, fork: Fork, forkName: String, _ c: StateTestFixture.PostCase) -> CaseResult {
        let idx = (c.indexes.data, c.indexes.gas, c.indexes.value)
        func result(_ pass: Bool, _ root: String, _ error: String?) -> CaseResult {
            CaseResult(file: file, test: name, fork: forkName, indexes: idx, pass: pass, stateRoot: root, error: error)
        }
        do {
            let (tx, sender) = try transaction(c)
            let state = makeState()
            var block = self.block
            block.blobSchedule = try blobSchedule(fork)
            let evm = EVM(fork: fork, state: state, block: block)
            var rejection: String?
            var logs: [Log] = []
            if let tx {
                do {
                    logs = try TransactionProcessor.apply(tx, sender: sender, evm: evm).logs
                } catch {
                    rejection = error.description
                }
            } else {
                rejection = "RLP_INVALID_VALUE"
            }
            let root = Hex.encode(StateRoot.compute(state), prefix: true)
            let logsHash = Hex.encode(StateRoot.logsHash(logs), prefix: true)
            var problems = [String]()
            if let expected = c.expectException, rejection == nil {
                problems.append("expected exception \(expected), but the transaction was accepted")
            } else if c.expectException == nil, let rejection {
                problems.append("unexpected exception \(rejection)")
            }
            if root != c.hash.lowercased() { problems.append("stateRoot expected \(c.hash) got \(root)") }
            if logsHash != c.logs.lowercased() { problems.append("logs hash expected \(c.logs) got \(logsHash)") }
            return result(problems.isEmpty, root, problems.isEmpty ? nil : problems.joined(separator: "; "))
        } catch {
            return result(false, "", "fixture error: \(error)")
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
