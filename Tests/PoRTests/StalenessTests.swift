import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256

/// 2. Staleness of the reserves. Documented rule (SecureMintToken.mint NatSpec and
/// reserve_reader.read): updatedAt != 0; updatedAt <= block.timestamp;
/// block.timestamp - updatedAt <= heartbeat. So an answer exactly `heartbeat` seconds old is
/// still usable and one second more is stale.
@Suite struct StalenessTests {
    static let heartbeat: UInt64 = 3_600

    @Test func updatedAtZeroIsRefused() throws {
        let bed = try TokenBed(heartbeat: Self.heartbeat, answer: nil)
        bed.feed.set(answer: 1_000_000, updatedAt: 0)
        expectError(try bed.mint(bed.alice, 1), "ReservesUpdatedAtZero")
        #expect(try bed.token.read("mintableAmount") == u(0))
        expectError(try bed.token.call("reserves"), "ReservesUpdatedAtZero")
    }

    @Test func updatedAtInTheFutureIsRefused() throws {
        let bed = try TokenBed(heartbeat: Self.heartbeat, answer: 1_000_000)   // updatedAt = T0
        bed.chain.warp(T0 - 1)                                                   // the chain goes back one second
        expectError(try bed.mint(bed.alice, 1), "ReservesFromFuture", [u(T0), u(T0 - 1)])
        bed.chain.warp(T0 - 3_000)
        expectError(try bed.mint(bed.alice, 1), "ReservesFromFuture", [u(T0), u(T0 - 3_000)])
        // The same second is not the future.
        bed.chain.warp(T0)
        expectSuccess(try bed.mint(bed.alice, 1))
    }

    @Test func heartbeatBoundaryBothSides() throws {
        let bed = try TokenBed(heartbeat: Self.heartbeat, answer: 1_000_000)   // updatedAt = T0
        let snap = bed.chain.snapshot()
        // Exactly heartbeat seconds old: allowed (age <= heartbeat).
        bed.chain.warp(T0 + Self.heartbeat)
        expectSuccess(try bed.mint(bed.alice, 10))
        #expect(try bed.token.read("mintableAmount") == u(1_000_000 - 10))
        // One second later: stale, with updatedAt, heartbeat and block.timestamp.
        bed.chain.warp(T0 + Self.heartbeat + 1)
        expectError(try bed.mint(bed.alice, 10), "ReservesStale", [u(T0), u(Self.heartbeat), u(T0 + Self.heartbeat + 1)])
        #expect(try bed.token.read("mintableAmount") == u(0))
        // Far past the heartbeat, from the snapshot.
        try bed.chain.revertTo(snap)
        bed.chain.warp(T0 + 30 * 86_400)
        expectError(try bed.mint(bed.alice, 10), "ReservesStale", [u(T0), u(Self.heartbeat), u(T0 + 30 * 86_400)])
        #expect(try bed.supply() == u(0))
        // A fresh update makes the same mint go through.
        bed.feed.set(answer: 1_000_000, updatedAt: T0 + 30 * 86_400 - 5, roundId: 2)
        expectSuccess(try bed.mint(bed.alice, 10))
    }

    @Test func heartbeatCanBeChangedButNotToZero() throws {
        let bed = try TokenBed(heartbeat: Self.heartbeat, answer: 1_000_000)
        bed.chain.warp(T0 + 7_200)
        expectError(try bed.mint(bed.alice, 1), "ReservesStale", [u(T0), u(Self.heartbeat), u(T0 + 7_200)])
        bed.chain.expectEmit("HeartbeatSet", ["previousHeartbeat": Self.heartbeat, "newHeartbeat": 7_200])
        expectSuccess(try bed.token.transact("setHeartbeat", 7_200, from: bed.owner))
        expectSuccess(try bed.mint(bed.alice, 1))                                // now exactly at the new boundary
        expectError(try bed.token.transact("setHeartbeat", 0, from: bed.owner), "InvalidHeartbeat", [u(0)])
        expectError(try bed.token.transact("setHeartbeat", 1, from: bed.alice), "NotOwner", [.address(bed.alice.address)])
        let (deploy, _) = try bed.chain.tryDeploy(FixtureArtifacts.load(FixtureArtifacts.token),
                                                  arguments: ["X", "X", 8, bed.feed.address, 0, 0])
        expectError(deploy, "InvalidHeartbeat", [u(0)])
    }

    /// The same boundary through the real PoRAggregator: updatedAt is the block time of the transmit.
    @Test func heartbeatBoundaryWithSignedReports() throws {
        let chain = Chain()
        chain.warp(T0)
        var settings = PoRDeployment.Settings()
        settings.heartbeat = 86_400
        var por = try PoRDeployment(chain: chain, settings: settings)
        expectSuccess(try por.publish([1_000, 1_100, 1_200]))
        let round = try por.feed.readAll("latestRoundData")
        #expect(round[3] == u(T0))
        let alice = chain.account("alice")
        chain.warp(T0 + 86_400)
        expectSuccess(try por.token.transact("mint", alice, 100, from: por.minter))
        chain.warp(T0 + 86_401)
        expectError(try por.token.transact("mint", alice, 100, from: por.minter), "ReservesStale",
                    [u(T0), u(86_400), u(T0 + 86_401)])
        // A new report in this block refreshes updatedAt.
        expectSuccess(try por.publish([1_000, 1_100, 1_200]))
        expectSuccess(try por.token.transact("mint", alice, 100, from: por.minter))
        #expect(try por.token.read("totalSupply") == u(200))
    }
}
