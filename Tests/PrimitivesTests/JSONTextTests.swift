import Foundation
import Testing
import Primitives

@Suite struct JSONTextTests {
    /// RFC 8259 §7: quote, backslash and U+0000–U+001F must be escaped; Foundation's parser (an
    /// independent implementation) must read every literal back to the same string.
    @Test func literalsReadBackUnchanged() throws {
        let samples = ["", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "\u{0}\u{1F}\u{7F}", "é ✓ 𝄞", "</script>"]
        for s in samples {
            let text = "[" + JSONText.quoted(s) + "]"
            let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
            #expect(back == [s], "\(text)")
        }
        #expect(JSONText.escaped("a\u{1}b") == "a\\u0001b")
        #expect(JSONText.quoted("x\"y") == "\"x\\\"y\"")
    }
}
