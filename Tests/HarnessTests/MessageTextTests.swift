import Testing
@testable import Harness
import Primitives

/// Found by scripts/fuzz/mutate-cli.py: an artifact's ABI type holding an escape sequence was echoed
/// raw into `porvm demo`'s one-line error. Messages must stay one printable line.
@Suite struct MessageTextTests {
    static func isPrintableLine(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value == 0x2028 || $0.value == 0x2029 }
    }

    @Test func artifactErrorsEchoNoControlCharacters() {
        let abi = #"[{"type":"function","name":"x","inputs":[{"name":"a","type":"ad\u001b[31mdress\nfoo"}],"outputs":[]}]"#
        do {
            _ = try Artifact.parse(json: #"{"contractName":"X","abi":\#(abi),"bytecode":"0x00","deployedBytecode":"0x00"}"#)
            Issue.record("a bad ABI type was accepted")
        } catch let e as HarnessError {
            #expect(Self.isPrintableLine(e.description), "\(e.description.debugDescription)")
            #expect(e.description.contains(#"\u{1B}[31m"#))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: ["plain", "a\u{0}b", "\u{7}\u{8}\t\r\n", "\u{7F}\u{85}\u{9B}", "x\u{2028}y\u{2029}", "é€😀"])
    func printableEscapesControlCharactersOnly(_ s: String) {
        let p = MessageText.printable(s)
        #expect(Self.isPrintableLine(p))
        if Self.isPrintableLine(s) { #expect(p == s) }
    }
}
