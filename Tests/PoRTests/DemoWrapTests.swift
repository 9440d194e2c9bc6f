import Testing
import PoR

/// Wrapping to a terminal's width: no line past it, words whole, nothing lost or added.
@Suite struct DemoWrapTests {
    static func collapsed(_ lines: [String]) -> String {
        lines.joined(separator: " ").split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }

    /// The demo's lines for a `width`-column terminal (headings and table built for it), wrapped.
    @Test(arguments: [80, 60])
    func demoLinesFitAndKeepTheirWords(width: Int) throws {
        var lines: [DemoLine] = []
        try PoRDemo.run(width: width) { lines.append($0) }
        #expect(lines.count > 100)
        for line in lines {
            let wrapped = DemoWrap.wrap(line, width: width)
            #expect(wrapped.allSatisfy { $0.text.count <= width }, "\(line.text)")
            #expect(wrapped.allSatisfy { $0.style == line.style })
            #expect(Self.collapsed(wrapped.map(\.text)) == Self.collapsed([line.text]))
            // Continuation lines keep at least the line's indentation.
            let indent = line.text.prefix { $0 == " " }.count
            #expect(wrapped.dropFirst().allSatisfy { $0.text.prefix { $0 == " " }.count >= min(indent, width / 2) })
            // Words are whole: every word of a wrapped line is a word of the original.
            let words = Set(line.text.split(separator: " "))
            #expect(wrapped.allSatisfy { $0.text.split(separator: " ").allSatisfy(words.contains) })
            // Colour codes do not count.
            #expect(wrapped.allSatisfy { DemoWrap.visibleWidth($0.rendered(color: true)) == $0.text.count })
        }
    }

    @Test func wrapsAtSpacesWithHangingIndent() {
        #expect(DemoWrap.wrap("short", width: 40) == ["short"])
        let bullet = "  • " + Array(repeating: "word", count: 12).joined(separator: " ")
        let wrapped = DemoWrap.wrap(bullet, width: 40)
        #expect(wrapped == ["  • word word word word word word word", "    word word word word word"])
        // A word longer than the width is the one thing cut.
        let long = String(repeating: "x", count: 90)
        #expect(DemoWrap.wrap(long, width: 40) == [String(repeating: "x", count: 40), String(repeating: "x", count: 40), String(repeating: "x", count: 10)])
        #expect(DemoWrap.visibleWidth("\u{1B}[1;36mab\u{1B}[0m") == 2)
    }

    /// The summary table narrows its text columns to fit: each row starts with its number, and
    /// the cells' words all appear.
    @Test(arguments: [80, 72])
    func tableNarrows(width: Int) throws {
        let summary = try PoRDemo.lines().summary
        let table = summary.tableLines(width: width)
        #expect(table.allSatisfy { $0.text.count <= width }, "\(table.map(\.text))")
        for row in summary.rows {
            #expect(table.contains { $0.text.split(separator: " ").first.map(String.init) == String(row.number) })
        }
        #expect(summary.tableLines(width: 200) == summary.tableLines())
    }
}
