import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 1. SecureMintToken.mint: totalSupply + amount <= reserves (scaled, minus the safety margin),
/// otherwise ReservesExceeded(uint256 supplyAfterMint, uint256 reserves).
@Suite struct MintBoundaryTests {
    @Test func mintUpToReservesExactlySucceedsAndOneUnitMoreReverts() throws {
        let reserves: UInt64 = 2_100_000_000_000          // 21 000 BTC at 8 decimals
        let bed = try TokenBed(answer: Int(reserves))
        expectSuccess(try bed.mint(bed.alice, reserves - 1_000))
        // The last mint lands exactly on the reserves: "<=" means allowed.
        let exact = try bed.mint(bed.bob, 1_000)
        expectSuccess(exact)
        #expect(exact.events(named: "Transfer").first?["value"] == u(1_000))
        #expect(try bed.supply() == u(reserves))
        #expect(try bed.token.read("reserves") == u(reserves))
        #expect(try bed.token.read("mintableAmount") == u(0))

        // One base unit more is refused, with the supply it would have reached and the limit.
        let over = try bed.mint(bed.alice, 1)
        expectError(over, "ReservesExceeded", [u(reserves + 1), u(reserves)])
        #expect(over.events.isEmpty)
        #expect(try bed.supply() == u(reserves))
        #expect(try bed.balance(bed.alice) == u(reserves - 1_000))

        // The same through the harness's own expectation API (decoded by name and arguments).
        bed.chain.expectRevert(error: "ReservesExceeded", reserves + 1, reserves)
        try bed.mint(bed.alice, 1)
    }

    @Test func singleMintOneAboveReservesReverts() throws {
        let reserves: UInt64 = 50_000_000
        let bed = try TokenBed(answer: Int(reserves))
        expectError(try bed.mint(bed.alice, reserves + 1), "ReservesExceeded", [u(reserves + 1), u(reserves)])
        #expect(try bed.supply() == u(0))
        expectSuccess(try bed.mint(bed.alice, reserves))
        #expect(try bed.balance(bed.alice) == u(reserves))
    }

    /// With a margin of m bps the usable reserves are floor(R * (10000 - m) / 10000).
    @Test(arguments: [0, 1, 250, 5_000, 9_999] as [UInt64])
    func safetyMarginMovesTheBoundary(bps: UInt64) throws {
        let reserves: UInt64 = 123_456_789           // not a multiple of 10 000: exercises the rounding down
        let limit = afterMargin(reserves, bps: bps)
        let bed = try TokenBed(marginBps: bps, answer: Int(reserves))
        #expect(try bed.token.read("marginBps") == u(bps))
        #expect(try bed.token.read("reserves") == u(limit))
        #expect(try bed.token.read("mintableAmount") == u(limit))
        expectError(try bed.mint(bed.alice, limit + 1), "ReservesExceeded", [u(limit + 1), u(limit)])
        expectSuccess(try bed.mint(bed.alice, limit))
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(limit + 1), u(limit)])
        #expect(try bed.supply() == u(limit))
    }

    @Test func raisingTheMarginOnALiveTokenLowersTheLimit() throws {
        let reserves: UInt64 = 1_000_000
        let bed = try TokenBed(answer: Int(reserves))
        expectSuccess(try bed.mint(bed.alice, 900_000))
        bed.chain.expectEmit("MarginBpsSet", ["previousMarginBps": 0, "newMarginBps": 1_500])
        expectSuccess(try bed.token.transact("setMarginBps", 1_500, from: bed.owner))
        // 1 000 000 * 8 500 / 10 000 = 850 000 < 900 000 already minted: any mint is refused.
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(900_001), u(850_000)])
        #expect(try bed.token.read("mintableAmount") == u(0))
        expectSuccess(try bed.token.transact("setMarginBps", 500, from: bed.owner))
        // 950 000 usable: exactly 50 000 more.
        expectError(try bed.mint(bed.alice, 50_001), "ReservesExceeded", [u(950_001), u(950_000)])
        expectSuccess(try bed.mint(bed.alice, 50_000))
    }

    @Test func marginAndMinterAreGuarded() throws {
        let bed = try TokenBed()
        expectError(try bed.token.transact("setMarginBps", 10_000, from: bed.owner), "InvalidMarginBps", [u(10_000)])
        expectError(try bed.token.transact("setMarginBps", 100, from: bed.alice), "NotOwner", [.address(bed.alice.address)])
        expectSuccess(try bed.token.transact("setMarginBps", 9_999, from: bed.owner))
        // The constructor refuses a margin of 100 % too.
        let (deploy, _) = try bed.chain.tryDeploy(FixtureArtifacts.load(FixtureArtifacts.token),
                                                  arguments: ["X", "X", 8, bed.feed.address, 3_600, 10_000])
        expectError(deploy, "InvalidMarginBps", [u(10_000)])
        // Only the minter mints, and never to the zero address.
        expectError(try bed.token.transact("mint", bed.alice, 1, from: bed.alice), "NotMinter", [.address(bed.alice.address)])
        expectError(try bed.mint(Address.zero, 1), "ERC20InvalidReceiver", [.address(.zero)])
    }
}
