import Foundation
import Testing
import EVM
import Primitives
import UInt256
@testable import Transition

/// Bad input is a `T8nError` naming the field, never a trap; and the rules the environment
/// derives from the parent block, with expected values from the execution specs.
struct TransitionInputTests {
    static let sender = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
    static let env: [String: Any] = [
        "currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x1c9c380",
        "currentNumber": "0x1", "currentTimestamp": "0x3e8", "currentRandom": "0x02", "currentBaseFee": "0x0a",
        "currentExcessBlobGas": "0x0", "withdrawals": [Any](),
    ]

    func run(alloc: Any = [String: Any](), env: Any = TransitionInputTests.env, txs: Any? = nil,
             fork: Fork = .cancun) throws(T8nError) -> Transition.Output {
        try Transition.run(alloc: alloc, env: env, txs: txs, options: Transition.Options(fork: fork))
    }

    /// The error message of a run, or nil when it succeeded.
    func failure(alloc: Any = [String: Any](), env: Any = TransitionInputTests.env, txs: Any? = nil) -> String? {
        do { _ = try run(alloc: alloc, env: env, txs: txs); return nil } catch { return error.description }
    }

    @Test func malformedInputsAreErrorsNamingTheField() {
        #expect(failure(alloc: ["0x12": [String: Any]()])?.contains("alloc key") == true)
        #expect(failure(alloc: [Self.sender: ["balance": "0xzz"]])?.contains("balance") == true)
        #expect(failure(alloc: [Self.sender: ["code": "0x123"]])?.contains("code") == true)
        #expect(failure(alloc: [Self.sender: ["nonce": "0x10000000000000000"]])?.contains("64 bits") == true)
        #expect(failure(alloc: "not an object") != nil)
        var env = Self.env
        env.removeValue(forKey: "currentNumber")
        #expect(failure(env: env)?.contains("currentNumber") == true)
        env = Self.env
        env["currentCoinbase"] = "0x1234"
        #expect(failure(env: env)?.contains("20 bytes") == true)
        env = Self.env
        env.removeValue(forKey: "withdrawals")
        #expect(failure(env: env)?.contains("withdrawals") == true)
        env = Self.env
        env.removeValue(forKey: "currentBaseFee")
        #expect(failure(env: env)?.contains("parentBaseFee") == true)
        #expect(failure(txs: 42) != nil)
        #expect(failure(txs: "0xzz") != nil)
        #expect(failure(txs: "0x01")?.contains("RLP") == true)
    }

