import Foundation
import Testing
@testable import Views

@Suite struct HTMLPageTests {
    static let hostile = "</script><script>alert(1)</script>"

    @Test func textIsEscaped() {
        #expect(HTMLPage.escape(Self.hostile) == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLPage.escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;")
    }

    /// A `</script>` inside data cannot end the JSON block, and the block still parses to the
    /// same string (JSON's \u escapes).
    @Test func jsonBlockCannotBreakOut() throws {
        var page = HTMLPage(title: Self.hostile)
        page.data = [("d", ["name": Self.hostile + "\u{2028}&"])]
        let html = page.render()
        #expect(!html.contains("<script>alert"))
        #expect(html.components(separatedBy: "</script>").count - 1 == 1)   // only the data block's own end
        let json = HTMLPage.json(["name": Self.hostile + "\u{2028}&"])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\u{2028}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(parsed?["name"] == Self.hostile + "\u{2028}&")
    }

    @Test func pageForbidsFetching() {
        let html = HTMLPage(title: "t").render()
        #expect(html.contains("default-src 'none'"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }
}
