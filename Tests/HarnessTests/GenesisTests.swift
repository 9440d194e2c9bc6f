import Testing
import EVM
import ABI
import UInt256
@testable import Harness
import Primitives

/// Where a new chain starts, as README.md documents it, and how to start elsewhere.
@Suite struct GenesisTests {
    @Test func chainStartsAtBlockOneTimestampOneChainId31337() throws {
        let chain = Chain()
        let env = chain.at(Address(hex: "0x0000000000000000000000000000000000000e40")!,
                           abi: try abi("now()(uint256)", "number()(uint256)", "id()(uint256)"))
        // Each selector reaches the same code; what the code returns is chosen by the opcode.
        for (op, expected) in [(UInt8(0x42), UInt64(1)), (0x43, 1), (0x46, 31_337)] {
            chain.etch(env, code: returnsWord(op))          // TIMESTAMP, NUMBER, CHAINID
            #expect(try env.read("now") == u(expected))
        }
        let moved = Chain(chainId: 5, timestamp: 1_700_000_000, blockNumber: 19_000_000)
        let e = moved.at(env.address, abi: env.abi)
        for (op, expected) in [(UInt8(0x42), UInt64(1_700_000_000)), (0x43, 19_000_000), (0x46, 5)] {
            moved.etch(e, code: returnsWord(op))
            #expect(try e.read("now") == u(expected))
        }
    }

    /// Chainlink's FluxAggregator constructor sets `rounds[0].updatedAt = block.timestamp.sub(timeout)`
    /// (SafeMath: reverts when timeout > timestamp). No FluxAggregator artifact is at hand, so this
    /// init code does the same check with a one-hour timeout: it reverts at the default
    /// timestamp 1 and deploys from `Chain(timestamp:)` at or past the timeout.
    @Test func constructorSubtractingATimeoutNeedsALaterGenesis() throws {
        // PUSH2 3600 TIMESTAMP LT PUSH1 18 JUMPI; return a one-byte runtime; 18: JUMPDEST REVERT(0, 0)
        let flux = Artifact(contractName: "TimeoutBeforeGenesis", abi: ContractABI(),
                            bytecodeHex: "0x610e10421060125760006000536001" + "6000f3" + "5b60006000fd")
        #expect(throws: HarnessError.self) { try Chain().deploy(flux) }
        let later = Chain(timestamp: 3_600)
        #expect(later.code(at: try later.deploy(flux)).count == 1)
    }
}
