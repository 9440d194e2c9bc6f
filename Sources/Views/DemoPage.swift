import Foundation
import Harness
import PoR

/// `porvm demo --html`: the narrated story as one self-contained page. The sections in order,
/// each with its narration and the table of its on-chain steps; one plot of supply, reported
/// reserves and the pause over the story's time (DemoPagePlot); and every on-chain action line
/// a link to its transaction in the step-through viewer at the end of the page (the
/// TransactionPage viewer, its recorded transactions embedded once; `#tx=K&step=N` selects).
public enum DemoPage {
    /// `links` maps a line's index (counted over all the sections' lines in order) to its
    /// transaction in `traces` (`DemoTransactionLinks`); with the `story`, its numbers head the
    /// page and the plot shows the true reserves.
    public static func render(_ summary: DemoSummary, traces: [StepTrace], links: [Int: Int],
                              title: String = "porvm demo: Proof of Reserve and the circuit breaker",
                              story: DemoStory? = nil) -> String {
        let links = links.filter { $0.value >= 0 && $0.value < traces.count }
        var page = HTMLPage(title: title)
        page.styles = [PageStyle.base, TransactionPageStyle.style, DemoPageScript.style]
        page.scripts = [TransactionPageModel.script, TransactionPageScript.script, DemoPageScript.script]
        var body = "<header>\n<h1>\(HTMLPage.escape(title))</h1>\n"
        let facts = story.map(Self.facts) ?? []
        if !facts.isEmpty {
            body += "<p class=\"params\">" + facts.map { "<span>\(HTMLPage.escape($0))</span>" }.joined(separator: " · ") + "</p>\n"
        }
        body += toc(summary.sections) + "</header>\n"
        let plot = DemoPagePlot(summary, story: story)
        let rowLinks = rowLinks(summary, links: links)
        body += "<section class=\"story-plot\" id=\"story-plot\">\n<h2>The story over time</h2>\n" + plot.legend
            + plot.svg { rowLinks[$0] } + "\n<p class=\"muted\">Time from the deployment; amounts in \(HTMLPage.escape(summary.symbol)), read back from the contracts after each step. Click a marker or a ✓ / ✗ line to step through its transaction.</p>\n</section>\n"
        var index = 0
        for s in summary.sections {
            body += section(s, rows: summary.rows.filter { $0.section == s.number }, summary: summary, first: index, links: links)
            index += s.lines.count
        }
        var texts: [String: String] = [:]
        body += viewer(traces, sources: &texts)
        if !texts.isEmpty { page.data = [("tx-sources", texts)] }
        page.body = body
        return page.render()
    }

    static func facts(_ story: DemoStory) -> [String] {
        let btc = { (v: UInt64) in DemoFormat.units(v, decimals: PoRDemo.decimals) + " " + PoRDemo.symbol }
        return ["reserves \(btc(story.reserves))", "mints " + story.mints.map(btc).joined(separator: ", "),
                "withdrawal \(btc(story.withdrawal))", "heartbeat \(DemoFormat.duration(story.heartbeat))"]
    }

    static func toc(_ sections: [DemoSection]) -> String {
        "<nav class=\"toc\">" + sections.filter { $0.number > 0 }.map {
            "<a href=\"#section-\($0.number)\">\($0.number). \(HTMLPage.escape($0.title))</a>"
        }.joined(separator: " ") + " <a href=\"#viewer\">step-through</a></nav>\n"
    }

