import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256

/// 8. PoRAggregator.transmit: every malformed or unauthorised report is rejected with its own
/// Error(string) (the messages of the contract's asserts), a valid one becomes the next round
/// with Chainlink's NewRound / AnswerUpdated events, and rounds read back as the
/// AggregatorV2V3Interface says (zeros for rounds that do not exist).
@Suite struct ReportTests {
    /// A committee of 4 with f = 1: f+1 = 2 signatures, 2f+1 = 3 to n = 4 observations.
    struct Bed {
        let chain: Chain
        var por: PoRDeployment
        let outsider: TestAccount

        init(minAnswer: Answer = 0, maxAnswer: Answer = .int192Max) throws {
            chain = Chain()
            chain.warp(T0)
            var s = PoRDeployment.Settings()
            s.minAnswer = minAnswer
            s.maxAnswer = maxAnswer
            por = try PoRDeployment(chain: chain, settings: s)
            outsider = chain.addAccount(TestAccount(named: "not-an-oracle"), balance: ether(10))
        }

        var oracles: [TestAccount] { por.committee.oracles }

        func report(_ epochAndRound: UInt64, _ observations: [Answer], signers: [TestAccount]? = nil,
                    observers: [UInt8]? = nil, sorted: Bool = true, digest: U256? = nil) throws -> OracleCommittee.Report {
            try por.committee.report(configDigest: digest ?? por.configDigest(), epochAndRound: epochAndRound,
                                     observations: observations, signers: signers, observers: observers, sortObservations: sorted)
        }

        func transmit(_ r: OracleCommittee.Report, from: TestAccount? = nil) throws -> CallOutcome {
            try por.feed.transact("transmit", arguments: r.transmitArguments, from: from ?? oracles[1])
        }

