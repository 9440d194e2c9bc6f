import Testing
@testable import EVM
import Primitives
import UInt256

/// Precompiled contracts called through CALL. Sources: Yellow Paper appendix E (ECREC 3000,
/// SHA256 60 + 12/word, RIPEMD160 600 + 120/word, ID 15 + 3/word), go-ethereum's ecrecover test
/// vector, FIPS 180-2 / RIPEMD-160 digests of "", EIP-198 examples, EIP-2565 pricing.
@Suite struct PrecompileTests {
    /// Calls precompile `address` with `input` and `gas` ("GAS" for all). Returns the call's
    /// success flag (stored in slot 0) and its return data.
    func callPrecompile(_ address: UInt32, _ input: [UInt8], gas: String = "GAS") -> (ok: Bool, output: [UInt8], evm: EVM, rec: StepRecorder) {
        let target = Address(hi: 0, mid: 0, lo: address)
        let code = storeInMemory(input)
            + asm("\(callText(to: target, gas: gas, inSize: input.count)) 0 SSTORE RETURNDATASIZE 0 0x1000 RETURNDATACOPY RETURNDATASIZE 0x1000 RETURN")
        let evm = makeEVM(code: code)
        let rec = StepRecorder()
        let r = call(evm, gas: 10_000_000, inspector: rec)
        #expect(r.status == .success)
        return (evm.state.storage(Addr.contract, .zero) == w(1), r.output, evm, rec)
    }

    @Test func ecrecoverKnownSignature() {
        let input = bytes("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")
        let (ok, out, _, rec) = callPrecompile(1, input)
        #expect(ok)
        #expect(out == [UInt8](repeating: 0, count: 12) + bytes("ceaccac640adf55b2028469bd36ba501f28b699d"))
        // CALL to a warm precompile: 100 + 3000.
        #expect(rec.cost(of: "CALL") == Int64(3100))
    }

    @Test func ecrecoverInvalidSignatureReturnsNothing() {
        // v = 29 is not 27 or 28: success with empty output (Yellow Paper appendix E).
        var input = bytes("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")
        input[63] = 29
        let (ok, out, _, _) = callPrecompile(1, input)
        #expect(ok)
        #expect(out.isEmpty)
        // Empty input likewise.
        let (ok2, out2, _, _) = callPrecompile(1, [])
        #expect(ok2)
        #expect(out2.isEmpty)
    }

    @Test func sha256OfEmpty() {
        let (ok, out, _, rec) = callPrecompile(2, [])
        #expect(ok)
        #expect(out == bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(rec.cost(of: "CALL") == Int64(100 + 60))
        // 64 zero bytes (the EIP-3155 example's STATICCALL): f5a5fd42…; 60 + 12·2.
        let (_, out64, _, rec64) = callPrecompile(2, [UInt8](repeating: 0, count: 64))
        #expect(out64 == bytes("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"))
        #expect(rec64.cost(of: "CALL") == Int64(100 + 84))
    }

    @Test func ripemd160OfEmpty() {
        // The 20-byte digest 9c1185a5… left-padded to 32 bytes.
        let (ok, out, _, rec) = callPrecompile(3, [])
        #expect(ok)
        #expect(out == [UInt8](repeating: 0, count: 12) + bytes("9c1185a5c5e9fc54612808977ee8f548b2258d31"))
        #expect(rec.cost(of: "CALL") == Int64(100 + 600))
    }

    @Test func identity() {
        let data = (0..<40).map { UInt8($0 * 3 & 0xff) }
        let (ok, out, _, rec) = callPrecompile(4, data)
        #expect(ok)
        #expect(out == data)
        #expect(rec.cost(of: "CALL") == Int64(100 + 15 + 3 * 2))
        let (_, empty, _, _) = callPrecompile(4, [])
        #expect(empty.isEmpty)
    }

