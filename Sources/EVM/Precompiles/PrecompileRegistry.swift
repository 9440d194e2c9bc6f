import Primitives
import UInt256

/// A precompiled contract: its gas rule and its function over the input.
public struct Precompile: Sendable {
    public let name: String
    /// Gas for an input; saturates rather than overflows for absurd lengths.
    public let gas: @Sendable (UnsafeRawBufferPointer) -> UInt64
    /// The output, or nil when the input is invalid (the call fails, consuming all gas).
    public let execute: @Sendable (UnsafeRawBufferPointer) -> [UInt8]?

    public func run(input: [UInt8], gas available: Int64) -> CallResult {
        input.withUnsafeBytes { p in
            let cost = gas(p)
            guard cost <= UInt64(max(available, 0)) else { return CallResult(status: .outOfGas, gasLeft: 0) }
            guard let output = execute(p) else { return CallResult(status: .precompileFailure, gasLeft: 0) }
            return CallResult(status: .success, gasLeft: available - Int64(cost), output: output)
        }
    }
}

/// Precompiles by address, for one fork: those of `all` whose EIP the fork has.
public struct PrecompileRegistry: Sendable {
    private let table: [Precompile?]     // index = address

    /// Every precompile of the supported forks, with the EIP that added it after Berlin
    /// (0x01-0x04 Frontier, 0x05-0x08 Byzantium, 0x09 Istanbul; nil: Berlin has it). A later
    /// entry for the same address replaces an earlier one in the forks that have its EIP.
    static let all: [(address: Int, precompile: Precompile, since: EIP?)] = [
        (0x01, Precompiles.ecrecover, nil),
        (0x02, Precompiles.sha256, nil),
        (0x03, Precompiles.ripemd160, nil),
        (0x04, Precompiles.identity, nil),
        (0x05, Precompiles.modexp, nil),
        (0x06, Precompiles.bn254Add, nil),
        (0x07, Precompiles.bn254Mul, nil),
        (0x08, Precompiles.bn254Pairing, nil),
        (0x09, Precompiles.blake2f, nil),
        (0x0a, Precompiles.pointEvaluation, .eip4844),
        (0x0b, Precompiles.blsG1Add, .eip2537),
        (0x0c, Precompiles.blsG1MSM, .eip2537),
        (0x0d, Precompiles.blsG2Add, .eip2537),
        (0x0e, Precompiles.blsG2MSM, .eip2537),
        (0x0f, Precompiles.blsPairingCheck, .eip2537),
        (0x10, Precompiles.blsMapFpToG1, .eip2537),
        (0x11, Precompiles.blsMapFp2ToG2, .eip2537),
        (0x05, Precompiles.modexpEIP7883, .eip7883),     // replaces EIP-2565's pricing
        (0x100, Precompiles.p256Verify, .eip7951),
    ]

    public init(fork: Fork) {
        var t = [Precompile?](repeating: nil, count: (Self.all.map(\.address).max() ?? 0) + 1)
        for p in Self.all where p.since.map(fork.has) ?? true { t[p.address] = p.precompile }
        table = t
    }

    @inline(__always)
    public func lookup(_ a: Address) -> Precompile? {
        guard a.hi == 0, a.mid == 0, a.lo < UInt32(table.count) else { return nil }
        return table[Int(a.lo)]
    }

    public var addresses: [Address] {
        table.indices.filter { table[$0] != nil }.map { Address(hi: 0, mid: 0, lo: UInt32($0)) }
    }
}

/// Gas helpers shared by the precompiles.
enum PrecompileGas {
    /// base + perWord · ceil(len/32).
    static func linear(_ base: UInt64, _ perWord: UInt64, _ length: Int) -> UInt64 {
        base + perWord * UInt64((length + 31) / 32)
    }
}
