/// Wraps the demo's lines to a terminal's width: breaks at spaces only (a word longer than the
/// whole line is the one thing cut), continuation lines keep the line's indentation (and step
/// past a leading "• ", "✓ "/"✗ " mark or a call tree's branches), and ANSI colour codes count for nothing.
public enum DemoWrap {
    /// Widths a terminal may ask for; anything outside is clamped.
    public static let widths: ClosedRange<Int> = 40...400
    /// The narration's paragraphs are single lines: on a wide terminal they still break here,
    /// the width of the headings, to stay readable.
    public static let readingWidth = PoRDemo.headingWidth

    /// Visible width: characters, not counting ANSI SGR sequences (ESC [ … m).
    public static func visibleWidth(_ s: String) -> Int {
        var n = 0, inEscape = false
        for c in s.unicodeScalars {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            n += 1
        }
        return n
    }

    /// A demo line as one or more lines of the same style, each at most `width` wide.
    public static func wrap(_ line: DemoLine, width: Int) -> [DemoLine] {
        wrap(line.text, width: width).map { DemoLine(line.style, $0) }
    }

    /// Words filled into lines of at most `width` characters (a longer word stands alone), for table cells.
    static func fill(_ text: String, width: Int) -> [String] {
        var out: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width { out.append(current); current = "" }
            current += (current.isEmpty ? "" : " ") + word
        }
        return out + [current]
    }

    /// Plain text (no ANSI codes) wrapped to `width` characters.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = min(max(width, widths.lowerBound), widths.upperBound)
        let chars = Array(text)
        guard chars.count > width else { return [text] }
        let lead = chars.prefix { $0 == " " }.count
        // Call trees (`--call-tree`): continuation lines go under the node's text, past "│  ├─ ".
        var indent = chars.prefix { " │├└─".contains($0) }.count
        let rest = chars.dropFirst(lead)
        if rest.count > 2, ["•", "✓", "✗", "→"].contains(rest[rest.startIndex]), rest[rest.startIndex + 1] == " " { indent += 2 }
        indent = min(indent, width / 2)
        let pad = String(repeating: " ", count: indent)
        // Words with the run of spaces before them (kept inside a line, dropped at a break).
        var words: [(gap: String, word: String)] = []
        var gap = "", word = ""
        for c in chars.dropFirst(lead) {
            if c == " " {
                if !word.isEmpty { words.append((gap, word)); gap = ""; word = "" }
                gap.append(c)
            } else {
                word.append(c)
            }
        }
        if !word.isEmpty { words.append((gap, word)) }
        var out: [String] = []
        var current = String(repeating: " ", count: lead), currentCount = lead, empty = true
        for (g, w) in words {
            let wCount = w.count
            if !empty && currentCount + g.count + wCount > width {
                out.append(current)
                current = pad; currentCount = indent; empty = true
            }
            var piece = w, pieceCount = wCount
            if empty {
                // A word longer than the room left on an empty line is cut (never happens with the demo's words).
                while currentCount + pieceCount > width {
                    let room = max(1, width - currentCount)
                    out.append(current + String(piece.prefix(room)))
                    piece = String(piece.dropFirst(room)); pieceCount -= room
                    current = pad; currentCount = indent
                }
                current += piece; currentCount += pieceCount
            } else {
                current += g + piece; currentCount += g.count + pieceCount
            }
            empty = false
        }
        if !empty || out.isEmpty { out.append(current) }
        return out
    }
}
