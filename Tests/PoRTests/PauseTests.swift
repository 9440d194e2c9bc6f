import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 5. Pausing stops minting only: MintingPaused() while paused, burns and transfers go on,
/// unpause restores minting.
@Suite struct PauseTests {
    @Test func pausedMintRevertsBurnWorksUnpauseRestores() throws {
        let bed = try TokenBed(answer: 1_000_000)
        expectSuccess(try bed.mint(bed.alice, 600_000))

        bed.chain.expectEmit("Paused", ["account": bed.owner])
        expectSuccess(try bed.token.transact("pause", from: bed.owner))
        #expect(try bed.token.read("paused") == .bool(true))
        #expect(try bed.token.read("pausedBy") == .address(bed.owner.address))
        #expect(try bed.token.read("mintableAmount") == u(0))

        // Within the reserves, and still refused.
        expectError(try bed.mint(bed.alice, 1), "MintingPaused")
        bed.chain.expectRevert(error: "MintingPaused")
        try bed.mint(bed.bob, 1)

        // Burning and transferring are not paused.
        bed.chain.expectEmit("Transfer", ["from": bed.alice, "to": Address.zero, "value": 100_000])
        expectSuccess(try bed.token.transact("burn", 100_000, from: bed.alice))
        expectSuccess(try bed.token.transact("transfer", bed.bob, 50_000, from: bed.alice))
        #expect(try bed.supply() == u(500_000))

        // Pausing twice / unpausing twice are refused with their errors.
        expectError(try bed.token.transact("pause", from: bed.owner), "EnforcedPause")

        bed.chain.expectEmit("Unpaused", ["account": bed.owner])
        expectSuccess(try bed.token.transact("unpause", from: bed.owner))
        expectError(try bed.token.transact("unpause", from: bed.owner), "ExpectedPause")
        #expect(try bed.token.read("pausedBy") == .address(.zero))
        // Minting resumes, up to the reserves (500 000 burnt supply left 500 000 room).
        expectSuccess(try bed.mint(bed.alice, 500_000))
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(1_000_001), u(1_000_000)])
    }

    @Test func onlyOwnerOrPauserMayPause() throws {
        let bed = try TokenBed(answer: 1_000_000)
        expectError(try bed.token.transact("pause", from: bed.alice), "NotOwnerOrPauser", [.address(bed.alice.address)])
        expectSuccess(try bed.token.transact("setPauser", bed.bob, from: bed.owner))
        expectSuccess(try bed.token.transact("pause", from: bed.bob))
        #expect(try bed.token.read("pausedBy") == .address(bed.bob.address))
        expectError(try bed.mint(bed.alice, 1), "MintingPaused")
        expectError(try bed.token.transact("unpause", from: bed.alice), "NotOwnerOrPauser", [.address(bed.alice.address)])
        // The owner may lift a pauser's pause.
        expectSuccess(try bed.token.transact("unpause", from: bed.owner))
        expectSuccess(try bed.mint(bed.alice, 1))
    }

    /// "Paused" is checked before the feed: a paused token says MintingPaused even when the
    /// feed is broken too (documented order: minter, receiver, paused, feed...).
    @Test func pausedIsReportedBeforeFeedProblems() throws {
        let bed = try TokenBed(answer: 1_000_000)
        expectSuccess(try bed.token.transact("pause", from: bed.owner))
        bed.feed.set(answer: -1, updatedAt: T0)
        expectError(try bed.mint(bed.alice, 1), "MintingPaused")
        // ...but the minter check still comes first.
        expectError(try bed.token.transact("mint", bed.alice, 1, from: bed.alice), "NotMinter", [.address(bed.alice.address)])
    }
}
