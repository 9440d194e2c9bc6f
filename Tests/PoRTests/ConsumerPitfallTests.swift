import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256

/// 11. Audit pitfalls of Proof of Reserve consumers, one test each, against our token (and
/// breaker where it matters). Each comment says why the pitfall matters.
@Suite struct ConsumerPitfallTests {
    /// `latestAnswer()` (the v2 read) carries no timestamp: a consumer that reads it cannot tell
    /// a frozen feed from a live one, and keeps minting against reserves that may be long gone.
    /// Our token must use latestRoundData() and judge its updatedAt. The hand-assembled feed
    /// serves a latestAnswer() that differs from latestRoundData(), to see which one counts.
    @Test func latestAnswerWithoutStalenessCheckIsNotUsed() throws {
        let bed = try TokenBed(heartbeat: 3_600, answer: 1_000)
        bed.feed.setSlot(6, U256(1_000_000_000))                   // latestAnswer(): a much larger, "healthy" value
        #expect(try bed.feed.contract.read("latestAnswer") == i(1_000_000_000))
        // The limit is latestRoundData's answer, not latestAnswer's.
        #expect(try bed.token.read("reserves") == u(1_000))
        expectError(try bed.mint(bed.alice, 1_001), "ReservesExceeded", [u(1_001), u(1_000)])
        // Frozen feed: latestAnswer() still looks fine, latestRoundData().updatedAt says stale.
        bed.chain.warp(T0 + 3_601)
        #expect(try bed.feed.contract.read("latestAnswer") == i(1_000_000_000))
        expectError(try bed.mint(bed.alice, 1), "ReservesStale", [u(T0), u(3_600), u(T0 + 3_601)])
    }

    /// answeredInRound < roundId used to flag an answer carried over from an earlier round.
    /// Chainlink has deprecated answeredInRound (OCR feeds set it to roundId), and our token's
    /// documented checks do not use it: freshness is decided by updatedAt and the heartbeat,
    /// which catches a carried-over answer whatever answeredInRound says. Only its range is
    /// checked (uint80, see FeedFailureTests).
    @Test func answeredInRoundIsNotWhatDecidesFreshness() throws {
        let bed = try TokenBed(heartbeat: 3_600, answer: nil)
        // Round 7 carries the answer of round 5, last updated two hours ago: refused as stale.
        bed.feed.set(answer: word(1_000), updatedAt: T0 - 7_200, roundId: 7, answeredInRound: 5)
        expectError(try bed.mint(bed.alice, 1), "ReservesStale", [u(T0 - 7_200), u(3_600), u(T0)])
        // answeredInRound "looking current" does not make a stale answer usable either.
        bed.feed.set(answer: word(1_000), updatedAt: T0 - 7_200, roundId: 7, answeredInRound: 7)
        expectError(try bed.mint(bed.alice, 1), "ReservesStale", [u(T0 - 7_200), u(3_600), u(T0)])
        // A fresh updatedAt is usable whatever answeredInRound says (documented rule).
        bed.feed.set(answer: word(1_000), updatedAt: T0, roundId: 7, answeredInRound: 0)
        expectSuccess(try bed.mint(bed.alice, 1_000))
    }

    /// Assuming the feed has the token's decimals (typically 8) is the classic unit bug: an
    /// 18-decimal feed read as 8 decimals inflates the reserves 10^10 times. DecimalsTests
    /// covers 8/18 and 6/18 in both directions; this is the inflation case spelled out.
    @Test func feedDecimalsAreRead() throws {
        let bed = try TokenBed(feedDecimals: 18, tokenDecimals: 8, answer: 1_000_000_000_000_000_000)  // 1.0 at 18 decimals
        #expect(try bed.token.read("reserves") == u(100_000_000))                                       // 1.0 at 8 decimals
        expectError(try bed.mint(bed.alice, 100_000_001), "ReservesExceeded", [u(100_000_001), u(100_000_000)])
    }

    /// A report and a mint in the same block: updatedAt == block.timestamp is age 0, not the
    /// future; and a mint after a report that lowered the reserves in that block sees the new
    /// value (nothing is cached between transactions). The breaker sees it too.
    @Test func mintInTheSameBlockAsAReport() throws {
        let chain = Chain()
        chain.warp(T0)
        var por = try PoRDeployment(chain: chain)
        let alice = chain.account("alice")
        expectSuccess(try por.publish([1_000, 1_000, 1_000]))
        #expect(try por.feed.readAll("latestRoundData")[3] == u(T0))
        expectSuccess(try por.token.transact("mint", alice, 600, from: por.minter))      // same block as the report
        expectSuccess(try por.publish([700, 700, 700]))                                   // still the same block
        expectError(try por.token.transact("mint", alice, 101, from: por.minter), "ReservesExceeded", [u(701), u(700)])
        expectSuccess(try por.token.transact("mint", alice, 100, from: por.minter))
        expectSuccess(try por.publish([650, 650, 650]))                                    // now below the supply of 700
        let check = try por.breaker.readAll("checkUpkeep", [UInt8]())
        #expect(check[0] == .bool(true))
        expectError(try por.token.transact("mint", alice, 1, from: por.minter), "ReservesExceeded", [u(701), u(650)])
    }