        /// Nothing was recorded: still no round.
        func expectNoRound(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try por.feed.read("latestRound") == u(0), sourceLocation: sourceLocation)
        }
    }

    @Test func tooFewOrTooManySignatures() throws {
        let b = try Bed()
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], signers: [b.oracles[0]])), "wrong number of signatures")
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], signers: Array(b.oracles.prefix(3)))), "wrong number of signatures")
        // rs and ss of different lengths.
        var r = try b.report(1, [1, 2, 3])
        r.ss.removeLast()
        expectMessage(try b.transmit(r), "signatures out of registration")
        try b.expectNoRound()
    }

    @Test func duplicateSigner() throws {
        let b = try Bed()
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], signers: [b.oracles[2], b.oracles[2]])), "duplicate signer")
        try b.expectNoRound()
    }

    @Test func unauthorisedSigner() throws {
        let b = try Bed()
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], signers: [b.oracles[0], b.outsider])), "unauthorized signer")
        // A report tampered with after signing recovers some other address: unauthorised too.
        var tampered = try b.report(1, [1, 2, 3])
        tampered.observations = [1, 2, 4]
        expectMessage(try b.transmit(tampered), "unauthorized signer")
        // r = 0 cannot be recovered at all.
        var broken = try b.report(1, [1, 2, 3])
        broken.rs[1] = [UInt8](repeating: 0, count: 32)
        expectMessage(try b.transmit(broken), "invalid signature")
        try b.expectNoRound()
    }

    @Test func replayedAndStaleEpochAndRound() throws {
        let b = try Bed()
        let r = try b.report(0x0501, [10, 20, 30])          // epoch 5, round 1
        expectSuccess(try b.transmit(r))
        // The very same report again (even from another transmitter).
        expectMessage(try b.transmit(r), "stale report")
        expectMessage(try b.transmit(r, from: b.oracles[3]), "stale report")
        // A correctly signed report with an older epochAndRound.
        expectMessage(try b.transmit(try b.report(0x0500, [10, 20, 30])), "stale report")
        expectMessage(try b.transmit(try b.report(0x0401, [10, 20, 30])), "stale report")
        // The next one goes through.
        expectSuccess(try b.transmit(try b.report(0x0502, [10, 20, 30])))
        #expect(try b.por.feed.read("latestRound") == u(2))
        let details = try b.por.feed.readAll("latestTransmissionDetails")
        #expect(details[1] == u(5) && details[2] == u(2) && details[3] == i(20) && details[4] == u(T0))
    }

    @Test func wrongConfigDigest() throws {
        let b = try Bed()
        let digest = try b.por.configDigest()
        // The top two bytes are the digest prefix 0x0001.
        #expect(digest.shiftedRight(byBits: 240) == U256(1))
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], digest: digest ^ U256.one)), "config digest mismatch")
        // A report made under the previous configuration stops verifying after setConfig.
        let old = try b.report(1, [1, 2, 3])
        expectSuccess(try b.por.feed.transact("setConfig", arguments: b.por.committee.configArguments, from: b.por.owner))
        #expect(try b.por.configDigest() != digest)
        expectMessage(try b.transmit(old), "config digest mismatch")
        // The epoch restarts with the new configuration.
        expectSuccess(try b.transmit(try b.report(1, [1, 2, 3])))
    }

    @Test func unsortedObservations() throws {
        let b = try Bed()
        let r = try b.report(1, [30, 10, 20], sorted: false)
        #expect(r.observations == [30, 10, 20])
        expectMessage(try b.transmit(r), "observations not sorted")
        expectMessage(try b.transmit(try b.report(1, [1, 3, 2, 4], sorted: false)), "observations not sorted")
        // Equal neighbours are sorted.
        expectSuccess(try b.transmit(try b.report(1, [5, 5, 5], sorted: false)))
    }

    @Test func tooFewOrTooManyObservations() throws {
        let b = try Bed()
        expectMessage(try b.transmit(try b.report(1, [1, 2])), "too few observations")
        expectMessage(try b.transmit(try b.report(1, [1])), "too few observations")
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3, 4, 5], observers: [0, 1, 2, 3, 0])), "too many observations")
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], observers: [0, 1])), "observers length mismatch")
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], observers: [0, 1, 1])), "duplicate observer")
        expectMessage(try b.transmit(try b.report(1, [1, 2, 3], observers: [0, 1, 4])), "observer index out of range")
        try b.expectNoRound()
    }

    @Test func medianOutsideTheBand() throws {
        let b = try Bed(minAnswer: 1_000, maxAnswer: 9_000)
        expectMessage(try b.transmit(try b.report(1, [500, 999, 20_000])), "median out of bounds")
        expectMessage(try b.transmit(try b.report(1, [1, 9_001, 9_002])), "median out of bounds")
        try b.expectNoRound()
        // The band is inclusive at both ends.
        expectSuccess(try b.transmit(try b.report(1, [1, 1_000, 20_000])))
        expectSuccess(try b.transmit(try b.report(2, [1, 9_000, 20_000])))
        #expect(try b.por.feed.read("latestAnswer") == i(9_000))
        #expect(try b.por.feed.read("minAnswer") == i(1_000))
        #expect(try b.por.feed.read("maxAnswer") == i(9_000))
    }

    @Test func unauthorisedTransmitter() throws {
        let b = try Bed()
        let r = try b.report(1, [1, 2, 3])
        expectMessage(try b.transmit(r, from: b.outsider), "unauthorized transmitter")
        expectMessage(try b.transmit(r, from: b.chain.deployer), "unauthorized transmitter")   // not even the owner
        try b.expectNoRound()
        expectSuccess(try b.transmit(r, from: b.oracles[3]))
    }

    @Test func validReportBecomesTheNextRoundWithItsEvents() throws {
        let b = try Bed()
        let transmitter = b.oracles[2]
        let r = try b.report(1, [400, 100, 300, 200])          // signed sorted: 100 200 300 400
        #expect(r.median == 300)                                 // observations[n / 2]: the upper median
        // What the contract hashes is what the committee signed.
        let onchainHash = try b.por.feed.read("reportHash", ABIValue.fixedBytes(r.configDigest.bigEndianBytes), r.epochAndRound,
                                               r.observations.map(\.abiValue), r.observers)
        #expect(onchainHash == .fixedBytes(r.hash))

        b.chain.expectEmit("NewRound", ["roundId": 1, "startedBy": transmitter, "startedAt": T0], from: b.por.feed)
        b.chain.expectEmit("AnswerUpdated", ["current": 300, "roundId": 1, "updatedAt": T0], from: b.por.feed)
        let o = try b.transmit(r, from: transmitter)
        expectSuccess(o)

        // Indexed fields are topics, as in Chainlink's AggregatorInterface.
        let newRound = try #require(o.logs.first { $0.topics.first == (try? ABI.eventTopic("NewRound(uint256,address,uint256)")) })
        #expect(newRound.topics == [try ABI.eventTopic("NewRound(uint256,address,uint256)"), U256(1), transmitter.address.word])
        #expect(newRound.data == U256(T0).bigEndianBytes)
        let answer = try #require(o.logs.first { $0.topics.first == (try? ABI.eventTopic("AnswerUpdated(int256,uint256,uint256)")) })
        #expect(answer.topics == [try ABI.eventTopic("AnswerUpdated(int256,uint256,uint256)"), U256(300), U256(1)])
        #expect(answer.data == U256(T0).bigEndianBytes)
        let nt = try #require(o.events(named: "NewTransmission").first)
        #expect(nt["aggregatorRoundId"] == u(1) && nt["answer"] == i(300) && nt["transmitter"] == .address(transmitter.address))

        #expect(try b.por.feed.readAll("latestRoundData") == [u(1), i(300), u(T0), u(T0), u(1)])
        #expect(try b.por.feed.read("latestAnswer") == i(300))
        #expect(try b.por.feed.read("latestTimestamp") == u(T0))
    }

    @Test func roundHistoryAndUnknownRounds() throws {
        var b = try Bed()
        // Before any report: zeros everywhere, no revert.
        #expect(try b.por.feed.readAll("latestRoundData") == [u(0), i(0), u(0), u(0), u(0)])
        #expect(try b.por.feed.readAll("getRoundData", 1) == [u(0), i(0), u(0), u(0), u(0)])

        expectSuccess(try b.por.publish([100, 110, 120]))
        b.chain.warp(T0 + 60)
        expectSuccess(try b.por.publish([200, 210, 220]))
        b.chain.warp(T0 + 120)
        expectSuccess(try b.por.publish([300, 310, 320]))

        #expect(try b.por.feed.read("latestRound") == u(3))
        #expect(try b.por.feed.readAll("getRoundData", 1) == [u(1), i(110), u(T0), u(T0), u(1)])
        #expect(try b.por.feed.readAll("getRoundData", 2) == [u(2), i(210), u(T0 + 60), u(T0 + 60), u(2)])
        #expect(try b.por.feed.readAll("latestRoundData") == [u(3), i(310), u(T0 + 120), u(T0 + 120), u(3)])
        #expect(try b.por.feed.read("getAnswer", 1) == i(110))
        #expect(try b.por.feed.read("getAnswer", 2) == i(210))
        #expect(try b.por.feed.read("getTimestamp", 1) == u(T0))
        #expect(try b.por.feed.read("getTimestamp", 3) == u(T0 + 120))

        // Unknown rounds: round 0, the next round, far beyond, and beyond uint32 (no truncation
        // to an existing round: 2^32 + 1 must not read as round 1).
        let beyond32 = U256.one.shiftedLeft(byBits: 32) &+ U256.one
        for id in [U256(0), U256(4), U256(1_000_000), beyond32, U256.one.shiftedLeft(byBits: 80) &- .one] {
            #expect(try b.por.feed.readAll("getRoundData", id) == [u(0), i(0), u(0), u(0), u(0)], "round \(id)")
            #expect(try b.por.feed.read("getAnswer", id) == i(0), "round \(id)")
            #expect(try b.por.feed.read("getTimestamp", id) == u(0), "round \(id)")
        }
    }

    @Test func configurationIsOwnerOnlyAndChecked() throws {
        let b = try Bed()
        let args = b.por.committee.configArguments
        expectMessage(try b.por.feed.transact("setConfig", arguments: args, from: b.outsider), "Only callable by owner")
        let four = b.oracles.map(\.address)
        expectMessage(try b.por.feed.transact("setConfig", four, four, 0, from: b.por.owner), "f must be positive")
        expectMessage(try b.por.feed.transact("setConfig", four, four, 2, from: b.por.owner), "faulty-oracle f too high")
        expectMessage(try b.por.feed.transact("setConfig", four, Array(four.prefix(3)), 1, from: b.por.owner), "oracle length mismatch")
        expectMessage(try b.por.feed.transact("setConfig", [four[0], four[0], four[1], four[2]], four, 1, from: b.por.owner),
                      "repeated signer address")
        // A new committee: the previous oracles' signatures no longer count.
        let newCommittee = OracleCommittee(size: 4, f: 1, namePrefix: "new-oracle")
        for o in newCommittee.oracles { b.chain.addAccount(o, balance: ether(1)) }
        expectSuccess(try b.por.feed.transact("setConfig", arguments: newCommittee.configArguments, from: b.por.owner))
        let digest = try b.por.configDigest()
        let byOld = try b.por.committee.report(configDigest: digest, epochAndRound: 1, observations: [1, 2, 3])
        expectMessage(try b.por.feed.transact("transmit", arguments: byOld.transmitArguments, from: newCommittee.oracles[0]),
                      "unauthorized signer")
        expectMessage(try b.por.feed.transact("transmit", arguments: byOld.transmitArguments, from: b.oracles[0]),
                      "unauthorized transmitter")
        let byNew = try newCommittee.report(configDigest: digest, epochAndRound: 1, observations: [1, 2, 3])
        expectSuccess(try b.por.feed.transact("transmit", arguments: byNew.transmitArguments, from: newCommittee.oracles[0]))
    }

    /// rawVs byte i (from the most significant) is the recovery id of signature i: find
    /// reports whose two recovery ids are (0, 1) and (1, 0) so that a swapped or misread byte
    /// would fail, and check that flipping one byte breaks the report.
    @Test func recoveryIdsArePackedMostSignificantByteFirst() throws {
        let b = try Bed()
        var seen = Set<[UInt8]>()
        for round in 1...64 {
            let r = try b.report(UInt64(round), [Answer(Int64(round)), Answer(Int64(round) + 1), Answer(Int64(round) + 2)])
            let pair = Array(r.rawVs.prefix(2))
            #expect(r.rawVs.dropFirst(2).allSatisfy { $0 == 0 })
            guard !seen.contains(pair) else { continue }
            seen.insert(pair)
            // Flip the recovery id of the signature that has id 1 (or the first): another signer.
            var flipped = r
            let k = pair[1] == 1 ? 1 : 0
            flipped.rawVs[k] ^= 1
            expectMessage(try b.transmit(flipped), "unauthorized signer")
            expectSuccess(try b.transmit(r))
            if seen.count == 4 { break }
        }
        #expect(seen.contains([0, 1]) && seen.contains([1, 0]), "recovery id pairs seen: \(seen)")
        #expect(try b.por.feed.read("latestRound") == u(UInt64(seen.count)))
    }
}
