import Foundation
import Testing
import Primitives
import Scenario
@testable import Fuzzer

/// `--shard I/N`: sequence k of a run draws from a stream of (seed, k), shard I runs k mod N == I.
struct ShardTests {
    @Test func parsing() {
        #expect(Shard(parsing: "0/1") == .whole)
        #expect(Shard(parsing: "3/4").map { [$0.index, $0.count] } == [3, 4])
        #expect(Shard(parsing: "1023/1024") != nil)
        for bad in ["4/4", "-1/4", "1/0", "0/1025", "1/-2", "a/b", "1", "1/2/3", "", "/", "1/", "/4", " 1/4", "1/4 ", "+1/4", "0x1/4", "99999/100000", "١/٢"] {
            #expect(Shard(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func streamsDependOnSeedAndSequence() {
        func first(_ seed: UInt64, _ k: Int) -> UInt64 { var r = Shard.stream(seed: seed, sequence: k); return r.next() }
        #expect(first(1, 0) == first(1, 0))
        let values = Set((0..<100).map { first(1, $0) } + (0..<100).map { first(2, $0) })
        #expect(values.count == 200)
    }

    /// TwoStep's targets return nothing, so nothing is learned from return values and each
    /// sequence depends on (seed, k) alone: the four shards' sequences are exactly the whole run's.
    @Test func theShardsTogetherAreTheWholeRun() throws {
        let dir = try TwoStep.artifactFolder()
        let config = try FuzzConfig.load(try TwoStep.config(in: dir, "targets: [t.a, t.c]\nenvironment: {warp: 1 hour}\nproperties: [\"t.flag() <= 1\"]\n"),
                                         plugins: [FuzzSteps()])
        func record(_ shard: Shard, calls: Int) throws -> [Int: [FuzzCall]] {
            let seen = Box()
            var o = CampaignOptions(seed: 5, maxCalls: calls, guided: false)   // mutations would follow each shard's own corpus
            o.shard = shard
            o.onSequence = { k, s in seen.map[k] = s }
            let r = try Campaign.run(config: config, plugins: [], options: o)
            #expect(r.findings.isEmpty)
            #expect(r.sequences == seen.map.count)
            return seen.map
        }
        let whole = try record(.whole, calls: 600)
        #expect(Set(whole.keys) == Set(0..<whole.count))
        #expect(whole.count > 40 && Set(whole.values.map { $0.map(\.text) }).count > whole.count / 2)
        var union: [Int: [FuzzCall]] = [:]
        for i in 0..<4 {
            let part = try record(try #require(Shard(index: i, count: 4)), calls: 600)
            #expect(part.keys.allSatisfy { $0 % 4 == i })
            for (k, s) in part where k < whole.count { union[k] = s }
        }
        // Each shard ran about as many sequences as the whole run, so their first quarter covers it.
        #expect(Set(union.keys) == Set(whole.keys))
        // The whole run's last sequence may be cut short by the call budget; the others are whole.
        let last = whole.keys.max() ?? 0
        for (k, s) in whole where k != last { #expect(union[k] == s, "sequence \(k)") }
    }

    final class Box: @unchecked Sendable { var map: [Int: [FuzzCall]] = [:] }
}