    /// Reserves exactly equal to the supply after a mint is the fully-backed state: allowed,
    /// nothing more mintable, and not "short" for the circuit breaker (short means reserves <
    /// supply). An off-by-one here either blocks the last unit or pauses a healthy token.
    @Test func reservesExactlyEqualToSupplyAfterMint() throws {
        let chain = Chain()
        chain.warp(T0)
        var por = try PoRDeployment(chain: chain)
        let alice = chain.account("alice")
        expectSuccess(try por.publish([5_000, 5_000, 5_000]))
        expectSuccess(try por.token.transact("mint", alice, 5_000, from: por.minter))
        #expect(try por.token.read("totalSupply") == u(5_000))
        #expect(try por.token.read("reserves") == u(5_000))
        #expect(try por.token.read("mintableAmount") == u(0))
        #expect(try por.breaker.readAll("evaluate") == [u(0), u(0), u(5_000), u(5_000)])
        expectError(try por.breaker.transact("performUpkeep", [UInt8](), from: por.forwarder), "UpkeepNotNeeded")
        expectError(try por.token.transact("mint", alice, 1, from: por.minter), "ReservesExceeded", [u(5_001), u(5_000)])
        expectSuccess(try por.token.transact("burn", 1, from: alice))
        expectSuccess(try por.token.transact("mint", alice, 1, from: por.minter))
    }

    /// A huge answer scaled up can overflow 256 bits; so can supply + amount. Solidity ≥0.8 or
    /// Vyper would revert with a bare overflow (a useless reason, and a DoS of the guard),
    /// unchecked code would wrap to a small number and block or, worse, allow minting. The
    /// documented rule: scaling up saturates at 2^256 - 1, the margin is applied without
    /// overflow, and supply + amount past 2^256 - 1 is ReservesExceeded(2^256 - 1, limit).
    @Test func hugeAnswersDoNotOverflowTheComparison() throws {
        // int256 max with 0 decimals into an 18-decimal token: saturates.
        let bed = try TokenBed(feedDecimals: 0, tokenDecimals: 18, answer: nil)
        bed.feed.set(answer: int256Max, updatedAt: T0)
        #expect(try bed.token.read("reserves") == u(U256.max))
        expectSuccess(try bed.mint(bed.alice, 10))
        expectError(try bed.mint(bed.alice, U256.max), "ReservesExceeded", [u(U256.max), u(U256.max)])
        expectError(try bed.mint(bed.alice, U256.max &- U256(9)), "ReservesExceeded", [u(U256.max), u(U256.max)])
        expectSuccess(try bed.mint(bed.alice, U256.max &- U256(10)))                  // supply reaches exactly 2^256 - 1
        #expect(try bed.supply() == u(U256.max))
        expectError(try bed.mint(bed.alice, 1), "ReservesExceeded", [u(U256.max), u(U256.max)])
        #expect(try bed.token.read("mintableAmount") == u(0))

        // The margin on int256 max (same decimals): floor((2^255 - 1) * 9999 / 10000), computed
        // independently with arbitrary precision.
        let m = try TokenBed(feedDecimals: 8, tokenDecimals: 8, marginBps: 1, answer: nil)
        m.feed.set(answer: int256Max, updatedAt: T0)
        #expect(try m.token.read("reserves") == u(big("57890255014196231902014313955093519531242328833586999991526819124756169163485")))

        // Around the largest power of ten below 2^256 (10^77 < 2^256 < 2 * 10^77).
        let p = try TokenBed(feedDecimals: 0, tokenDecimals: 77, answer: 1)
        #expect(try p.token.read("reserves") == u(pow10(77)))
        p.feed.set(answer: 2, updatedAt: T0)
        #expect(try p.token.read("reserves") == u(U256.max))
        // 78 decimals up saturates, 78 down rounds to zero.
        let up = try TokenBed(feedDecimals: 0, tokenDecimals: 78, answer: 1)
        #expect(try up.token.read("reserves") == u(U256.max))
        let down = try TokenBed(feedDecimals: 78, tokenDecimals: 0, answer: nil)
        down.feed.set(answer: int256Max, updatedAt: T0)
        #expect(try down.token.read("reserves") == u(0))
        expectError(try down.mint(down.alice, 1), "ReservesExceeded", [u(1), u(0)])
        let extreme = try TokenBed(feedDecimals: 0, tokenDecimals: 255, answer: 1)
        #expect(try extreme.token.read("reserves") == u(U256.max))
    }

    /// Re-entrancy through mint: the only external calls mint makes are the two reads of the
    /// feed, made before any state change, with STATICCALL. A malicious feed that calls back
    /// into mint (here it is even the minter, so the callback passes the role check) cannot
    /// change state from inside a static call, and nothing runs after the state change that
    /// could observe a half-updated token. Control: the same callback run outside a static
    /// context does mint, so the probe is real.
    @Test func reentrancyThroughMintIsNotPossible() throws {
        let bed = try TokenBed(answer: 1_000_000)
        let evil = bed.feed
        evil.setSlot(10, bed.token.address.word)                  // call back token.mint(evil, 10)
        evil.setSlot(11, U256(10))
        expectSuccess(try bed.token.transact("setMinter", evil.address, from: bed.owner))

        // Control (read-only, all undone): called directly, the feed's callback mints and
        // reports success in the startedAt word.
        let control = try bed.chain.call(to: evil.address, data: latestRoundDataSelector)
        expectSuccess(control)
        #expect(Array(control.output[64..<96]) == U256.one.bigEndianBytes, "the re-entrant mint works outside a static call")
        #expect(try bed.supply() == u(0))

        // The real thing: the minter (the evil feed) mints 100; during the reads it re-enters.
        bed.chain.prank(evil.address)
        let o = try bed.token.transact("mint", bed.alice, 100)
        expectSuccess(o)
        #expect(try bed.supply() == u(100))
        #expect(try bed.balance(evil.address) == u(0))
        #expect(o.events.count == 1)
        #expect(o.events.first?["to"] == .address(bed.alice.address) && o.events.first?["value"] == u(100))
    }
}
