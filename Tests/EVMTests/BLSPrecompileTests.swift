import Foundation
import Testing
@testable import EVM
import Primitives

/// EIP-2537's BLS12-381 precompiles (Prague), checked against the EIP's own test vectors
/// (ethereum/EIPs assets/eip-2537/*.json, copied to Tests/Fixtures/eip2537; multi-point MSM cases
/// from the reference py_ecc; see that folder's README):
/// every valid vector's output, and its gas as the final schedule prices it (the "Gas" fields were
/// stamped from the execution specs by scripts/eip2537/vectors.py); every fail-* vector must fail
/// and consume all gas given.
@Suite struct BLSPrecompileTests {
    static let vectorDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/eip2537")

    struct Vector: Decodable {
        let Input: String
        let Name: String
        let Expected: String?
        let Gas: UInt64?
    }

    /// The vectors of one file; a missing or unreadable file is a recorded failure, never a pass.
    static func vectors(_ file: String) -> [Vector] {
        let url = vectorDirectory.appendingPathComponent(file + ".json")
        guard let data = try? Data(contentsOf: url), let list = try? JSONDecoder().decode([Vector].self, from: data),
              !list.isEmpty else {
            Issue.record("cannot read the EIP-2537 vectors \(url.path)")
            return []
        }
        return list
    }

    static let prague = PrecompileRegistry(fork: .prague)

    static func precompile(_ address: UInt32) -> Precompile? {
        prague.lookup(Address(hi: 0, mid: 0, lo: address))
    }

    /// File name, precompile address.
    static let validFiles: [(String, UInt32)] = [
        ("add_G1_bls", 0x0b), ("add_G2_bls", 0x0d),
        ("mul_G1_bls", 0x0c), ("msm_G1_eels", 0x0c), ("mul_G2_bls", 0x0e), ("msm_G2_eels", 0x0e),
        ("pairing_check_bls", 0x0f), ("map_fp_to_G1_bls", 0x10), ("map_fp2_to_G2_bls", 0x11),
        ("map_fp_to_G1_eels", 0x10), ("map_fp2_to_G2_eels", 0x11),
    ]
    static let failFiles: [(String, UInt32)] = [
        ("fail-add_G1_bls", 0x0b), ("fail-add_G2_bls", 0x0d),
        ("fail-mul_G1_bls", 0x0c), ("fail-msm_G1_bls", 0x0c), ("fail-mul_G2_bls", 0x0e), ("fail-msm_G2_bls", 0x0e),
        ("fail-pairing_check_bls", 0x0f), ("fail-map_fp_to_G1_bls", 0x10), ("fail-map_fp2_to_G2_bls", 0x11),
    ]

    @Test(arguments: validFiles)
    func validVectors(file: String, address: UInt32) throws {
        let p = try #require(Self.precompile(address))
        let list = Self.vectors(file)
        for v in list {
            let input = bytes(v.Input)
            let gas = try #require(v.Gas)
            // Exactly the vector's gas: success, nothing left; one less: out of gas.
            let r = p.run(input: input, gas: Int64(gas))
            #expect(r.status == .success, "\(file) \(v.Name)")
            #expect(Hex.encode(r.output) == (v.Expected ?? "").lowercased(), "\(file) \(v.Name)")
            #expect(r.gasLeft == 0, "\(file) \(v.Name)")
            #expect(p.run(input: input, gas: Int64(gas) - 1).status == .outOfGas, "\(file) \(v.Name)")
        }
    }

    @Test(arguments: failFiles)
    func failureVectors(file: String, address: UInt32) throws {
        let p = try #require(Self.precompile(address))
        for v in Self.vectors(file) {
            let r = p.run(input: bytes(v.Input), gas: 10_000_000)
            #expect(r.status != .success, "\(file) \(v.Name) must fail")
            #expect(r.gasLeft == 0, "\(file) \(v.Name) must consume all gas")
            #expect(r.output.isEmpty, "\(file) \(v.Name)")
        }
    }

    /// The addresses exist from Prague on (EIP-2537 activation), not before.
    @Test func forkGating() {
        let addresses = (0x0b...0x11).map { Address(hi: 0, mid: 0, lo: UInt32($0)) }
        let cancun = PrecompileRegistry(fork: .cancun)
        for a in addresses {
            #expect(cancun.lookup(a) == nil)
            #expect(Self.prague.lookup(a) != nil)
            #expect(Self.prague.addresses.contains(a))
        }
        #expect(Self.prague.lookup(Address(hi: 0, mid: 0, lo: 0x12)) == nil)
    }

