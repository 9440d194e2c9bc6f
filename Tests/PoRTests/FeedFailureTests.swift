import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 6. A missing, failing or malformed feed makes mint fail closed, each with its own error:
/// FeedNotSet(), FeedCallFailed(feed, selector), FeedMalformedResponse(feed, selector), where
/// selector is the call that failed (decimals() 0x313ce567 is read first, then
/// latestRoundData() 0xfeaf968c). mintableAmount() says 0 and reserves() reverts alike.
@Suite struct FeedFailureTests {
    /// Mint, reserves() and mintableAmount() all refuse with `name(args)`; the supply does not move.
    func expectFailClosed(_ bed: TokenBed, _ name: String, _ args: [ABIValue], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try bed.supply()
        expectError(try bed.mint(bed.alice, 1), name, args, sourceLocation: sourceLocation)
        expectError(try bed.token.call("reserves"), name, args, sourceLocation: sourceLocation)
        #expect(try bed.token.read("mintableAmount") == u(0), sourceLocation: sourceLocation)
        #expect(try bed.supply() == before, sourceLocation: sourceLocation)
    }

    func feedArg(_ bed: TokenBed) -> ABIValue { .address(bed.feed.address) }

    @Test func noFeedSet() throws {
        let chain = Chain()
        let token = try chain.deploy(FixtureArtifacts.load(FixtureArtifacts.token), "G", "G", 8, Address.zero, 3_600, 0)
        expectError(try token.transact("mint", chain.account("alice"), 1), "FeedNotSet")
        expectError(try token.call("reserves"), "FeedNotSet")
        #expect(try token.read("mintableAmount") == u(0))

        // Unsetting the feed of a working token.
        let bed = try TokenBed(answer: 1_000)
        expectSuccess(try bed.mint(bed.alice, 1))
        bed.chain.expectEmit("FeedSet", ["previousFeed": bed.feed.address, "newFeed": Address.zero])
        expectSuccess(try bed.token.transact("setFeed", Address.zero, from: bed.owner))
        try expectFailClosed(bed, "FeedNotSet", [])
        expectError(try bed.token.transact("setFeed", bed.feed.address, from: bed.alice), "NotOwner", [.address(bed.alice.address)])
    }

    @Test func feedThatAlwaysReverts() throws {
        let bed = try TokenBed(answer: 1_000)
        bed.chain.etch(bed.feed.address, code: Asm.alwaysReverts)
        try expectFailClosed(bed, "FeedCallFailed", [feedArg(bed), .fixedBytes(decimalsSelector)])
    }

    @Test func feedThatHaltsExceptionally() throws {
        // INVALID burns all the gas the call was given; the token keeps 1/64 and still reverts
        // with its own error rather than running out of gas.
        let bed = try TokenBed(answer: 1_000)
        bed.chain.etch(bed.feed.address, code: Asm.invalid)
        try expectFailClosed(bed, "FeedCallFailed", [feedArg(bed), .fixedBytes(decimalsSelector)])
    }

    @Test func decimalsOrLatestRoundDataReverting() throws {
        let bed = try TokenBed(answer: 1_000)
        bed.feed.setSlot(9, .one)                           // decimals() reverts
        try expectFailClosed(bed, "FeedCallFailed", [feedArg(bed), .fixedBytes(decimalsSelector)])
        bed.feed.setSlot(9, .zero)
        bed.feed.setSlot(8, .one)                           // latestRoundData() reverts
        try expectFailClosed(bed, "FeedCallFailed", [feedArg(bed), .fixedBytes(latestRoundDataSelector)])
        bed.feed.setSlot(8, .zero)
        expectSuccess(try bed.mint(bed.alice, 1_000))
    }

    @Test func feedAddressWithoutCode() throws {
        // A call to an account without code "succeeds" with no return data: the empty answer
        // to decimals() is malformed (not one word). It must not read as zero decimals.
        let bed = try TokenBed(answer: 1_000)
        let eoa = bed.bob.address
        expectSuccess(try bed.token.transact("setFeed", eoa, from: bed.owner))
        expectError(try bed.mint(bed.alice, 1), "FeedMalformedResponse", [.address(eoa), .fixedBytes(decimalsSelector)])
        #expect(try bed.token.read("mintableAmount") == u(0))
    }

    // 4096: a "return-data bomb" is cut at the token's buffer and judged malformed, not copied whole.
    @Test(arguments: [64, 159, 161, 192, 32, 4_096] as [UInt64])
    func latestRoundDataOfTheWrongSize(length: UInt64) throws {
        let bed = try TokenBed(answer: 1_000)
        bed.feed.setSlot(7, U256(length))
        try expectFailClosed(bed, "FeedMalformedResponse", [feedArg(bed), .fixedBytes(latestRoundDataSelector)])
    }

    @Test func decimalsOutOfRange() throws {
        let bed = try TokenBed(answer: 1_000)
        bed.feed.setDecimals(256)
        try expectFailClosed(bed, "FeedMalformedResponse", [feedArg(bed), .fixedBytes(decimalsSelector)])
        bed.feed.setDecimals(255)                           // in range: a valid (absurd) scale
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(1), u(0)])
    }

    @Test func roundIdsThatDoNotFitUint80() throws {
        let bed = try TokenBed(answer: 1_000)
        let two80 = U256.one.shiftedLeft(byBits: 80)
        bed.feed.setSlot(1, two80)                          // roundId = 2^80
        try expectFailClosed(bed, "FeedMalformedResponse", [feedArg(bed), .fixedBytes(latestRoundDataSelector)])
        bed.feed.setSlot(1, two80 &- .one)                  // 2^80 - 1 fits
        expectSuccess(try bed.mint(bed.alice, 1))
        bed.feed.setSlot(5, two80)                          // answeredInRound = 2^80
        try expectFailClosed(bed, "FeedMalformedResponse", [feedArg(bed), .fixedBytes(latestRoundDataSelector)])
    }
}