    /// An unreadable transaction is rejected with its index; the block still runs.
    @Test func anUnreadableTransactionIsRejectedNotFatal() throws {
        let txs: [Any] = [["nonce": "0x0", "gas": "0x5208", "to": Self.sender]]   // no gasPrice
        let out = try run(alloc: [Self.sender: ["balance": "0x10"]], txs: txs)
        let rejected = out.result["rejected"]
        #expect(rejected == .array([.object([("index", .number(0)),
                                             ("error", .string("Failed to parse transaction 0: txs[0].gasPrice is missing"))])]))
        #expect(out.result["gasUsed"] == .string("0x0"))
    }

    /// Numbers may be JSON numbers, decimal strings or hex strings, as both reference tools read them.
    @Test func numbersInEveryForm() throws {
        var env = Self.env
        env["currentNumber"] = 1
        env["currentTimestamp"] = "1000"
        env["currentGasLimit"] = "0x0000000001c9c380"
        let out = try run(alloc: [Self.sender: ["balance": 16, "nonce": "2"]], env: env)
        #expect(out.alloc == .object([(Self.sender, .object([("balance", .string("0x10")), ("nonce", .string("0x2"))]))]))
        env["currentNumber"] = 1.5
        #expect(failure(env: env)?.contains("natural number") == true)
        env["currentNumber"] = -1
        #expect(failure(env: env)?.contains("natural number") == true)
    }

    /// Too many transactions is an input error, not a long run.
    @Test func theTransactionCountIsBounded() {
        let txs = [Any](repeating: [String: Any](), count: TransactionInput.maxTransactions + 1)
        #expect(failure(txs: txs)?.contains("more than") == true)
    }

    /// EIP-1559's base fee from the parent: expected values worked out by the execution specs'
    /// `calculate_base_fee_per_gas` (london/fork.py).
    @Test func baseFeeFromTheParent() throws {
        // Parent 20M of 30M used: target 15M, fee rises by 1e9 * 5M / 15M / 8 = 41666666.
        #expect(try T8nEnvironment.baseFee(gasLimit: 30_000_000, parentGasLimit: 30_000_000, parentGasUsed: 20_000_000,
                                           parentBaseFee: U256(1_000_000_000)) == U256(1_041_666_666))
        #expect(try T8nEnvironment.baseFee(gasLimit: 30_000_000, parentGasLimit: 30_000_000, parentGasUsed: 15_000_000,
                                           parentBaseFee: U256(7)) == U256(7))
        // Below target: 1e9 * 15M / 15M / 8 = 125000000 less.
        #expect(try T8nEnvironment.baseFee(gasLimit: 30_000_000, parentGasLimit: 30_000_000, parentGasUsed: 0,
                                           parentBaseFee: U256(1_000_000_000)) == U256(875_000_000))
        // Above target with a tiny fee: at least 1 more.
        #expect(try T8nEnvironment.baseFee(gasLimit: 30_000_000, parentGasLimit: 30_000_000, parentGasUsed: 15_000_001,
                                           parentBaseFee: U256(1)) == U256(2))
        // A gas limit that moved by 1/1024 of the parent's or more is invalid.
        #expect(throws: T8nError.self) {
            try T8nEnvironment.baseFee(gasLimit: 30_029_297, parentGasLimit: 30_000_000, parentGasUsed: 0, parentBaseFee: .one)
        }
    }

    /// EIP-4844's excess blob gas, and EIP-7918's bound in Osaka: expected values from the
    /// execution specs' `calculate_excess_blob_gas` (cancun, prague and osaka vm/gas.py).
    struct ExcessCase: Sendable {
        let parentExcess: UInt64, parentUsed: UInt64, parentBaseFee: UInt64
        let schedule: BlobSchedule, reservePrice: Bool, expected: UInt64
    }

    static let blob: UInt64 = 131_072
    static let excessCases: [ExcessCase] = [
        ExcessCase(parentExcess: 3 * blob, parentUsed: 4 * blob, parentBaseFee: 1_000_000_000, schedule: .cancun, reservePrice: false, expected: 524_288),
        ExcessCase(parentExcess: blob, parentUsed: blob, parentBaseFee: 1, schedule: .cancun, reservePrice: false, expected: 0),
        ExcessCase(parentExcess: 6 * blob, parentUsed: 9 * blob, parentBaseFee: 1_000_000_000, schedule: .prague, reservePrice: false, expected: 1_179_648),
        ExcessCase(parentExcess: 2 * blob, parentUsed: 3 * blob, parentBaseFee: 1_000_000_000, schedule: .prague, reservePrice: true, expected: 0),
        // EIP-7918's bound applies: the excess grows by used·3/9.
        ExcessCase(parentExcess: 6 * blob, parentUsed: 8 * blob, parentBaseFee: 1_000_000_000, schedule: .prague, reservePrice: true, expected: 1_135_957),
        // Blobs dearer than the bound: the plain rule.
        ExcessCase(parentExcess: 6 * blob, parentUsed: 8 * blob, parentBaseFee: 1, schedule: .prague, reservePrice: true, expected: 1_048_576),
        ExcessCase(parentExcess: 50 * blob, parentUsed: 7 * blob, parentBaseFee: 1_000_000_000_000, schedule: .prague, reservePrice: true, expected: 6_859_434),
        ExcessCase(parentExcess: 100_000_000, parentUsed: 9 * blob, parentBaseFee: 7, schedule: .prague, reservePrice: true, expected: 100_393_216),
    ]

    @Test(arguments: excessCases)
    func excessBlobGas(_ c: ExcessCase) {
        #expect(BlobGas.excessBlobGas(parentExcessBlobGas: c.parentExcess, parentBlobGasUsed: c.parentUsed,
                                      parentBaseFee: U256(c.parentBaseFee), schedule: c.schedule,
                                      reservePrice: c.reservePrice) == c.expected)
    }

    @Test func excessBlobGasOverflowIsNil() {
        #expect(BlobGas.excessBlobGas(parentExcessBlobGas: .max, parentBlobGasUsed: 1, parentBaseFee: .one,
                                      schedule: .prague, reservePrice: true) == nil)
    }

    /// The log bloom: the Yellow Paper's example-free rule checked against a receipt the
    /// specs' tool wrote (cancun_block.json's first receipt: one log, one topic).
    @Test func emptyBloomIsZero() {
        #expect(Receipt.bloom([]) == [UInt8](repeating: 0, count: 256))
    }

    /// The JSON layout is Python's `json.dump(indent=4)`.
    @Test func jsonLayout() {
        let v = JSONOut.object([("a", .array([.string("x"), .null])), ("b", .object([])), ("c", .array([])), ("d", .bool(true))])
        #expect(v.text() == "{\n    \"a\": [\n        \"x\",\n        null\n    ],\n    \"b\": {},\n    \"c\": [],\n    \"d\": true\n}")
    }
}
