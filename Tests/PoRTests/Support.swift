import Foundation
import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

// Shared helpers of the guard-rail tests. Expected values in the tests are computed here in
// Swift from the contracts' documented rules (NatSpec of Contracts/*.vy, Chainlink's
// AggregatorV3Interface), never copied from a run.

// MARK: - numbers

/// A start time far from zero, so that "in the past" and "in the future" both exist.
let T0: UInt64 = 1_800_000_000

func u(_ v: UInt64) -> ABIValue { .uint(U256(v)) }
func u(_ v: U256) -> ABIValue { .uint(v) }
func i(_ v: Int) -> ABIValue { .signed(v) }
func big(_ decimal: String) -> U256 { U256(decimal: decimal)! }  // safe: literals in the tests

/// Two's complement word of a signed Swift integer.
func word(_ v: Int) -> U256 { ABIValue.signed(v).u256! }  // safe: .int always has a word

func pow10(_ n: Int) -> U256 {
    var r = U256.one
    for _ in 0..<n { r = r &* U256(10) }
    return r
}

/// int256 max = 2^255 - 1, and int256 min = -2^255, as words.
let int256Max = U256.max.shiftedRight(byBits: 1)
let int256Min = U256.one.shiftedLeft(byBits: 255)

/// floor(a * (10000 - bps) / 10000) for values small enough to multiply in 128 bits.
func afterMargin(_ a: UInt64, bps: UInt64) -> UInt64 {
    UInt64((UInt128(a) * UInt128(10_000 - bps)) / 10_000)
}

func selector(_ signature: String) -> [UInt8] { try! ABI.selector(signature) }  // safe: literal signatures

let decimalsSelector = selector("decimals()")                 // 0x313ce567
let latestRoundDataSelector = selector("latestRoundData()")   // 0xfeaf968c

// MARK: - revert expectations

/// Checks that `o` reverted with the custom error `name` and exactly these arguments.
func expectError(_ o: CallOutcome, _ name: String, _ arguments: [ABIValue] = [],
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard case .custom(let n, _, let args)? = o.revertReason else {
        Issue.record("expected custom error \(name)(\(arguments.map(\.description).joined(separator: ", "))), got \(o)",
                     sourceLocation: sourceLocation)
        return
    }
    #expect(n == name && args == arguments,
            "expected \(name)(\(arguments.map(\.description).joined(separator: ", "))), got \(o.revertReason!)",  // safe: matched above
            sourceLocation: sourceLocation)
}

/// Checks that `o` reverted with `Error(message)`.
func expectMessage(_ o: CallOutcome, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(o.revertReason == .error(message), "expected Error(\"\(message)\"), got \(o)", sourceLocation: sourceLocation)
}

func expectSuccess(_ o: CallOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(o.succeeded, "\(o)", sourceLocation: sourceLocation)
}

// MARK: - the shared solc artifacts

/// The solc artifacts of ../shared/solidity-artifacts (or $PORVM_SOLIDITY_ARTIFACTS).
enum SolidityArtifacts {
    static let directory: String? = {
        if let env = ProcessInfo.processInfo.environment["PORVM_SOLIDITY_ARTIFACTS"], !env.isEmpty {
            return FileManager.default.fileExists(atPath: env) ? env : nil
        }
        // Tests/PoRTests/Support.swift → the package root → ../shared/solidity-artifacts
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/solidity-artifacts").path
        return FileManager.default.fileExists(atPath: dir + "/README.md") ? dir : nil
    }()

    static var available: Bool { directory != nil }
    static let skipMessage: Comment =
        "solidity artifacts not found: set PORVM_SOLIDITY_ARTIFACTS or place them in ../shared/solidity-artifacts"

    static func load(_ name: String) throws -> Artifact {
        guard let directory else { throw HarnessError.fileNotFound("solidity-artifacts/\(name).json") }
        return try Artifact.load(path: "\(directory)/\(name).json")
    }

    static func json(_ name: String) throws -> JSONValue {
        guard let directory, let data = FileManager.default.contents(atPath: "\(directory)/\(name).json") else {
            throw HarnessError.fileNotFound("solidity-artifacts/\(name).json")
        }
        return try JSONValue(parsing: [UInt8](data))
    }
}

// MARK: - a tiny assembler

/// Just enough of an assembler to write test feeds in EVM bytecode: opcodes, pushes and
/// labels (a label is a JUMPDEST; `.jump(label)` pushes its offset with PUSH2).
enum Asm {
    enum Item {
        case op(UInt8)
        case push([UInt8])
        case label(String)
        case jump(String)
    }