    // EIP-198 examples.
    static let modexpFermat = bytes("""
        0000000000000000000000000000000000000000000000000000000000000001
        0000000000000000000000000000000000000000000000000000000000000020
        0000000000000000000000000000000000000000000000000000000000000020
        03
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f
        """)
    static let modexpZeroBase = bytes("""
        0000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000020
        0000000000000000000000000000000000000000000000000000000000000020
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f
        """)
    static let modexpHugeModulus = bytes("""
        0000000000000000000000000000000000000000000000000000000000000000
        0000000000000000000000000000000000000000000000000000000000000020
        ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe
        fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd
        """)
    static let modexpExtraByte = bytes("""
        0000000000000000000000000000000000000000000000000000000000000001
        0000000000000000000000000000000000000000000000000000000000000002
        0000000000000000000000000000000000000000000000000000000000000020
        03
        ffff
        8000000000000000000000000000000000000000000000000000000000000000
        07
        """)
    static let modexpShortModulus = bytes("""
        0000000000000000000000000000000000000000000000000000000000000001
        0000000000000000000000000000000000000000000000000000000000000002
        0000000000000000000000000000000000000000000000000000000000000020
        03
        ffff
        80
        """)

    @Test func modexpEIP198Examples() {
        // 3^(p-1) mod p = 1 (Fermat), as 32 bytes.
        let (ok1, out1, _, _) = callPrecompile(5, Self.modexpFermat)
        #expect(ok1)
        #expect(out1 == [UInt8](repeating: 0, count: 31) + [1])
        // Empty base: 0.
        let (ok2, out2, _, _) = callPrecompile(5, Self.modexpZeroBase)
        #expect(ok2)
        #expect(out2 == [UInt8](repeating: 0, count: 32))
        // Modulus length 2^256-1: no gas can pay for it; the call fails.
        let (ok3, out3, _, _) = callPrecompile(5, Self.modexpHugeModulus)
        #expect(!ok3)
        #expect(out3.isEmpty)
        // 3^65535 mod 2^255, with the extra byte ignored / the short modulus right-padded.
        // Expected value computed independently with Python's pow(3, 65535, 2**255).
        let expected = bytes("3b01b01ac41f2d6e917c6d6a221ce793802469026d9ab7578fa2e79e4da6aaab")
        #expect(callPrecompile(5, Self.modexpExtraByte).output == expected)
        #expect(callPrecompile(5, Self.modexpShortModulus).output == expected)
    }

    @Test func modexpGasEIP2565() {
        // EIP-2565: max(200, ⌈max(Blen, Mlen)/8⌉² · iterations / 3); for the Fermat example
        // 4² · 255 / 3 = 1360 (the exponent's highest bit is 255).
        let r = Precompiles.modexp.run(input: Self.modexpFermat, gas: 100_000)
        #expect(r.status == .success)
        #expect(r.gasLeft == 100_000 - 1360)
        // 3^65535 mod 2^255: ⌈32/8⌉² = 16, iterations 15 → 16·15/3 = 80 → minimum 200.
        #expect(Precompiles.modexp.run(input: Self.modexpExtraByte, gas: 100_000).gasLeft == 100_000 - 200)
    }

    @Test func precompileOutOfGas() {
        // SHA256("") needs 60: with 59 the call fails and the 59 are gone.
        let (ok, out, _, rec) = callPrecompile(2, [], gas: "59")
        #expect(!ok)
        #expect(out.isEmpty)
        #expect(rec.cost(of: "CALL") == Int64(100 + 59))
        let (ok60, _, _, _) = callPrecompile(2, [], gas: "60")
        #expect(ok60)
        // ecrecover with 2999 of 3000.
        let input = bytes("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")
        #expect(!callPrecompile(1, input, gas: "2999").ok)
        // Directly: out of gas, nothing left.
        let r = Precompiles.ripemd160.run(input: [], gas: 599)
        #expect(r.status == .outOfGas)
        #expect(r.gasLeft == 0)
    }

    @Test func precompilesAreWarmAndValueGoesThrough() {
        // EIP-2929: precompiles start warm, so a CALL to 0x04 costs 100 + its own gas, not 2600.
        let (_, _, _, rec) = callPrecompile(4, [])
        #expect(rec.cost(of: "CALL") == Int64(100 + 15))
        // Value sent to a precompile is credited to it.
        let code = asm("\(callText(to: Address(hi: 0, mid: 0, lo: 4), value: 5)) STOP")
        let (r, evm) = run(code, contractBalance: w(5))
        #expect(r.status == .success)
        #expect(evm.state.balance(Address(hi: 0, mid: 0, lo: 4)) == w(5))
    }
}
