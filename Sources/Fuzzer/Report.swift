import Foundation

/// The Markdown report card (`--report FILE`) of a run or of a merge of shards: the run's
/// figures, each property passed or broken (with its message, shrunk sequence and
/// reproducer), coverage per contract when measured, and the corpus size.
public enum Report {
    public static func markdown(_ s: FuzzSummary, title: String = "porvm fuzz report") -> String {
        var md = "# \(inline(title))\n\n## Run\n\n| Field | Value |\n|---|---|\n"
        var rows: [(String, String)] = [("Config", s.config)]
        if let p = s.preset { rows.append(("Preset", p)) }
        rows += [("Seeds", s.seeds.joined(separator: ", ")), ("Shards", s.shards.joined(separator: ", ")),
                 ("Calls", "\(s.calls)"), ("Sequences", "\(s.sequences)"), ("Seconds", String(format: "%.2f", s.seconds)),
                 ("Calls per second", whole(s.callsPerSecond)),
                 ("Corpus", s.corpus.map { "\(s.corpusSize) sequences in \($0)" } ?? "\(s.corpusSize) sequences")]
        for (k, v) in rows { md += "| \(k) | \(cell(v)) |\n" }

        let broken = s.broken
        md += "\n## Properties\n\n\(s.properties.count - broken.count) passed, \(broken.count) broken.\n\n"
        md += "| Property | Result |\n|---|---|\n"
        for p in s.properties { md += "| \(cell(p.property)) | \(p.broken ? "broken" : "passed") |\n" }
        for p in broken {
            md += "\n### Broken: \(inline(p.property))\n\n"
            md += "- Message: \(inline(p.message ?? "?"))\n"
            if let r = p.reproducer { md += "- Reproducer: `\(r.replacingOccurrences(of: "`", with: "'"))`\n" }
            if let sh = p.shard { md += "- Found by shard \(inline(sh))" + (p.seed.map { ", seed \($0)" } ?? "") + "\n" }
            let calls = p.calls ?? []
            md += "\nShrunk sequence (\(calls.count) calls):\n\n"
            for (i, c) in calls.enumerated() {
                let outcome = i < (p.outcomes?.count ?? 0) ? p.outcomes?[i] ?? "" : ""
                md += "\(i + 1). `\(code(c))` → \(inline(outcome))\n"
            }
        }

        md += "\n## Coverage\n\n"
        if s.coverage.isEmpty {
            md += "Not measured in this run.\n"
        } else {
            md += "| Contract | Coverage |\n|---|---|\n"
            for c in s.coverage { md += "| \(cell(c.contract)) | \(cell(c.text)) |\n" }
        }
        md += "\n## Corpus\n\n\(s.corpusSize) sequences" + (s.corpus.map { " in `\(code($0))`" } ?? "") + ".\n"
        return md
    }

    /// A rate rounded down, for figures read from files (any finite or infinite value; no `Int` trap).
    public static func whole(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "?" : "\(x)" }
        return x.magnitude < 1e15 ? "\(Int(x.rounded(.down)))" : String(format: "%.3e", x)
    }

    /// Text on one line, safe in running Markdown: no line breaks, and no HTML tag (a `<` before a
    /// letter, `/`, `!` or `?` is escaped; `a <= b` stays readable).
    static func inline(_ t: String) -> String {
        var out = ""
        var chars = t.makeIterator()
        var next = chars.next()
        while let c = next {
            next = chars.next()
            if c.isNewline { out.append(" "); continue }
            if c == "<", let n = next, n.isLetter || "/!?".contains(n) { out += "&lt;"; continue }
            out.append(c)
        }
        return out
    }

    /// Text in a table cell: one line, `|` escaped.
    static func cell(_ t: String) -> String { inline(t).replacingOccurrences(of: "|", with: "\\|") }

    /// Text inside backticks (a backtick would end the span).
    static func code(_ t: String) -> String { String(t.map { $0.isNewline ? " " : $0 == "`" ? "'" : $0 }) }
}
