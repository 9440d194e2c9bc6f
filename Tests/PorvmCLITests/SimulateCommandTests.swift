import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
@Suite struct SimulateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let wbtc = root.appendingPathComponent("Simulations/wbtc.yaml").path

    func temp(_ text: String, ext: String = "yaml") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-sim-\(UUID()).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func object(_ line: String?) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data((line ?? "").utf8)) as? [String: Any])
    }

    /// The headline of the WBTC file from first principles: the withdrawal (10 d 00:07:30, in the
    /// file) makes reserves (950 BTC) fall 5% below the last report, over the 1% threshold, so the
    /// next round (at most one check interval, 600 s, later) writes it, and the next upkeep (at
    /// most one automation interval, 300 s, after that) sees reserves < supply and pauses.
    @Test func wbtcPausesWithinACheckAndAnUpkeepOfTheWithdrawal() throws {
        let r = porvm("simulate", Self.wbtc, "--json")
        #expect(r.code == 0 && r.err.isEmpty && r.out.count == 1)
        let metrics = try #require(try object(r.out.first)["metrics"] as? [String: Any])
        let withdrawal: UInt64 = 10 * 86_400 + 450
        let trips = try #require(metrics["trip_times"] as? [UInt64])
        #expect(trips.count == 1)
        if let t = trips.first { #expect(t >= withdrawal && t <= withdrawal + 600 + 300) }
        // Supply 990 BTC, reserves 950 BTC: 40 BTC unbacked until the pause.
        #expect(metrics["max_unbacked"] as? String == "40.00000000")
        #expect((metrics["shortfall_to_pause"] as? [UInt64])?.allSatisfy { $0 <= 900 } == true)
        #expect(metrics["mints_refused"] as? [String: Int] == ["MintingPaused": 1])
    }

    @Test func theSameSeedGivesByteIdenticalOutput() {
        let a = porvm("simulate", Self.wbtc, "--seed", "3"), b = porvm("simulate", Self.wbtc, "--seed", "3")
        #expect(a.code == 0 && a.out == b.out && !a.out.isEmpty)
        let j1 = porvm("simulate", Self.wbtc, "--json"), j2 = porvm("simulate", Self.wbtc, "--json")
        #expect(j1.out == j2.out)
    }

    @Test func textOutputIsEventsThenTheSummary() {
        let r = porvm("simulate", Self.wbtc)
        #expect(r.code == 0)
        #expect(r.out.contains { $0.hasSuffix("breaker tripped: minting paused (true reserves 950.00000000, supply 990.00000000)") })
        #expect(r.out.contains { $0.contains("mint of 1.00000000 refused: MintingPaused") })
        // Rounds at 0, 600, ..., 14 d − 600 s: 14 · 144; the run ends at `duration` before a round due then.
        #expect(r.out.contains("checks: 2016 (0 without quorum)"))
    }

    @Test func jsonHasMetricsAndEvents() throws {
        let o = try object(porvm("simulate", Self.wbtc, "--json", "--until", "1 d").out.first)
        #expect(o["seed"] as? UInt64 == 7 && o["duration"] as? UInt64 == 86_400)
        let events = try #require(o["events"] as? [[String: Any]])
        #expect(events.first?["time"] as? UInt64 == 0 && events.first?["kind"] as? String == "report")
        #expect((events.first?["text"] as? String)?.hasPrefix("report transmitted (first)") == true)
        // 1 d of checks, one sample each, every sample's supply the sum of its chains'.
        let series = try #require(o["series"] as? [[String: Any]])
        #expect(series.count == 144)
        let m = try #require(o["metrics"] as? [String: Any])
        for key in ["checks", "updates", "update_gas", "update_share", "shortfall_to_pause", "max_unbacked", "mints_refused", "trips"] {
            #expect(m[key] != nil, "missing \(key)")
        }
        // 1 d of 10-minute checks: 0, 600, ..., 86_400 − 600 s.
        #expect(m["checks"] as? Int == 144)
    }

    @Test func csvHasOneRowPerCheck() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-sim-\(UUID()).csv").path
        let r = porvm("simulate", Self.wbtc, "--until", "2 h", "--csv", out)
        #expect(r.code == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "time,true_reserves,node_1,node_2,node_3,node_4,node_5,node_6,node_7,answer,supply,collateral_ratio,paused")
        #expect(lines.count == 1 + 12)                       // checks at 0, 600, ..., 6600 s
        #expect(r.out.contains("checks: 12 (0 without quorum)"))
        // At 1 h 10 min: 600 BTC minted against 1000 BTC held (ratio 1000/600).
        #expect(lines.contains("4200,1000.00000000,1000.00000000,1000.00000000,1000.00000000,1000.00000000,1000.00000000,1000.00000000,1000.00000000,1000.00000000,600.00000000,1.666666,0"))
    }

    @Test func sweepPrintsOneRowPerValue() throws {
        let r = porvm("simulate", Self.wbtc, "--sweep", "check_interval=5 min,10 min,1 h", "--until", "11 d")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.count == 1 + 3)
        #expect(r.out.first?.hasPrefix("check_interval  checks") == true)
        // 11 d of checks every 5 min / 10 min / 1 h, the first at 0, none at the end.
        #expect(r.out.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] } == ["3168", "1584", "264"])
        let j = try object(porvm("simulate", Self.wbtc, "--sweep", "f=1,2", "--json", "--until", "1 d").out.first)
        #expect((j["rows"] as? [[String: String]])?.map { $0["f"] } == ["1", "2"])
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let bad = try temp("duration: 3 d\nsources: [{type: bitcoin_custody}]\nheartbeat: often\n")
        let cases: [[String]] = [
            ["simulate", bad],
            ["simulate", "/nonexistent/sim.yaml"],
            ["simulate", Self.wbtc, "--until", "forever"],
            ["simulate", Self.wbtc, "--until", "300 w"],
            ["simulate", Self.wbtc, "--sweep", "margin=1,2"],
            ["simulate", Self.wbtc, "--sweep", "f="],
            ["simulate", Self.wbtc, "--sweep", "f=1,99"],
            ["simulate", Self.wbtc, "--sweep", "f=1", "--csv", "/tmp/x.csv"],
            ["simulate", Self.wbtc, "--csv", "/nonexistent/dir/x.csv", "--until", "1 h"],
            ["simulate", Self.wbtc, "--seed", "-1"],
        ]
        for args in cases {
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(args)")
            #expect(c.err.count == 1 && c.err.first?.hasPrefix("porvm: ") == true, "\(args): \(c.err)")
        }
        let r = porvm("simulate", bad)
        #expect(r.err.first?.contains("\(bad):3, field 'heartbeat': bad number") == true, "\(r.err)")
    }

    @Test func aNetworkTooSmallForFIsABadFile() throws {
        let path = try temp("nodes: 3\nf: 1\nsources: [{type: bitcoin_custody}]\nduration: 1 h\n")
        let r = porvm("simulate", path)
        #expect(r.code == 2 && r.err.count == 1)
        #expect(r.err.first?.hasPrefix("porvm: \(path): ") == true, "\(r.err)")
    }
}
}
