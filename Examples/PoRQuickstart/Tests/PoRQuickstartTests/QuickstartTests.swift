import Testing
import HarnessTesting
import Harness
import PoR

/// The Swift example of the root README.md, verbatim between the markers (the root's
/// `ReadmeExampleTests` fails when the two differ). `.harnessFailures` makes a failing line
/// of the example, not this function, the place Swift Testing reports.
@Suite(.harnessFailures) struct QuickstartTests {
    @Test func readmeExample() throws {
        // README example begin
        let chain = Chain()                                   // Osaka, chain id 31337, funded accounts
        var por = try PoRDeployment(chain: chain)             // feed + token + breaker from Fixtures/, wired
        try por.publish([150, 160, 170])                      // 4 oracles, f = 1: signed report, median 160
        let alice = chain.account("alice")
        try por.token.transact("mint", alice, 160, from: por.minter)        // at the boundary: succeeds
        chain.expectRevert(error: "ReservesExceeded", 161, 160)             // one unit more: refused
        try por.token.transact("mint", alice, 1, from: por.minter)
        chain.warp(chain.block.timestamp + 86_401)                          // past the heartbeat
        chain.expectRevert("ReservesStale")
        try por.token.transact("mint", alice, 1, from: por.minter)
        // README example end

        // What the example leaves behind, from the values it states: 160 minted to alice.
        #expect(try por.token.read("totalSupply").uint64Value == 160)
        #expect(try por.token.read("balanceOf", alice).uint64Value == 160)
    }
}
