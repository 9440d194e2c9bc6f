import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256

@Suite struct PoRSmokeTests {
    @Test func reportThenMintWithinReserves() throws {
        let chain = Chain(mode: .transactions)
        var por = try PoRDeployment(chain: chain)
        let outcome = try por.publish([150, 160, 170])
        #expect(outcome.succeeded, "\(outcome)")
        let latest = try por.feed.readAll("latestRoundData")
        #expect(latest[1].intValue == 160)
        let alice = chain.account("alice")
        let ok = try por.token.transact("mint", alice, 160, from: por.minter)
        #expect(ok.succeeded, "\(ok)")
        let tooMuch = try por.token.transact("mint", alice, 1, from: por.minter)
        #expect(tooMuch.reverted)
        #expect(tooMuch.revertReason?.description == "ReservesExceeded(161, 160)")
    }
}
