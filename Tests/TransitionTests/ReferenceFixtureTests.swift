import Foundation
import Testing
import EVM
import UInt256
@testable import Transition

/// Blocks built by scripts/t8n/make_fixtures.py, each with the output of the execution specs'
/// `ethereum-spec-evm t8n` for it: porvm's result and alloc must equal it field for field.
/// Allowed: porvm's extra `blobGasUsed` (geth's field), and the wording of a parse failure
/// (Python's message); its index and prefix must match.
struct ReferenceFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    @Test func fixturesArePresent() {
        #expect(Self.names.count >= 10)
    }

    @Test(arguments: names)
    func agreesWithTheReference(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forkName = try #require(doc["fork"] as? String)
        let fork = try #require(Fork(name: forkName))
        let input = try #require(doc["input"] as? [String: Any])
        let expected = try #require(doc["expected"] as? [String: Any])
        let options = Transition.Options(fork: fork, chainId: U256(1), reward: (doc["reward"] as? NSNumber).map { $0.int64Value },
                                         stateTest: (doc["stateTest"] as? Bool) ?? false)
        let out = try Transition.run(alloc: input["alloc"] as Any, env: input["env"] as Any, txs: input["txs"], options: options)
        var result = try Self.foundation(out.result)
        result.removeValue(forKey: "blobGasUsed")
        var theirs = try #require(expected["result"] as? [String: Any])
        Self.normaliseParseFailures(&result)
        Self.normaliseParseFailures(&theirs)
        for key in Set(result.keys).union(theirs.keys).sorted() {
            #expect(Self.equal(result[key], theirs[key]), "\(name): result.\(key): porvm \(String(describing: result[key])) reference \(String(describing: theirs[key]))")
        }
        let alloc = try Self.foundation(out.alloc)
        #expect(Self.equal(alloc, expected["alloc"]), "\(name): alloc differs")
    }

    /// "Failed to parse transaction N: <Python's message>" keeps its prefix only.
    static func normaliseParseFailures(_ result: inout [String: Any]) {
        guard let rejected = result["rejected"] as? [[String: Any]] else { return }
        result["rejected"] = rejected.map { r -> [String: Any] in
            var r = r
            if let e = r["error"] as? String, e.hasPrefix("Failed to parse transaction"), let colon = e.firstIndex(of: ":") {
                r["error"] = String(e[..<colon])
            }
            return r
        }
    }

    static func foundation(_ json: JSONOut) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.text().utf8)) as? [String: Any])
    }

    static func equal(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return NSArray(array: [x]).isEqual(to: [y])
        default: return false
        }
    }
}
