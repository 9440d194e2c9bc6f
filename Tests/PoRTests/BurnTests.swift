import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 7. Burning never depends on the feed or the pause: a holder can always leave.
@Suite struct BurnTests {
    @Test func holderBurnsWhilePausedAndWithABrokenFeed() throws {
        let bed = try TokenBed(answer: 1_000_000)
        expectSuccess(try bed.mint(bed.alice, 1_000_000))
        expectSuccess(try bed.token.transact("pause", from: bed.owner))
        bed.chain.etch(bed.feed.address, code: Asm.alwaysReverts)

        bed.chain.expectEmit("Transfer", ["from": bed.alice, "to": Address.zero, "value": 400_000])
        expectSuccess(try bed.token.transact("burn", 400_000, from: bed.alice))
        #expect(try bed.balance(bed.alice) == u(600_000))
        #expect(try bed.supply() == u(600_000))

        // Feed removed altogether: still burns.
        expectSuccess(try bed.token.transact("setFeed", Address.zero, from: bed.owner))
        expectSuccess(try bed.token.transact("burn", 100_000, from: bed.alice))
        // Stale feed (a fresh feed that is then left behind): still burns.
        let fresh = StorageFeed(chain: bed.chain, name: "fresh-feed")
        fresh.set(answer: 1_000_000, updatedAt: T0)
        expectSuccess(try bed.token.transact("setFeed", fresh.address, from: bed.owner))
        bed.chain.warp(T0 + 10 * 86_400)
        expectSuccess(try bed.token.transact("burn", 100_000, from: bed.alice))
        #expect(try bed.supply() == u(400_000))

        // More than the balance: the ERC-6093 error with the numbers.
        expectError(try bed.token.transact("burn", 400_001, from: bed.alice), "ERC20InsufficientBalance",
                    [.address(bed.alice.address), u(400_000), u(400_001)])
        expectError(try bed.token.transact("burn", 1, from: bed.bob), "ERC20InsufficientBalance",
                    [.address(bed.bob.address), u(0), u(1)])
    }

    @Test func burnFromSpendsTheAllowance() throws {
        let bed = try TokenBed(answer: 1_000_000)
        expectSuccess(try bed.mint(bed.alice, 1_000))
        expectSuccess(try bed.token.transact("approve", bed.bob, 300, from: bed.alice))

        // Paused and broken feed do not matter here either.
        expectSuccess(try bed.token.transact("pause", from: bed.owner))
        bed.feed.setSlot(8, .one)
        let o = try bed.token.transact("burnFrom", bed.alice, 200, from: bed.bob)
        expectSuccess(o)
        #expect(o.events(named: "Transfer").first?["to"] == .address(.zero))
        #expect(try bed.token.read("allowance", bed.alice, bed.bob) == u(100))
        #expect(try bed.balance(bed.alice) == u(800))
        #expect(try bed.supply() == u(800))

        expectError(try bed.token.transact("burnFrom", bed.alice, 101, from: bed.bob), "ERC20InsufficientAllowance",
                    [.address(bed.bob.address), u(100), u(101)])
        expectError(try bed.token.transact("burnFrom", bed.alice, 1, from: bed.owner), "ERC20InsufficientAllowance",
                    [.address(bed.owner.address), u(0), u(1)])
        // Allowance larger than the balance: the balance check speaks.
        expectSuccess(try bed.token.transact("approve", bed.bob, 5_000, from: bed.alice))
        expectError(try bed.token.transact("burnFrom", bed.alice, 801, from: bed.bob), "ERC20InsufficientBalance",
                    [.address(bed.alice.address), u(800), u(801)])
        // An infinite allowance is not decreased.
        expectSuccess(try bed.token.transact("approve", bed.bob, U256.max, from: bed.alice))
        expectSuccess(try bed.token.transact("burnFrom", bed.alice, 800, from: bed.bob))
        #expect(try bed.token.read("allowance", bed.alice, bed.bob) == u(U256.max))
        #expect(try bed.supply() == u(0))
    }

    @Test func burningFreesRoomUnderTheReserves() throws {
        let bed = try TokenBed(answer: 1_000)
        expectSuccess(try bed.mint(bed.alice, 1_000))
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(1_001), u(1_000)])
        expectSuccess(try bed.token.transact("burn", 250, from: bed.alice))
        #expect(try bed.token.read("mintableAmount") == u(250))
        expectError(try bed.mint(bed.bob, 251), "ReservesExceeded", [u(1_001), u(1_000)])
        expectSuccess(try bed.mint(bed.bob, 250))
    }
}
