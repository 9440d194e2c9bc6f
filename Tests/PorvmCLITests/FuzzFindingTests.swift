import Foundation
import Testing
@testable import PorvmCLI

/// Inputs found by scripts/fuzz/mutate-cli.py. The contract: bad input is exit 2 and one printable
/// line on stderr starting with "porvm:".
extension CLITests {
@Suite struct FuzzFindingTests {
    static func isOnePrintableLine(_ err: [String]) -> Bool {
        err.count == 1 && err[0].hasPrefix("porvm:")
            && !err[0].unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    func temp(_ text: String, ext: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-fuzz-\(UUID()).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [
        #"{"name": "x", "steps": [{"setup_por": {}}, {"transact": "token.mint", "from": "minter", "args": ["deployer", "\u0007[0]"]}]}"#,
        #"{"name": "x", "steps": [{"setup_por": {}}, {"transact": "token.mint", "from": "minter", "args": ["al\u001b[2Jice", 1]}]}"#,
    ])
    func scenarioErrorsEchoNoControlCharacters(_ text: String) throws {
        let file = try temp(text, ext: "json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = porvm("scenario", file)
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        #expect(Self.isOnePrintableLine(r.err), "\(r.err)")
    }
}
}
