import Testing
import PoR
import UInt256
import Harness

/// The report the committee signs pairs each observation with the oracle that made it; the
/// contract requires sorted observations, so sorting must carry the observer indexes along.
@Suite struct OracleCommitteeTests {
    @Test func sortingKeepsEachObservationWithItsObserver() throws {
        let committee = OracleCommittee(size: 4, f: 1)
        let r = try committee.report(configDigest: .zero, epochAndRound: 1, observations: [300, 100, 200])
        #expect(r.observations == [100, 200, 300])
        // 100 came from oracle 1, 200 from oracle 2, 300 from oracle 0.
        #expect(r.observers == [1, 2, 0])
        #expect(r.median == 200)
    }

    @Test func explicitObserversMoveWithTheirValues() throws {
        let committee = OracleCommittee(size: 4, f: 1)
        let r = try committee.report(configDigest: .zero, epochAndRound: 1, observations: [5, 5, 1],
                                     observers: [3, 0, 2])
        #expect(r.observations == [1, 5, 5])
        #expect(r.observers == [2, 3, 0])      // equal values keep their given order
    }

    @Test func fPlusOneSignaturesWithPackedRecoveryIds() throws {
        let committee = OracleCommittee(size: 4, f: 1)
        let r = try committee.report(configDigest: U256(7), epochAndRound: 9, observations: [1, 2, 3])
        #expect(r.rs.count == 2 && r.ss.count == 2)
        #expect(r.rawVs.count == 32)
        #expect(r.rawVs[0] <= 1 && r.rawVs[1] <= 1 && r.rawVs[2...].allSatisfy { $0 == 0 })
    }
}

/// Reserves of an 18-decimal feed pass 2^63 at about 9.2 tokens; reports carry int192.
@Suite struct LargeAnswerTests {
    @Test func answersBeyondInt64ReachTheFeedAndTheMint() throws {
        let chain = Chain()
        var settings = PoRDeployment.Settings()
        settings.feedDecimals = 18
        settings.tokenDecimals = 18
        var por = try PoRDeployment(chain: chain, settings: settings)
        // 1,000 tokens at 18 decimals = 10^21 > Int64.max.
        let thousand = try #require(Answer(decimal: "1000000000000000000000"))
        #expect(thousand.int64 == nil)
        let outcome = try por.publish([thousand, thousand, thousand])
        #expect(outcome.succeeded, "\(outcome)")
        let latest = try por.feed.readAll("latestRoundData")
        #expect(latest[1] == .int(thousand.word))
        let alice = chain.account("alice")
        #expect(try por.token.transact("mint", alice, thousand.word, from: por.minter).succeeded)
        chain.expectRevert(error: "ReservesExceeded", thousand.word &+ .one, thousand.word)
        try por.token.transact("mint", alice, 1, from: por.minter)
    }

    @Test func decimalParsingAndRange() {
        #expect(Answer(decimal: "-5") == -5)
        #expect(Answer(decimal: "-5")?.int64 == -5)
        #expect(Answer(decimal: "9223372036854775807")?.int64 == Int64.max)
        #expect(Answer(decimal: "-9223372036854775808")?.int64 == Int64.min)
        #expect(Answer(decimal: "9223372036854775808")?.int64 == nil)
        #expect(Answer(decimal: "12x") == nil)
        #expect(Answer(-1) < Answer(0))
        #expect(Answer.int192Min < Answer.int192Max)
        #expect(Answer(decimal: "-3")?.description == "-3")
    }
}
