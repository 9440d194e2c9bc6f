import Testing
@testable import EVM
import Primitives
import UInt256

/// Osaka's opcode and precompiles as a contract sees them. Sources: EIP-7939's test cases
/// (CLZ of 0 is 256, of 2^255 is 0, …; gas 5 like MUL), EIP-7951 (P256VERIFY at 0x100, 6900
/// gas, one word 1 on success, empty output otherwise), EIP-7823/7883 (MODEXP bounds and gas).
@Suite struct OsakaOpcodeAndPrecompileTests {
    // MARK: CLZ

    static let clzCases: [(String, UInt64)] = [
        ("0x0000000000000000000000000000000000000000000000000000000000000000", 256),
        ("0x8000000000000000000000000000000000000000000000000000000000000000", 0),
        ("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 0),
        ("0x4000000000000000000000000000000000000000000000000000000000000000", 1),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 1),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", 255),
        ("0x0000000000000000000000000000000000000000000000010000000000000000", 191),   // 2^64
        ("0x00000000000000000000000000000000ffffffffffffffffffffffffffffffff", 128),
    ]

    @Test func clzTable() {
        for (x, expected) in Self.clzCases {
            #expect(eval(pushBytes(w(x)) + asm("CLZ"), fork: .osaka) == w(expected), "CLZ(\(x))")
        }
    }

    @Test func clzCostsFiveAndNeedsOneItem() {
        let (r, _) = run(asm("1 CLZ"), fork: .osaka)
        #expect(r.status == .success)
        #expect(gasUsed(r) == 3 + 5)
        let (u, _) = run(asm("CLZ"), gas: 50_000, fork: .osaka)
        #expect(u.status == .stackUnderflow)
        #expect(u.gasLeft == 0)
    }

    @Test(arguments: [Fork.cancun, .prague])
    func clzIsInvalidBeforeOsaka(fork: Fork) {
        let (r, _) = run(asm("1 CLZ"), gas: 50_000, fork: fork)
        #expect(r.status == .invalidOpcode)
        #expect(r.gasLeft == 0)
    }

    // MARK: precompiles

    static let p256Valid = bytes("""
        bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023\
        2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18\
        4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76\
        2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838\
        c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e
        """)   // EIP-7951 assets/eip-7951/test-vectors.json, Wycheproof #1

    func precompile(_ address: UInt32, _ fork: Fork) -> Precompile? {
        PrecompileRegistry(fork: fork).lookup(Address(hi: 0, mid: 0, lo: address))
    }

    @Test func p256VerifyOnlyFromOsaka() {
        #expect(precompile(0x100, .osaka)?.name == "P256VERIFY")
        #expect(precompile(0x100, .prague) == nil)
        #expect(precompile(0x100, .cancun) == nil)
        #expect(precompile(0xff, .osaka) == nil)
        #expect(precompile(0x101, .osaka) == nil)
    }

    @Test func p256VerifyOutputsAndGas() throws {
        let p = try #require(precompile(0x100, .osaka))
        let ok = p.run(input: Self.p256Valid, gas: 10_000)
        #expect(ok.status == .success)
        #expect(ok.output == [UInt8](repeating: 0, count: 31) + [1])
        #expect(ok.gasLeft == 10_000 - 6_900)
        // A bad signature, and inputs of 159 and 161 bytes: success, no output, 6900 gas only.
        var bad = Self.p256Valid
        bad[40] ^= 1
        for input in [bad, Array(Self.p256Valid.dropLast()), Self.p256Valid + [0], []] {
            let r = p.run(input: input, gas: 10_000)
            #expect(r.status == .success)
            #expect(r.output.isEmpty)
            #expect(r.gasLeft == 10_000 - 6_900)
        }
        #expect(p.run(input: Self.p256Valid, gas: 6_899).status == .outOfGas)
    }

    @Test func p256VerifyIsWarmInOsaka() {
        // EIP-2929: a precompile is warm from the start; the CALL costs 100, not 2600 + 100.
        let code = storeInMemory(Self.p256Valid)
            + asm("32 0 160 0 0 0x100 GAS CALL POP 0 MLOAD \(ret)")   // output over the input: no expansion
        let rec = StepRecorder()
        let evm = makeEVM(code: code, fork: .osaka)
        let r = call(evm, gas: 1_000_000, inspector: rec)
        #expect(r.status == .success)
        #expect(U256(bigEndianBytes: r.output) == .one)
        #expect(rec.cost(of: "CALL") == Int64(100 + 6_900))
        evm.warmTransactionAddresses(sender: Addr.sender, target: Addr.contract)
        #expect(evm.state.isWarm(Address(hi: 0, mid: 0, lo: 0x100)))
        #expect(evm.precompileAddresses.contains(Address(hi: 0, mid: 0, lo: 0x100)))
    }

    /// The long-exponent input of ModExpEIP7883Tests: 8192 gas from Osaka, 1365 before.
    @Test func modexpPricedByForkAndBounded() throws {
        func word(_ n: Int) -> [UInt8] { [UInt8](repeating: 0, count: 31) + [UInt8(n)] }
        let input = word(32) + word(64) + word(32) + [UInt8](repeating: 0, count: 32)
            + [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 32) + [UInt8](repeating: 0, count: 32)
        let osaka = try #require(precompile(5, .osaka)), prague = try #require(precompile(5, .prague))
        #expect(osaka.run(input: input, gas: 100_000).gasLeft == 100_000 - 8_192)
        #expect(prague.run(input: input, gas: 100_000).gasLeft == 100_000 - 1_365)
        // Blen = 1025 (EIP-7823): the call fails and takes all gas; Prague still runs it.
        let tooLong = [UInt8](repeating: 0, count: 30) + [0x04, 0x01] + word(1) + word(1) + [2, 3, 5]
        let failed = osaka.run(input: tooLong, gas: 100_000)
        #expect(!failed.status.isSuccess)
        #expect(failed.gasLeft == 0)
        #expect(prague.run(input: tooLong, gas: 100_000).status == .success)
    }
}
