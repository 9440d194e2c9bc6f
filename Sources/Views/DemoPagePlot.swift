import Foundation
import PoR

/// The demo's story over its own time as inline SVG (PlotFrame, StepLine): total supply and the
/// reserves the feed reports, as read back after each on-chain step (`DemoSummary.rows`); the
/// custodian's true reserves when the story is known (its numbers, changing as sections 4 and 8
/// start: the withdrawal, the recovery); the pause shaded from the first paused step to the
/// next unpaused one (or the end); and a marker per step (refused ones apart) that names it
/// and, when known, links its transaction.
struct DemoPagePlot {
    struct Pause: Equatable { var from: UInt64; var to: UInt64 }

    let rows: [DemoSummaryRow]
    /// The plot's time 0: the deployment (or the first step, if earlier).
    let start: UInt64
    let end: UInt64
    let supply: StepLine
    let reserves: StepLine
    let trueReserves: StepLine?
    let pauses: [Pause]
    let scale: Double
    let symbol: String

    init(_ summary: DemoSummary, story: DemoStory? = nil) {
        rows = summary.rows
        symbol = summary.symbol
        let scale = pow(10, Double(min(max(summary.decimals, 0), 36)))
        self.scale = scale
        let start = min(rows.map(\.time).min() ?? PoRDemo.startTime, PoRDemo.startTime)
        self.start = start
        let t = rows.map { $0.time - min($0.time, start) }
        let last = t.max() ?? 0
        // Room after the last step, so that its state (and a pause still on) has some width.
        end = last + max(last / 12, 60)
        supply = StepLine(times: t, values: rows.map { Double($0.supply) / scale })
        reserves = StepLine(times: t, values: rows.map { Double($0.reserves) / scale })
        trueReserves = story.map { story in
            func at(_ n: Int) -> UInt64? { summary.sections.first { $0.number == n }?.time.map { $0 - min($0, start) } }
            var points: [(UInt64, Double)] = [(0, Double(story.reserves) / scale)]
            if let t = at(4) { points.append((t, Double(story.droppedReserves) / scale)) }
            if let t = at(8) { points.append((t, Double(story.reserves) / scale)) }
            return StepLine(times: points.map(\.0), values: points.map(\.1))
        }
        pauses = Self.pauses(zip(t, rows.map(\.paused)).map { ($0, $1) }, end: end)
    }

    /// Paused intervals from (time, paused after the step) in time order.
    static func pauses(_ states: [(UInt64, Bool)], end: UInt64) -> [Pause] {
        var out: [Pause] = []
        var open: UInt64?
        for (t, paused) in states {
            if paused, open == nil { open = t }
            if !paused, let from = open { out.append(Pause(from: from, to: t)); open = nil }
        }
        if let from = open { out.append(Pause(from: from, to: end)) }
        return out
    }

    /// The SVG; `link(row index)` gives the transaction a marker opens, if any.
    func svg(link: (Int) -> Int?) -> String {
        let ranges = [supply.range, reserves.range, trueReserves?.range].compactMap { $0 }
        let lo = min(ranges.map(\.lowerBound).min() ?? 0, 0), hi = ranges.map(\.upperBound).max() ?? 1
        let frame = PlotFrame(t0: 0, t1: end, range: lo...hi)
        let n = PlotFrame.num
        var svg = "<svg id=\"demo-plot\" class=\"plot\" viewBox=\"0 0 \(n(frame.width)) \(n(frame.height))\" role=\"img\""
            + " aria-label=\"supply, reserves and the pause over the story's time\">"
        svg += frame.axes { String(format: "%.\(frame.tickDecimals)f", $0) + " " + symbol }
        svg += "<g id=\"demo-pauses\">"
        svg += frame.pauseBands(pauses.map { ($0.from, $0.to) }, minWidth: 2, title: "minting paused")
        svg += "</g><g id=\"demo-lines\">"
        if let trueReserves { svg += "<path class=\"line line-true\" d=\"\(frame.stepPath(trueReserves))\"/>" }
        svg += "<path class=\"line line-reserves\" d=\"\(frame.stepPath(reserves))\"/>"
        svg += "<path class=\"line line-supply\" d=\"\(frame.stepPath(supply))\"/>"
        svg += "</g><g id=\"demo-markers\">"
        for (i, r) in rows.enumerated() {
            let x = n(frame.x(r.time - min(r.time, start))), y = n(frame.y(Double(r.supply) / scale))
            let title = "<title>\(r.number). \(HTMLPage.escape(r.step)): \(HTMLPage.escape(r.result))</title>"
            let mark = r.succeeded
                ? "<circle class=\"step ok\" data-row=\"\(r.number)\" cx=\"\(x)\" cy=\"\(y)\" r=\"4\">\(title)</circle>"
                : "<path class=\"step refused\" data-row=\"\(r.number)\" d=\"M\(x) \(y)m-4 -4l8 8m0 -8l-8 8\">\(title)</path>"
            if let k = link(i) {
                svg += "<a class=\"tx-link\" href=\"#tx=\(k)&amp;step=0\" data-tx=\"\(k)\">\(mark)</a>"
            } else {
                svg += mark
            }
        }
        return svg + "</g></svg>"
    }

    var legend: String {
        var keys = trueReserves == nil ? [] : [Self.key("line-true", "true reserves (custodian)")]
        keys += [Self.key("line-reserves", "reserves as reported (feed)"), Self.key("line-supply", "total supply"),
                 "<span class=\"key\"><svg width=\"12\" height=\"12\"><circle class=\"step ok\" cx=\"6\" cy=\"6\" r=\"4\"/></svg>on-chain step</span>",
                 "<span class=\"key\"><svg width=\"12\" height=\"12\"><path class=\"step refused\" d=\"M2 2l8 8m0 -8l-8 8\"/></svg>refused</span>",
                 "<span class=\"key\"><svg width=\"16\" height=\"10\"><rect class=\"pause\" width=\"16\" height=\"10\"/></svg>minting paused</span>"]
        return "<div class=\"legend\">" + keys.joined() + "</div>\n"
    }

    static func key(_ cls: String, _ label: String) -> String {
        "<span class=\"key\"><svg width=\"22\" height=\"10\"><line class=\"line \(cls)\" x1=\"0\" x2=\"22\" y1=\"5\" y2=\"5\"/></svg>\(label)</span>"
    }
}
