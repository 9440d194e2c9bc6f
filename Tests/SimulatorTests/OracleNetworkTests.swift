import Primitives
import Testing
import UInt256
@testable import Simulator

@Suite struct OracleNetworkTests {
    func report(_ network: OracleNetwork, _ book: ReserveBook, round: UInt64 = 0, at t: UInt64) -> OracleNetwork.Report? {
        var r = SeededRandom(seed: 1)
        guard case .report(let rep) = network.round(round, at: t, book: book, random: &r) else { return nil }
        return rep
    }

    @Test func byzantineHighLeavesTheHonestMedian() throws {
        // f = 1, n = 4. Honest nodes see 1000 + t with latencies 0, 10, 20 s: at t = 1000 they
        // report 2000, 1990, 1980. The byzantine one reports 10^30. Sorted: 1980, 1990, 2000, 10^30;
        // the aggregator takes index 4/2 = 2: 2000, an honest figure.
        let nodes = [OracleNode(latency: 0), OracleNode(latency: 10), OracleNode(latency: 20),
                     OracleNode(faults: [.init(.byzantine(.fixed(U256(decimal: "1000000000000000000000000000000")!)), from: 0)])]
        let network = try OracleNetwork(nodes: nodes, f: 1)
        let rep = try #require(report(network, ReserveBook([LinearSource(base: 1000)]), at: 1000))
        #expect(rep.median == U256(2000))
        #expect(rep.observations.count == 4)
        #expect(rep.signers.count == 2)                 // f + 1
        #expect(Set(rep.signers).count == 2)
    }

    @Test func byzantineLowLeavesTheHonestMedian() throws {
        // Same honest figures, the byzantine one reports 0: 0, 1980, 1990, 2000 → index 2: 1990.
        let nodes = [OracleNode(latency: 0), OracleNode(latency: 10), OracleNode(latency: 20),
                     OracleNode(faults: [.init(.byzantine(.fixed(.zero)), from: 0)])]
        let network = try OracleNetwork(nodes: nodes, f: 1)
        let rep = try #require(report(network, ReserveBook([LinearSource(base: 1000)]), at: 1000))
        #expect(rep.median == U256(1990))
    }

    @Test func randomByzantineNeverMovesTheMedianOutOfTheHonestRange() throws {
        // 7 nodes, f = 2, two byzantine with random figures: the median lies within the honest ones.
        var nodes = (0..<5).map { OracleNode(latency: UInt64($0) * 60) }
        nodes += [OracleNode(faults: [.init(.byzantine(.random), from: 0)]), OracleNode(faults: [.init(.byzantine(.random), from: 0)])]
        let network = try OracleNetwork(nodes: nodes, f: 2)
        let book = ReserveBook([LinearSource(base: 1_000_000)])
        var r = SeededRandom(seed: 7)
        for round in 0..<200 as Range<UInt64> {
            let t = 10_000 + round * 600
            guard case .report(let rep) = network.round(round, at: t, book: book, random: &r) else {
                Issue.record("round \(round) without quorum"); return
            }
            // Honest figures: 1_000_000 + t − 240 ... 1_000_000 + t.
            #expect(!(rep.median < U256(1_000_000 + t - 240)) && !(U256(1_000_000 + t) < rep.median))
        }
    }

    @Test func figuresBeyondInt192AreClamped() throws {
        // A report's observations are int192: a byzantine 2^255 becomes 2^191 − 1.
        let huge = U256.one.shiftedLeft(byBits: 255)
        let nodes = [OracleNode(), OracleNode(), OracleNode(), OracleNode(faults: [.init(.byzantine(.fixed(huge)), from: 0)])]
        let network = try OracleNetwork(nodes: nodes, f: 1)
        var r = SeededRandom(seed: 1)
        let observed = network.observations(at: 0, book: ReserveBook([ConstantSource(value: U256(5))]), random: &r)
        #expect(observed[3] == U256.one.shiftedLeft(byBits: 191) &- U256(1))
        #expect(report(network, ReserveBook([ConstantSource(value: U256(5))]), at: 0)?.median == U256(5))
    }

    @Test func quorumNeeds2fPlus1LiveNodes() throws {
        let down = OracleNode(faults: [.init(.offline, from: 100, until: 200)])
        let nodes = [down, down, down, OracleNode(), OracleNode(), OracleNode(), OracleNode()]
        let network = try OracleNetwork(nodes: nodes, f: 2)
        let book = ReserveBook([ConstantSource(value: U256(5))])
        var r = SeededRandom(seed: 1)
        #expect(network.round(0, at: 150, book: book, random: &r) == .noQuorum(live: 4, needed: 5))
        // [from, until): back at 200.
        let rep = try #require(report(network, book, at: 200))
        #expect(rep.observations.count == 7)
        // Two down of seven: five observe, enough.
        let two = try OracleNetwork(nodes: [down, down, OracleNode(), OracleNode(), OracleNode(), OracleNode(), OracleNode()], f: 2)
        #expect(report(two, book, at: 150)?.observations.count == 5)
    }

    @Test func offlineLeaderIsReplacedByTheNextLiveNode() throws {
        let down = OracleNode(faults: [.init(.offline, from: 0)])
        let network = try OracleNetwork(nodes: [OracleNode(), down, OracleNode(), OracleNode()], f: 1)
        let book = ReserveBook([ConstantSource(value: U256(5))])
        #expect(report(network, book, round: 1, at: 0)?.leader == 2)
        #expect(report(network, book, round: 1, at: 0)?.signers == [2, 3])
        #expect(report(network, book, round: 3, at: 0)?.leader == 3)
        #expect(report(network, book, round: 3, at: 0)?.signers == [3, 0])
    }

    @Test func staleSourceFreezesTheView() throws {
        // A node whose source went stale at t = 500 keeps reporting 1000 + 500 = 1500.
        let stale = OracleNode(faults: [.init(.staleSource, from: 500)])
        let network = try OracleNetwork(nodes: [stale], f: 0)
        let rep = try #require(report(network, ReserveBook([LinearSource(base: 1000)]), at: 9_000))
        #expect(rep.median == U256(1500))
    }

    @Test func clockBehindSamplesEarlier() throws {
        let network = try OracleNetwork(nodes: [OracleNode(clockOffset: -30, latency: 5)], f: 0)
        #expect(report(network, ReserveBook([LinearSource(base: 0)]), at: 1000)?.median == U256(965))
        let ahead = try OracleNetwork(nodes: [OracleNode(clockOffset: 30, latency: 5)], f: 0)
        #expect(report(ahead, ReserveBook([LinearSource(base: 0)]), at: 1000)?.median == U256(995))
    }

    @Test func rejectsTooManyFaultsTolerated() {
        #expect(throws: SimulationError.self) { try OracleNetwork(nodes: Array(repeating: OracleNode(), count: 6), f: 2) }
        #expect(throws: SimulationError.self) { try OracleNetwork(nodes: Array(repeating: OracleNode(), count: 32), f: 1) }
        #expect(throws: SimulationError.self) { try OracleNetwork(nodes: [OracleNode()], f: -1) }
    }
}
