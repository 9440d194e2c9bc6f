import Foundation
import Simulator

/// `porvm simulate --html`: a finished run (recorded with `config.recordSeries`) as one
/// self-contained page: a header with the file, seed, duration and the network's parameters,
/// the summary metrics, the plots (SimulationPlots) and the event log beside them. Clicking a
/// log entry marks its time on the plots; hovering a plot reads the values at that time.
public enum SimulationPage {
    /// The page's HTML. `file` names the run's file and `name` its title (both shown, escaped);
    /// `unit` labels amounts (the reserve asset's unit word).
    public static func render(_ sim: Simulation, file: String, name: String? = nil, unit: String? = nil) -> String {
        let plots = SimulationPlots(sim, unit: unit)
        var page = HTMLPage(title: (name.map { $0 + " — " } ?? "") + "porvm simulate \(file)")
        page.styles = [PageStyle.base, SimulationPageScript.style]
        page.scripts = [SimulationPageScript.script]
        page.data = [("sim-data", plots.scriptData)]
        page.body = header(sim, file: file, name: name)
            + "<main>\n<section class=\"plots\">\n" + legend(plots) + plots.mainPlot()
            + "\n<div id=\"readout\" class=\"readout\" aria-live=\"polite\">Hover a plot to read the values; click a log entry to mark its time.</div>\n"
            + "<h2>Collateral ratio (true reserves / supply)</h2>\n" + plots.ratioPlot()
            + "\n<h2>Summary</h2>\n" + metrics(sim) + "</section>\n" + eventLog(sim) + "</main>"
        return page.render()
    }

    static func header(_ sim: Simulation, file: String, name: String?) -> String {
        let c = sim.config
        let params = [
            "seed \(c.seed)", "duration \(duration(c.duration))", "checks every \(duration(c.checkInterval))",
            "deviation \(percent(c.rule.deviationPPM))", "heartbeat \(duration(c.rule.heartbeat))",
            "\(c.nodes.count) nodes, f = \(c.f)", "automation every \(duration(c.automationInterval))",
            c.circulation == nil ? "one chain" : "two chains",
        ]
        let title = name.map { "<p class=\"name\">\(HTMLPage.escape($0))</p>" } ?? ""
        return "<header>\n<h1>porvm simulate <span class=\"file\">\(HTMLPage.escape(file))</span></h1>\n" + title
            + "<p class=\"params\">" + params.map { "<span>\(HTMLPage.escape($0))</span>" }.joined(separator: " · ") + "</p>\n</header>\n"
    }

    static func legend(_ plots: SimulationPlots) -> String {
        var items = plots.lines.map { "<span class=\"key\"><svg width=\"22\" height=\"10\"><line class=\"line line-\($0.key)\" x1=\"0\" x2=\"22\" y1=\"5\" y2=\"5\"/></svg>\(HTMLPage.escape($0.label))</span>" }
        items += [
            "<span class=\"key\"><svg width=\"12\" height=\"12\"><circle class=\"update update-first\" cx=\"6\" cy=\"6\" r=\"4.5\"/></svg>first write</span>",
            "<span class=\"key\"><svg width=\"12\" height=\"12\"><path class=\"update update-deviation\" d=\"M6 0.5L11 9.5H1Z\"/></svg>deviation update</span>",
            "<span class=\"key\"><svg width=\"12\" height=\"12\"><rect class=\"update update-heartbeat\" x=\"2.5\" y=\"2.5\" width=\"7\" height=\"7\"/></svg>heartbeat update</span>",
            "<span class=\"key\"><svg width=\"16\" height=\"10\"><rect class=\"pause\" width=\"16\" height=\"10\"/></svg>minting paused</span>",
        ]
        return "<div class=\"legend\">" + items.joined() + "</div>\n"
    }

    /// The closing summary as a two-column table ("feed updates" | "15 (first 1, ...)").
    static func metrics(_ sim: Simulation) -> String {
        var out = "<table class=\"metrics\">"
        for line in sim.summary {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let (key, value) = parts.count == 2 ? (parts[0], parts[1]) : ("", line)
            out += "<tr><th>\(HTMLPage.escape(key))</th><td>\(HTMLPage.escape(value))</td></tr>"
        }
        return out + "</table>\n"
    }

    /// One row per log entry: its clock time, its kind, its text.
    static func eventLog(_ sim: Simulation) -> String {
        var out = "<aside class=\"log\">\n<h2>Event log <span class=\"count\">(\(sim.log.entries.count))</span></h2>\n<ol id=\"log\">"
        for e in sim.log.entries {
            out += "<li class=\"ev ev-\(e.kind.rawValue)\" data-t=\"\(e.time)\" tabindex=\"0\"><time>\(EventLog.clock(e.time))</time>"
                + "<span class=\"kind\">\(e.kind.rawValue)</span><span class=\"text\">\(HTMLPage.escape(e.text))</span></li>\n"
        }
        return out + "</ol>\n</aside>\n"
    }

    /// "10 min", "1 d", "25 h", "90 s".
    static func duration(_ s: UInt64) -> String {
        if s > 0, s % 86_400 == 0 { return "\(s / 86_400) d" }
        if s > 0, s % 3_600 == 0 { return "\(s / 3_600) h" }
        if s > 0, s % 60 == 0 { return "\(s / 60) min" }
        return "\(s) s"
    }

    /// Parts per million as a percentage ("1%", "0.25%").
    static func percent(_ ppm: UInt64) -> String {
        let whole = ppm / 10_000, rest = ppm % 10_000
        guard rest != 0 else { return "\(whole)%" }
        var frac = String(rest)
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return "\(whole).\(frac)%"
    }
}
