import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// The call-tree recorder on the PoR contracts. Expected values come from the contracts' sources
/// (Contracts/*.vy: parameter names, the calls `mint` and `performUpkeep` make, the events and
/// custom errors), ERC-20 and the Yellow Paper's intrinsic gas, never from a recorded run.
@Suite struct CallTreeTests {
    /// A deployment whose feed reports 100 and whose token minted 100 to alice.
    func fullyMinted() throws -> (PoRDeployment, CallTreeWatcher, TestAccount) {
        let chain = Chain()
        var por = try PoRDeployment(chain: chain)
        try por.publish([100, 100, 100])
        let alice = chain.account("alice")
        let watcher = CallTreeWatcher()
        chain.watchers = [watcher]
        expectSuccess(try por.token.transact("mint", alice, 100, from: por.minter))
        return (por, watcher, alice)
    }

    /// EIP-2028: 4 gas per zero byte of call data, 16 per other byte, on top of 21,000.
    func intrinsicGas(_ data: [UInt8]) -> Int64 { 21_000 + data.reduce(0) { $0 + ($1 == 0 ? 4 : 16) } }

    @Test func anAcceptedMintReadsTheFeedAndEmitsTransfer() throws {
        let (por, watcher, alice) = try fullyMinted()
        let entry = try #require(watcher.entries.last)
        let root = try #require(entry.root)
        #expect(root.message.recipient == por.token.address)
        #expect(root.message.depth == 0)
        #expect(Array(root.message.input.prefix(4)) == selector("mint(address,uint256)"))
        #expect(root.status == .success)
        // mint reads decimals() and latestRoundData() of the feed, both static calls.
        #expect(root.calls.map { Array($0.message.input.prefix(4)) } == [decimalsSelector, latestRoundDataSelector])
        #expect(root.calls.allSatisfy { $0.message.recipient == por.feed.address && $0.message.kind == .staticCall })
        #expect(root.calls.allSatisfy { $0.status == .success && $0.gasUsed > 0 && $0.gasUsed < root.gasUsed })
        // ERC-20: a mint is a Transfer from the zero address.
        let transfer = try #require(root.logs.first)
        #expect(transfer.topics.first == ABIEvent(name: "Transfer", inputs: [
            ABIParameter(name: "from", type: .address, indexed: true), ABIParameter(name: "to", type: .address, indexed: true),
            ABIParameter(name: "value", type: .uint(256))]).topic)
        #expect(transfer.topics.dropFirst().map { Address(word: $0) } == [.zero, alice.address])

        let text = watcher.take(chain: por.chain, indent: "").joined(separator: "\n")
        #expect(text.contains("SecureMintToken::mint(to: alice, amount: 100)"))
        #expect(text.contains("PoRAggregator::decimals() [staticcall]"))
        #expect(text.contains("emit Transfer(from: \(Address.zero), to: alice, value: 100)"))
        #expect(watcher.entries.isEmpty)
    }

    @Test func aMintOverTheReservesShowsReservesExceededWithItsValues() throws {
        let (por, watcher, alice) = try fullyMinted()
        _ = watcher.take(chain: por.chain)
        let outcome = try por.token.transact("mint", alice, 1, from: por.minter)
        let root = try #require(watcher.entries.last?.root)
        #expect(root.status == .revert)
        #expect(root.logs.isEmpty)
        // SecureMintToken.vy: ReservesExceeded(uint256 supplyAfterMint, uint256 reserves).
        #expect(root.output == selector("ReservesExceeded(uint256,uint256)") + U256(101).bigEndianBytes + U256(100).bigEndianBytes)
        // A revert refunds nothing: the receipt is the intrinsic gas plus what the frame used.
        #expect(Int64(outcome.gasUsed) == intrinsicGas(root.message.input) + root.gasUsed)

        let lines = watcher.take(chain: por.chain, indent: "")
        #expect(lines.first == "tx SecureMintToken.mint from \(por.minter.name) (revert, gasUsed \(outcome.gasUsed))")
        #expect(lines.contains("[\(root.gasUsed)] SecureMintToken::mint(to: alice, amount: 1)"))
        #expect(lines.last == "└─ ← [Revert] ReservesExceeded(supplyAfterMint: 101, reserves: 100)")
    }

    @Test func theTrippingUpkeepPausesTheTokenFromInsideTheBreaker() throws {
        let (p, watcher, _) = try fullyMinted()
        var por = p
        try por.publish([90, 90, 90])
        _ = watcher.take(chain: por.chain)
        expectSuccess(try por.breaker.transact("performUpkeep", [UInt8](), from: por.forwarder))
        let root = try #require(watcher.entries.last?.root)
        // ReserveCircuitBreaker.vy: performUpkeep calls token.pause(); the token emits Paused(account),
        // the breaker CircuitBreakerTripped(reserves, supply, readingStatus).
        let pause = try #require(root.calls.first { Array($0.message.input.prefix(4)) == selector("pause()") })
        #expect(pause.message.recipient == por.token.address && pause.message.kind == .call)
        #expect(pause.logs.count == 1 && pause.logs.first?.address == por.token.address)
        #expect(root.logs.count == 1 && root.logs.first?.address == por.breaker.address)
        let text = watcher.take(chain: por.chain, indent: "").joined(separator: "\n")
        #expect(text.contains("emit Paused(account: ReserveCircuitBreaker)"))
        #expect(text.contains("emit CircuitBreakerTripped(reserves: 90, supply: 100, readingStatus: 0)"))
    }

    @Test func readOnlyCallsAreRecordedOnlyWhenAskedFor() throws {
        let (por, watcher, _) = try fullyMinted()
        _ = watcher.take(chain: por.chain)
        _ = try por.token.read("totalSupply")
        #expect(watcher.entries.isEmpty)
        let calls = CallTreeWatcher(includeCalls: true)
        por.chain.watchers = [calls]
        _ = try por.token.read("totalSupply")
        #expect(calls.take(chain: por.chain, indent: "").first?.hasPrefix("call SecureMintToken.totalSupply") == true)
    }
}
