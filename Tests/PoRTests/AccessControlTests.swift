import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// Who may move the guard rails: the feed, heartbeat, margin, minter and pauser of the token,
/// the forwarder/feed of the breaker, and the committee of the aggregator are owner-only, and
/// ownership moves in two steps. (A guard whose feed anyone can swap guards nothing.)
@Suite struct AccessControlTests {
    @Test func tokenConfigurationIsOwnerOnly() throws {
        let bed = try TokenBed()
        let a = ABIValue.address(bed.alice.address)
        expectError(try bed.token.transact("setFeed", bed.alice, from: bed.alice), "NotOwner", [a])
        expectError(try bed.token.transact("setHeartbeat", 1, from: bed.alice), "NotOwner", [a])
        expectError(try bed.token.transact("setMarginBps", 1, from: bed.alice), "NotOwner", [a])
        expectError(try bed.token.transact("setMinter", bed.alice, from: bed.alice), "NotOwner", [a])
        expectError(try bed.token.transact("setPauser", bed.alice, from: bed.alice), "NotOwner", [a])
        expectError(try bed.token.transact("transferOwnership", bed.alice, from: bed.alice), "NotOwner", [a])
        // The minter role is not the owner role.
        expectSuccess(try bed.token.transact("setMinter", bed.bob, from: bed.owner))
        expectError(try bed.token.transact("setFeed", bed.alice, from: bed.bob), "NotOwner", [.address(bed.bob.address)])
        expectError(try bed.mint(bed.alice, 1), "NotMinter", [.address(bed.owner.address)])
        expectSuccess(try bed.token.transact("mint", bed.alice, 1, from: bed.bob))
    }

    @Test func tokenOwnershipMovesInTwoSteps() throws {
        let bed = try TokenBed()
        bed.chain.expectEmit("OwnershipTransferRequested", ["from": bed.owner, "to": bed.alice])
        expectSuccess(try bed.token.transact("transferOwnership", bed.alice, from: bed.owner))
        #expect(try bed.token.read("owner") == .address(bed.owner.address))
        #expect(try bed.token.read("pendingOwner") == .address(bed.alice.address))
        expectError(try bed.token.transact("acceptOwnership", from: bed.bob), "NotPendingOwner", [.address(bed.bob.address)])
        bed.chain.expectEmit("OwnershipTransferred", ["from": bed.owner, "to": bed.alice])
        expectSuccess(try bed.token.transact("acceptOwnership", from: bed.alice))
        #expect(try bed.token.read("owner") == .address(bed.alice.address))
        #expect(try bed.token.read("pendingOwner") == .address(.zero))
        expectError(try bed.token.transact("setFeed", Address.zero, from: bed.owner), "NotOwner", [.address(bed.owner.address)])
        expectSuccess(try bed.token.transact("setFeed", Address.zero, from: bed.alice))
        // Nobody can accept a transfer that was not offered (pendingOwner is zero).
        bed.chain.prank(Address.zero)
        expectError(try bed.token.transact("acceptOwnership"), "NotPendingOwner", [.address(.zero)])
    }

    @Test func breakerAndAggregatorConfigurationIsOwnerOnly() throws {
        let chain = Chain()
        chain.warp(T0)
        let por = try PoRDeployment(chain: chain)
        let alice = chain.account("alice")
        let a = ABIValue.address(alice.address)
        expectError(try por.breaker.transact("setForwarder", alice, from: alice), "NotOwner", [a])
        expectError(try por.breaker.transact("setFeed", alice, from: alice), "NotOwner", [a])
        expectError(try por.breaker.transact("setHeartbeat", 5, from: alice), "NotOwner", [a])
        expectError(try por.breaker.transact("setHeartbeat", 0, from: por.owner), "InvalidHeartbeat", [u(0)])
        expectError(try por.breaker.transact("transferOwnership", alice, from: alice), "NotOwner", [a])
        expectSuccess(try por.breaker.transact("transferOwnership", alice, from: por.owner))
        expectError(try por.breaker.transact("acceptOwnership", from: por.minter), "NotPendingOwner", [.address(por.minter.address)])
        expectSuccess(try por.breaker.transact("acceptOwnership", from: alice))
        #expect(try por.breaker.read("owner") == a)

        expectMessage(try por.feed.transact("transferOwnership", alice, from: alice), "Only callable by owner")
        expectMessage(try por.feed.transact("transferOwnership", por.owner, from: por.owner), "Cannot transfer to self")
        expectSuccess(try por.feed.transact("transferOwnership", alice, from: por.owner))
        expectMessage(try por.feed.transact("acceptOwnership", from: por.minter), "Must be proposed owner")
        expectSuccess(try por.feed.transact("acceptOwnership", from: alice))
        #expect(try por.feed.read("owner") == a)
        expectMessage(try por.feed.transact("setConfig", arguments: por.committee.configArguments, from: por.owner), "Only callable by owner")
    }
}
