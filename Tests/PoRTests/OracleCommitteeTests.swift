import Testing
import PoR
import UInt256

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
