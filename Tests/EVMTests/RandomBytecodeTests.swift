import Testing
@testable import EVM
import Primitives
import UInt256

/// Whatever bytes a contract holds, execution ends in a status (success, revert or an
/// exceptional halt) and never traps: seeded random programs, biased towards real opcodes
/// with small operands so that they get past the first instruction, under every fork.
@Suite struct RandomBytecodeTests {
    /// xorshift64*: deterministic, so a failure reproduces from its seed.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545F4914F6CDD1D
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func program(_ rng: inout Rng) -> [UInt8] {
        var code = [UInt8]()
        let length = 1 + rng.below(120)
        while code.count < length {
            switch rng.below(10) {
            case 0..<4:                                   // a small operand, so memory/jumps/calls stay plausible
                code += [0x60, UInt8(rng.below(64))]
            case 4:                                       // a wide operand
                let n = 1 + rng.below(32)
                code.append(0x5f + UInt8(n))
                for _ in 0..<n { code.append(UInt8(truncatingIfNeeded: rng.next())) }
            case 5:
                code.append(0x5b)                         // JUMPDEST
            default:
                code.append(UInt8(truncatingIfNeeded: rng.next()))   // any byte, defined or not
            }
        }
        return code
    }

    @Test(arguments: Fork.allCases)
    func randomProgramsEndInAStatus(fork: Fork) {
        let seed = TestSeed.value("randomProgramsEndInAStatus(\(fork))", default: 0x9E3779B97F4A7C15) ^ UInt64(fork.rawValue + 1)
        var rng = Rng(state: seed == 0 ? 1 : seed)   // xorshift never leaves 0
        let me = Address(hi: 0xc0de, mid: 0, lo: 0)
        let other = Address(hi: 0xbeef, mid: 0, lo: 0)
        var statuses = Set<Status>()
        for _ in 0..<5000 {
            let state = WorldState()
            state.setAccount(me, Account(nonce: 1, balance: U256(1_000_000), code: Bytecode(Self.program(&rng))))
            state.setAccount(other, Account(nonce: 1, code: Bytecode(Self.program(&rng))))
            let evm = EVM(fork: fork, state: state)
            let input = (0..<rng.below(80)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let gas = Int64(1 + rng.below(200_000))
            let result = evm.call(Message(gas: gas, recipient: me, sender: Address(hi: 1, mid: 0, lo: 0), input: input))
            #expect(result.status != .running, "seed \(seed)")
            #expect(result.gasLeft >= 0 && result.gasLeft <= gas, "seed \(seed)")
            statuses.insert(result.status)
        }
        // The generator reaches the common endings, so the loop above exercised real paths.
        #expect(statuses.isSuperset(of: [.success, .stackUnderflow, .invalidOpcode, .outOfGas]), "\(statuses), seed \(seed)")
    }
}
