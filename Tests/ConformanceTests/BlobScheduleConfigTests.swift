import Foundation
import Testing
import EVM
@testable import Conformance

/// A fixture's `config.blobSchedule` (EIP-7840's per-fork entry, which execution-spec-tests
/// writes into every Prague and Osaka fixture) wins over the fork's built-in schedule.
@Suite struct BlobScheduleConfigTests {
    /// add11 with a `config` holding the given blob schedule entries.
    func prepared(_ schedule: [String: [String: String]]?) throws -> PreparedTest {
        var file = try #require(JSONSerialization.jsonObject(with: Data(add11FixtureJSON.utf8)) as? [String: Any])
        var test = try #require(file["add11"] as? [String: Any])
        var config: [String: Any] = ["chainid": "0x01"]
        if let schedule { config["blobSchedule"] = schedule }
        test["config"] = config
        file["add11"] = test
        let data = try JSONSerialization.data(withJSONObject: file)
        let decoded = try JSONDecoder().decode(StateTestFile.self, from: data)
        return try PreparedTest(name: "add11", fixture: try #require(decoded["add11"]))
    }

    @Test func fixtureScheduleWinsForItsFork() throws {
        let t = try prepared(["Cancun": ["target": "0x01", "max": "0x02", "baseFeeUpdateFraction": "0x10"],
                              "Osaka": ["target": "0x0e", "max": "0x15", "baseFeeUpdateFraction": "0x8ba9ec"]])
        #expect(try t.blobSchedule(.cancun) == BlobSchedule(target: 1, max: 2, baseFeeUpdateFraction: 16))
        #expect(try t.blobSchedule(.osaka) == BlobSchedule(target: 14, max: 21, baseFeeUpdateFraction: 0x8ba9ec))
        #expect(try t.blobSchedule(.prague) == .prague)          // no entry: the fork's own
    }

    @Test func withoutScheduleTheForkDecides() throws {
        let t = try prepared(nil)
        #expect(try t.blobSchedule(.cancun) == .cancun)
        #expect(try t.blobSchedule(.osaka) == Fork.osaka.blobSchedule)
    }

    @Test func badNumberIsAFixtureError() throws {
        let t = try prepared(["Cancun": ["target": "0x03", "max": "0xzz", "baseFeeUpdateFraction": "0x32f0ed"]])
        #expect(throws: (any Error).self) { try t.blobSchedule(.cancun) }
    }
}
