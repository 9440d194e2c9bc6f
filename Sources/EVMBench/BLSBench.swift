import EVM
import Foundation
import Primitives

/// `EVMBench bls`: EIP-2537's precompiles through the Prague registry, ns per call beside the gas
/// the EIP charges, and gas per µs next to ECRECOVER's (the EIP priced the schedule against it).
/// Inputs are the test vectors in Tests/Fixtures/eip2537 (read from the source tree), all valid;
/// the k = 1 MSM cases use a full 256-bit scalar. Run `swift run -c release EVMBench bls`.
enum BLSBench {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/eip2537")

    struct Vector: Decodable { let Input: String; let Name: String }

    static func input(_ file: String, _ name: String) -> [UInt8]? {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent(file + ".json")),
              let list = try? JSONDecoder().decode([Vector].self, from: data),
              let v = list.first(where: { $0.Name == name }) else { return nil }
        return Hex.decode(v.Input)
    }

    static let ecrecoverInput = "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02"
    /// A full-width scalar (the EIP's bls_g2mul_random vectors).
    static let scalar = "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3"

    static func run(_ args: [String]) {
        let registry = PrecompileRegistry(fork: .prague)
        func p(_ a: UInt32) -> Precompile? { registry.lookup(Address(hi: 0, mid: 0, lo: a)) }
        let g1 = input("mul_G1_bls", "bls_g1mul_(1*g1=g1)").map { Array($0.prefix(128)) }
        let g2 = input("mul_G2_bls", "bls_g2mul_random*g2").map { Array($0.prefix(256)) }
        var cases: [(String, Precompile?, [UInt8]?)] = [
            ("ECRECOVER (0x01)", p(0x01), Hex.decode(ecrecoverInput)),
            ("G1ADD (0x0b)", p(0x0b), input("add_G1_bls", "bls_g1add_g1+p1")),
            ("G1MSM k=1 (0x0c)", p(0x0c), g1.map { $0 + (Hex.decode(scalar) ?? []) }),
        ]
        for k in [2, 8, 64, 130] { cases.append(("G1MSM k=\(k)", p(0x0c), input("msm_G1_eels", "eels_g1msm_k\(k)"))) }
        cases += [
            ("G2ADD (0x0d)", p(0x0d), input("add_G2_bls", "bls_g2add_g2+p2")),
            ("G2MSM k=1 (0x0e)", p(0x0e), g2.map { $0 + (Hex.decode(scalar) ?? []) }),
        ]
        for k in [2, 8, 130] { cases.append(("G2MSM k=\(k)", p(0x0e), input("msm_G2_eels", "eels_g2msm_k\(k)"))) }
        cases += [
            ("PAIRING k=2 (0x0f)", p(0x0f), input("pairing_check_bls", "bls_pairing_e(G1,-G2)=e(-G1,G2)")),
            ("PAIRING k=3", p(0x0f), input("pairing_check_bls", "bls_pairing_bilinearity")),
            ("MAP_FP_TO_G1 (0x10)", p(0x10), input("map_fp_to_G1_bls", "bls_g1map_616263")),
            ("MAP_FP2_TO_G2 (0x11)", p(0x11), input("map_fp2_to_G2_bls", "bls_g2map_616263")),
        ]
        print("\(pad("precompile", 22)) \(pad("gas", 9)) \(pad("µs/call", 10)) gas/µs")
        for (name, precompile, data) in cases {
            guard let precompile, let data, precompile.run(input: data, gas: 100_000_000).status == .success else {
                print("bls: \(name): input missing or not valid (run from the source tree)")
                exit(1)
            }
            let gas = data.withUnsafeBytes { precompile.gas($0) }
            let ns = Bench.nsPerOp(minTrialNs: 50_000_000, trials: 3) { n in
                var sum: UInt64 = 0
                for _ in 0..<n { sum &+= UInt64(precompile.run(input: data, gas: 100_000_000).output.count) }
                return sum
            }
            print("\(pad(name, 22)) \(pad(String(gas), 9)) \(pad(fmt(ns / 1e3), 10)) \(fmt(Double(gas) / (ns / 1e3)))")
        }
    }
}