    /// The EIP's gas formulas: MSM k·cost·discount(k)/1000 (discount capped at the last entry past
    /// 128), pairing 32600·k + 37700; values worked out from the EIP's tables by hand.
    @Test func gasSchedule() throws {
        let g1msm = try #require(Self.precompile(0x0c)), g2msm = try #require(Self.precompile(0x0e))
        let pairing = try #require(Self.precompile(0x0f))
        func gas(_ p: Precompile, _ length: Int) -> UInt64 {
            [UInt8](repeating: 0, count: length).withUnsafeBytes { p.gas($0) }
        }
        #expect(gas(g1msm, 160) == 12_000)
        #expect(gas(g1msm, 2 * 160) == 22_776)           // 2·12000·949/1000
        #expect(gas(g1msm, 128 * 160) == 797_184)        // 128·12000·519/1000
        #expect(gas(g1msm, 129 * 160) == 803_412)        // capped at 519
        #expect(gas(g2msm, 288) == 22_500)
        #expect(gas(g2msm, 2 * 288) == 45_000)           // discount 1000 for k = 2
        #expect(gas(g2msm, 3 * 288) == 62_302)           // 3·22500·923/1000 = 62302.5
        #expect(gas(g2msm, 200 * 288) == 2_358_000)      // 200·22500·524/1000
        #expect(gas(pairing, 384) == 70_300)
        #expect(gas(pairing, 2 * 384) == 102_900)
    }

    /// Called from a contract: 0x0b is warm from the start (100 for the CALL) and charges 375.
    @Test func g1AddThroughCall() throws {
        let v = try #require(Self.vectors("add_G1_bls").first)
        let input = bytes(v.Input)
        let target = Address(hi: 0, mid: 0, lo: 0x0b)
        let code = storeInMemory(input)
            + asm("\(callText(to: target, gas: "GAS", inSize: input.count)) 0 SSTORE RETURNDATASIZE 0 0x1000 RETURNDATACOPY RETURNDATASIZE 0x1000 RETURN")
        let evm = makeEVM(code: code, fork: .prague)
        let rec = StepRecorder()
        let r = call(evm, gas: 10_000_000, inspector: rec)
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == w(1))
        #expect(r.output == bytes(v.Expected ?? ""))
        #expect(rec.cost(of: "CALL") == Int64(100 + 375))
    }

    /// ADD does no subgroup check (EIP-2537): a point on the curve outside the subgroup (the EIP's
    /// own, from its pairing failure vectors) plus infinity is that point; MSM rejects the same point.
    @Test func addAcceptsPointsOutsideTheSubgroup() throws {
        let pairing = Self.vectors("fail-pairing_check_bls")
        let g1Bad = try #require(pairing.first { $0.Name == "bls_pairing_e(G1_not_in_correct_subgroup,0)" }).Input.prefix(256)
        let g2Bad = try #require(pairing.first { $0.Name == "bls_pairing_e(0,G2_not_in_correct_subgroup)" }).Input.suffix(512)
        let g1Add = try #require(Self.precompile(0x0b)), g2Add = try #require(Self.precompile(0x0d))
        let r1 = g1Add.run(input: bytes(String(g1Bad) + String(repeating: "0", count: 256)), gas: 375)
        #expect(r1.status == .success && Hex.encode(r1.output) == String(g1Bad))
        let r2 = g2Add.run(input: bytes(String(repeating: "0", count: 512) + String(g2Bad)), gas: 600)
        #expect(r2.status == .success && Hex.encode(r2.output) == String(g2Bad))
        let msm = try #require(Self.precompile(0x0c))
        #expect(msm.run(input: bytes(String(g1Bad) + String(repeating: "0", count: 63) + "1"), gas: 12_000).status != .success)
    }

    /// Inputs of a wrong length fail whatever the gas (EIP-2537: "Error cases").
    @Test func wrongLengthsFail() throws {
        for (address, length) in [(UInt32(0x0b), 255), (0x0b, 257), (0x0c, 0), (0x0c, 161), (0x0d, 511),
                                  (0x0e, 0), (0x0e, 287), (0x0f, 0), (0x0f, 383), (0x10, 63), (0x11, 129)] {
            let p = try #require(Self.precompile(address))
            let r = p.run(input: [UInt8](repeating: 0, count: length), gas: 10_000_000)
            #expect(r.status != .success && r.gasLeft == 0, "0x\(String(address, radix: 16)) length \(length)")
        }
    }
}