    static func push(_ v: UInt64) -> Item { .push(U256(v).minimalBigEndianBytes.isEmpty ? [0] : U256(v).minimalBigEndianBytes) }
    static func push(bytes: [UInt8]) -> Item { .push(bytes) }

    static let ADD: UInt8 = 0x01, EQ: UInt8 = 0x14, ISZERO: UInt8 = 0x15, SHL: UInt8 = 0x1b, SHR: UInt8 = 0x1c
    static let ADDRESS: UInt8 = 0x30, CALLDATALOAD: UInt8 = 0x35, POP: UInt8 = 0x50, MSTORE: UInt8 = 0x52
    static let SLOAD: UInt8 = 0x54, JUMPI: UInt8 = 0x57, GAS: UInt8 = 0x5a, JUMPDEST: UInt8 = 0x5b
    static let DUP1: UInt8 = 0x80, CALL: UInt8 = 0xf1, RETURN: UInt8 = 0xf3, REVERT: UInt8 = 0xfd, INVALID: UInt8 = 0xfe

    static func assemble(_ items: [Item]) -> [UInt8] {
        var offsets: [String: Int] = [:]
        var pc = 0
        for item in items {
            switch item {
            case .op: pc += 1
            case .push(let b): pc += 1 + b.count
            case .label(let l): offsets[l] = pc; pc += 1
            case .jump: pc += 3
            }
        }
        var code: [UInt8] = []
        for item in items {
            switch item {
            case .op(let o): code.append(o)
            case .push(let b): precondition((1...32).contains(b.count)); code.append(0x5f + UInt8(b.count)); code += b
            case .label: code.append(JUMPDEST)
            case .jump(let l):
                let target = offsets[l]!  // safe: labels are defined in the same program
                code += [0x61, UInt8(target >> 8), UInt8(target & 0xff)]
            }
        }
        return code
    }

    /// Runtime code that reverts with no data whatever it is called with.
    static let alwaysReverts: [UInt8] = [0x60, 0x00, 0x80, 0xfd]      // PUSH1 0 DUP1 REVERT
    /// Runtime code that halts exceptionally (INVALID: consumes all the gas it was given).
    static let invalid: [UInt8] = [0xfe]
}

// MARK: - a feed whose every output is a storage slot

/// A hand-assembled AggregatorV3Interface feed whose outputs are storage slots, set with the
/// harness's `store` cheat, so that a test controls every field (negative answers, zero or
/// future timestamps, answeredInRound, the size of the return data), independently of any
/// compiled mock:
///   slot 0 decimals, 1 roundId, 2 answer, 3 startedAt, 4 updatedAt, 5 answeredInRound,
///   6 what `latestAnswer()` returns (the v2 read, deliberately separate),
///   7 if non-zero: the byte length latestRoundData() returns instead of 160,
///   8 if non-zero: latestRoundData() reverts, 9 if non-zero: decimals() reverts,
///   10 if non-zero: an address that latestRoundData() calls with mint(address(this), slot 11)
///   before returning, storing the call's success flag in the startedAt word (re-entrancy probe).
struct StorageFeed {
    let chain: Chain
    let address: Address
    let contract: Contract

    static let abi: ContractABI = ContractABI(functions: [
        try! ABIFunction(signature: "decimals()(uint8)"),  // safe: literal signatures
        try! ABIFunction(signature: "latestRoundData()(uint80,int256,uint256,uint256,uint80)"),
        try! ABIFunction(signature: "latestAnswer()(int256)"),
        try! ABIFunction(signature: "latestTimestamp()(uint256)"),
    ])

