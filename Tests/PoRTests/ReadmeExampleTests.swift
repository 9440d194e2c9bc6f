import Testing
import Harness
import PoR

/// The Swift example in README.md, verbatim: it must keep compiling and passing.
@Suite struct ReadmeExampleTests {
    @Test func harnessExampleFromTheReadme() throws {
        let chain = Chain()                                   // Cancun, chain id 31337, funded accounts
        var por = try PoRDeployment(chain: chain)             // feed + token + breaker from Fixtures/, wired
        try por.publish([150, 160, 170])                      // 4 oracles, f = 1: signed report, median 160
        let alice = chain.account("alice")
        try por.token.transact("mint", alice, 160, from: por.minter)        // at the boundary: succeeds
        chain.expectRevert(error: "ReservesExceeded", 161, 160)             // one unit more: refused
        try por.token.transact("mint", alice, 1, from: por.minter)
        chain.warp(chain.block.timestamp + 86_401)                          // past the heartbeat
        chain.expectRevert("ReservesStale")
        try por.token.transact("mint", alice, 1, from: por.minter)

        #expect(try por.token.read("totalSupply").uint64Value == 160)
    }
}
