import Foundation
import Testing
import Primitives

/// `porvm fuzz`'s command-line tests (PorvmCLITests, where the process-wide console is used one
/// test at a time) read TwoStep from a checked-in artifact: it must be the contract assembled here.
struct FixtureSyncTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PorvmCLITests/FuzzFixtures/TwoStep.json")

    @Test func checkedInArtifactIsTheAssembledContract() throws {
        if ProcessInfo.processInfo.environment["PORVM_WRITE_FIXTURES"] == "1" {
            let dir = try TwoStep.artifactFolder()
            try FileManager.default.removeItem(at: Self.fixture)
            try FileManager.default.copyItem(atPath: dir + "/TwoStep.json", toPath: Self.fixture.path)
        }
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        #expect(text.contains("\"bytecode\": \"\(Hex.encode(TwoStep.initCode, prefix: true))\""))
        #expect(text.contains("\"deployedBytecode\": \"\(Hex.encode(TwoStep.runtime, prefix: true))\""))
    }
}