    static let code: [UInt8] = {
        typealias A = Asm
        func sel(_ s: String) -> Asm.Item { .push(selector(s)) }
        func ret(slot: UInt64) -> [Asm.Item] {
            [A.push(slot), .op(A.SLOAD), A.push(0), .op(A.MSTORE), A.push(32), A.push(0), .op(A.RETURN)]
        }
        var p: [Asm.Item] = [A.push(0), .op(A.CALLDATALOAD), A.push(0xe0), .op(A.SHR)]
        for (s, l) in [("decimals()", "dec"), ("latestRoundData()", "lrd"), ("latestAnswer()", "la"), ("latestTimestamp()", "lt")] {
            p += [.op(A.DUP1), sel(s), .op(A.EQ), .jump(l), .op(A.JUMPI)]
        }
        p += [.label("fail"), A.push(0), .op(A.DUP1), .op(A.REVERT)]
        p += [.label("dec"), A.push(9), .op(A.SLOAD), .jump("fail"), .op(A.JUMPI)] + ret(slot: 0)
        p += [.label("la")] + ret(slot: 6)
        p += [.label("lt")] + ret(slot: 4)
        p += [.label("lrd"), A.push(8), .op(A.SLOAD), .jump("fail"), .op(A.JUMPI)]
        for k in 0..<5 { p += [A.push(UInt64(1 + k)), .op(A.SLOAD), A.push(UInt64(32 * k)), .op(A.MSTORE)] }
        // Re-entrancy probe: CALL(gas, sload(10), 0, 0x100, 0x44, 0, 0) with mint(address(this), sload(11)).
        p += [A.push(10), .op(A.SLOAD), .op(A.ISZERO), .jump("ret"), .op(A.JUMPI)]
        p += [.push(selector("mint(address,uint256)")), A.push(0xe0), .op(A.SHL), A.push(0x100), .op(A.MSTORE)]
        p += [.op(A.ADDRESS), A.push(0x104), .op(A.MSTORE)]
        p += [A.push(11), .op(A.SLOAD), A.push(0x124), .op(A.MSTORE)]
        p += [A.push(0), A.push(0), A.push(0x44), A.push(0x100), A.push(0), A.push(10), .op(A.SLOAD), .op(A.GAS), .op(A.CALL)]
        p += [A.push(0x40), .op(A.MSTORE)]
        // Return 160 bytes, or sload(7) bytes when set.
        p += [.label("ret"), A.push(7), .op(A.SLOAD), .op(A.DUP1), .jump("len"), .op(A.JUMPI), .op(A.POP), A.push(0xa0)]
        p += [.label("len"), A.push(0), .op(A.RETURN)]
        return Asm.assemble(p)
    }()

    init(chain: Chain, name: String = "storage-feed", decimals: UInt64 = 8) {
        self.chain = chain
        address = TestAccount(named: name).address
        chain.etch(address, code: StorageFeed.code)
        contract = chain.at(address, abi: StorageFeed.abi, name: "StorageFeed")
        setSlot(0, U256(decimals))
    }

    func setSlot(_ slot: UInt64, _ value: U256) { chain.store(address, slot: U256(slot), value: value) }

    /// Sets a complete round: roundId, answer (two's complement word), startedAt = updatedAt,
    /// answeredInRound = roundId (unless given); latestAnswer() mirrors the answer.
    func set(answer: U256, updatedAt: UInt64, roundId: UInt64 = 1, answeredInRound: UInt64? = nil) {
        setSlot(1, U256(roundId))
        setSlot(2, answer)
        setSlot(3, U256(updatedAt))
        setSlot(4, U256(updatedAt))
        setSlot(5, U256(answeredInRound ?? roundId))
        setSlot(6, answer)
    }

    func set(answer: Int, updatedAt: UInt64, roundId: UInt64 = 1) { set(answer: word(answer), updatedAt: updatedAt, roundId: roundId) }
    func setDecimals(_ d: UInt64) { setSlot(0, U256(d)) }
}

// MARK: - a token on a controlled feed

/// A SecureMintToken (from Fixtures/) reading a `StorageFeed`; the deployer is owner and minter.
struct TokenBed {
    let chain: Chain
    let feed: StorageFeed
    let token: Contract
    let owner: TestAccount
    let alice: TestAccount
    let bob: TestAccount

    init(feedDecimals: UInt64 = 8, tokenDecimals: UInt64 = 8, heartbeat: UInt64 = 3_600, marginBps: UInt64 = 0,
         answer: Int? = 1_000_000, mode: Chain.ExecutionMode = .transactions) throws {
        chain = Chain(mode: mode)
        chain.warp(T0)
        owner = chain.deployer
        alice = chain.account("alice")
        bob = chain.account("bob")
        feed = StorageFeed(chain: chain, decimals: feedDecimals)
        if let answer { feed.set(answer: answer, updatedAt: T0) }
        token = try chain.deploy(FixtureArtifacts.load(FixtureArtifacts.token),
                                 "Guarded BTC", "gBTC", tokenDecimals, feed.address, heartbeat, marginBps, from: owner)
    }

    @discardableResult
    func mint(_ to: AddressConvertible, _ amount: Any) throws -> CallOutcome {
        try token.transact("mint", to, amount, from: owner)
    }

    func supply() throws -> ABIValue { try token.read("totalSupply") }
    func balance(_ a: AddressConvertible) throws -> ABIValue { try token.read("balanceOf", a) }
}