    /// A section: its heading, its lines (action lines linked), its steps' table.
    static func section(_ s: DemoSection, rows: [DemoSummaryRow], summary: DemoSummary, first: Int, links: [Int: Int]) -> String {
        var out = "<section class=\"demo-section\" id=\"section-\(s.number)\" data-section=\"\(s.number)\">\n"
        let clock = s.time.map { " <span class=\"muted\">\(HTMLPage.escape(DemoFormat.clock($0)))</span>" } ?? ""
        out += s.number == 0 ? "" : "<h2>\(s.number). \(HTMLPage.escape(s.title))\(clock)</h2>\n"
        out += "<div class=\"narration\">"
        for (i, line) in s.lines.enumerated() {
            switch line.style {
            case .blank, .heading: continue
            case .tableHeader, .table: continue  // the summary's text table: the page's tables say it
            default: break
            }
            let text = HTMLPage.escape(line.text)
            if let k = links[first + i] {
                out += "<div class=\"ln ln-\(line.style.rawValue) action\"><a class=\"tx-link\" href=\"#tx=\(k)&amp;step=0\" data-tx=\"\(k)\">\(text)</a></div>"
            } else {
                out += "<div class=\"ln ln-\(line.style.rawValue)\">\(text)</div>"
            }
        }
        out += "</div>\n"
        if !rows.isEmpty { out += table(rows, summary: summary) }
        return out + "</section>\n"
    }

    static func table(_ rows: [DemoSummaryRow], summary: DemoSummary) -> String {
        var out = "<table class=\"steps\"><thead><tr><th>#</th><th>step</th><th>supply</th><th>reserves</th><th>ratio</th><th>paused</th><th>result</th><th>gas</th></tr></thead><tbody>"
        for r in rows {
            let cells = [String(r.number), r.step, DemoFormat.units(r.supply, decimals: summary.decimals),
                         DemoFormat.units(r.reserves, decimals: summary.decimals),
                         DemoFormat.ratio(reserves: r.reserves, supply: r.supply), r.paused ? "yes" : "no", r.result, String(r.gasUsed)]
            out += "<tr class=\"\(r.succeeded ? "ok" : "refused")\(r.paused ? " paused" : "")\">"
                + cells.map { "<td>\(HTMLPage.escape($0))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>\n"
    }

    /// Row index → transaction: the last linked action line of the row's section that names the
    /// row's step after its verb ("500 BTC to alice"), else the last linked line before it.
    static func rowLinks(_ summary: DemoSummary, links: [Int: Int]) -> [Int: Int] {
        var actions: [Int: [(text: String, tx: Int)]] = [:]
        var index = 0
        for s in summary.sections {
            for (i, line) in s.lines.enumerated() { if let k = links[index + i] { actions[s.number, default: []].append((line.text, k)) } }
            index += s.lines.count
        }
        var out: [Int: Int] = [:]
        var used: Set<Int> = []
        for (i, r) in summary.rows.enumerated() {
            let candidates = (actions[r.section] ?? []).filter { !used.contains($0.tx) }
            let tail = r.step.split(separator: " ").dropFirst().joined(separator: " ")
            let pick = candidates.first { !tail.isEmpty && $0.text.contains(tail) } ?? candidates.last
            if let pick { out[i] = pick.tx; used.insert(pick.tx) }
        }
        return out
    }

    /// The step-through viewer, with a picker of every recorded transaction.
    /// The step-through viewer with every recorded transaction; the source texts their maps
    /// point into are collected in `sources` (written once per page).
    static func viewer(_ traces: [StepTrace], sources: inout [String: String]) -> String {
        var out = "<section id=\"viewer\" class=\"viewer\">\n<h2>Step through a transaction</h2>\n"
        if traces.isEmpty { return out + "<p>No transaction was recorded.</p>\n</section>\n" }
        out += "<label>Transaction <select id=\"tx-pick\">"
        for (i, t) in traces.enumerated() {
            let text = "\(i + 1). " + t.transaction.label + (t.caption.isEmpty ? "" : " — " + t.caption)
            out += "<option value=\"\(i)\">\(HTMLPage.escape(text))</option>"
        }
        out += "</select></label>\n" + TransactionPage.context + TransactionPage.controls + TransactionPage.panes
        for (i, t) in traces.enumerated() {
            out += "<script type=\"application/json\" data-tx=\"\(i)\">"
                + TransactionPageData.json(t, sourceLines: t.sourceLines(collecting: &sources)) + "</script>\n"
        }
        return out + "</section>\n"
    }
}
