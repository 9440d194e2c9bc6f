import Foundation
import Testing
@testable import Scenario

/// Found by scripts/fuzz/mutate-cli.py: a malformed scenario's one-line error echoed the control
/// characters of the value, name or field it quoted (a bell, an escape sequence, a line break).
@Suite struct PrintableErrorTests {
    static func isPrintableLine(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value == 0x2028 || $0.value == 0x2029 }
    }

    @Test(arguments: [
        // bad number
        #"{"name": "x", "steps": [{"setup_por": {}}, {"transact": "token.mint", "from": "minter", "args": ["deployer", "\u0007[0]"]}]}"#,
        // unknown account
        #"{"name": "x", "steps": [{"setup_por": {}}, {"transact": "token.mint", "from": "minter", "args": ["al\u001b[2Jice", 1]}]}"#,
        // unknown field and step kind
        #"{"name": "x", "steps": [{"war\u0000p": 1}]}"#,
        #"{"name": "x", "ste\nps": []}"#,
        // bad contract.function
        #"{"name": "x", "steps": [{"setup_por": {}}, {"call": "token\r\u0085balanceOf"}]}"#,
    ])
    func malformedFileErrorsAreOnePrintableLine(_ text: String) {
        guard let e = malformed(text, path: "bad\u{1B}.json") else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(Self.isPrintableLine(e.description), "\(e.description.debugDescription)")
    }

    @Test func missingFileNameIsPrintable() {
        do {
            _ = try ScenarioRunner.collect(["/nonexistent/\u{1B}[31mx.yaml"])
            Issue.record("a missing file was accepted")
        } catch {
            #expect(Self.isPrintableLine("\(error)"))
        }
    }
}
