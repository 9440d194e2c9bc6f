import Foundation
import Simulator
import UInt256

/// The plots of a finished run as inline SVG: true reserves, the on-chain answer and supply
/// (each chain's too when there are two) as step lines, a marker at every feed update (shape
/// and colour by reason), the pauses shaded from each trip to the next reset or the end, and a
/// smaller plot of the collateral ratio with its 100% line. Drawn in Swift so that the page is
/// deterministic, testable, and readable with scripts off; the script only adds interaction.
public struct SimulationPlots {
    /// A line of the main plot: its CSS class, its legend label, and its points.
    public struct Line {
        public var key: String
        public var label: String
        public var line: StepLine
    }

    /// A feed update: when, the figure written and why.
    public struct Update: Equatable {
        public var time: UInt64
        public var value: Double?
        public var reason: String
    }

    public static let maxPointsPerLine = 2_000

    public let end: UInt64
    public let decimals: Int
    public let unit: String
    public let lines: [Line]
    public let ratio: StepLine
    public let updates: [Update]
    /// Paused intervals [from, to): a trip to the next reset, or to the end of the run.
    public let pauses: [(from: UInt64, to: UInt64)]

    public init(_ sim: Simulation, unit: String?) {
        end = sim.config.duration
        decimals = Int(min(sim.config.feedDecimals, 36))
        self.unit = unit ?? ""
        let series = sim.series, times = series.map(\.time)
        let scale = pow(10, Double(decimals))
        func amount(_ v: U256) -> Double { (Double(v.description) ?? 0) / scale }
        func line(_ key: String, _ label: String, _ values: [Double?]) -> Line {
            Line(key: key, label: label, line: StepLine(times: times, values: values))
        }
        var all = [
            line("reserves", "true reserves", series.map { amount($0.trueReserves) }),
            line("answer", "reported (on-chain answer)", series.map { $0.answer.map(amount) }),
            line("supply", "total supply", series.map { amount($0.supply) }),
        ]
        if sim.config.circulation != nil {
            all.append(line("supply-home", "supply, home chain", series.map { $0.supplyByChain.first.map(amount) }))
            all.append(line("supply-other", "supply, other chain", series.map { $0.supplyByChain.dropFirst().first.map(amount) }))
        }
        // Updates take the figure from the series: the sample at the report's check holds it.
        let answers = all[1].line
        updates = sim.log.entries.filter { $0.kind == .report }.map {
            Update(time: $0.time, value: answers.value(at: $0.time), reason: Self.reason($0.text))
        }
        lines = all.map { Line(key: $0.key, label: $0.label, line: $0.line.bounded(maxPoints: Self.maxPointsPerLine, from: 0, to: sim.config.duration)) }
        ratio = StepLine(times: times, values: series.map { s in
            s.supply.isZero ? nil : amount(s.trueReserves) / amount(s.supply) * 100
        }).bounded(maxPoints: Self.maxPointsPerLine, from: 0, to: sim.config.duration)
        var found: [(UInt64, UInt64)] = []
        var open: UInt64?
        for e in sim.log.entries {
            if e.kind == .tripped, open == nil { open = e.time }
            if e.kind == .reset, let from = open { found.append((from, e.time)); open = nil }
        }
        if let from = open { found.append((from, sim.config.duration)) }
        pauses = found
    }

    /// "first", "deviation" or "heartbeat" from "report transmitted (deviation): ...".
    static func reason(_ text: String) -> String {
        for r in UpdateRule.Reason.allCases where text.hasPrefix("report transmitted (\(r.rawValue))") { return r.rawValue }
        return "other"
    }

    /// "950.5 BTC" with the decimals a tick needs.
    func label(_ v: Double, decimals places: Int) -> String {
        String(format: "%.\(places)f", v) + (unit.isEmpty ? "" : " " + unit)
    }

    /// The main plot: pauses under the lines, markers over them, and the two vertical lines
    /// (the clicked time, the hovered time) the script moves.
    public func mainPlot() -> String {
        let ranges = lines.compactMap(\.line.range)
        let lo = ranges.map(\.lowerBound).min() ?? 0, hi = ranges.map(\.upperBound).max() ?? 1
        let frame = PlotFrame(t0: 0, t1: end, range: lo...hi)
        var svg = svgOpen(id: "plot", frame, label: "reserves, reported reserves and supply over time")
        svg += frame.axes { label($0, decimals: frame.tickDecimals) }
        svg += "<g id=\"pauses\">"
        svg += frame.pauseBands(pauses, minWidth: 1)
        svg += "</g><g id=\"lines\">"
        for l in lines { svg += "<path class=\"line line-\(l.key)\" data-key=\"\(l.key)\" d=\"\(frame.stepPath(l.line))\"/>" }
        svg += "</g><g id=\"markers\">"
        for u in updates { svg += marker(u, frame) }
        svg += "</g>" + cursors(frame) + "</svg>"
        return svg
    }

    /// The collateral ratio (true reserves / supply, %) with the 100% line.
    public func ratioPlot() -> String {
        let r = ratio.range ?? 100...100
        // Very large ratios (little supply yet) would flatten the interesting part: cap at 300%.
        let frame = PlotFrame(t0: 0, t1: end, range: min(r.lowerBound, 100)...max(min(r.upperBound, 300), 100), height: 150)
        var svg = svgOpen(id: "ratio-plot", frame, label: "collateral ratio over time")
        svg += frame.axes { String(format: "%.\(frame.tickDecimals)f%%", $0) }
        svg += "<g id=\"ratio-pauses\">"
        for p in pauses {
            svg += "<rect class=\"pause\" x=\"\(PlotFrame.num(frame.x(p.from)))\" y=\"\(PlotFrame.num(frame.top))\" width=\"\(PlotFrame.num(max(frame.x(p.to) - frame.x(p.from), 1)))\" height=\"\(PlotFrame.num(frame.height - frame.top - frame.bottom))\"/>"
        }
        let y100 = PlotFrame.num(frame.y(100))
        svg += "</g><line class=\"full\" x1=\"\(PlotFrame.num(frame.left))\" x2=\"\(PlotFrame.num(frame.width - frame.right))\" y1=\"\(y100)\" y2=\"\(y100)\"/>"
        svg += "<path class=\"line line-ratio\" d=\"\(frame.stepPath(ratio))\"/>"
        return svg + cursors(frame) + "</svg>"
    }

    private func svgOpen(id: String, _ frame: PlotFrame, label: String) -> String {
        "<svg id=\"\(id)\" class=\"plot\" viewBox=\"0 0 \(PlotFrame.num(frame.width)) \(PlotFrame.num(frame.height))\""
            + " data-left=\"\(PlotFrame.num(frame.left))\" data-right=\"\(PlotFrame.num(frame.width - frame.right))\""
            + " data-t0=\"\(frame.t0)\" data-t1=\"\(frame.t1)\" role=\"img\" aria-label=\"\(label)\">"
    }

    private func cursors(_ frame: PlotFrame) -> String {
        let y0 = PlotFrame.num(frame.top), y1 = PlotFrame.num(frame.height - frame.bottom)
        return "<line class=\"cursor\" x1=\"-10\" x2=\"-10\" y1=\"\(y0)\" y2=\"\(y1)\"/><line class=\"hover\" x1=\"-10\" x2=\"-10\" y1=\"\(y0)\" y2=\"\(y1)\"/>"
    }

    /// A circle for the first write, a triangle for a deviation, a square for a heartbeat.
    private func marker(_ u: Update, _ frame: PlotFrame) -> String {
        let x = frame.x(u.time), y = u.value.map(frame.y) ?? frame.height - frame.bottom
        let common = "class=\"update update-\(u.reason)\" data-t=\"\(u.time)\""
        let n = PlotFrame.num
        switch u.reason {
        case "first": return "<circle \(common) cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\"/>"
        case "deviation": return "<path \(common) d=\"M\(n(x)) \(n(y - 5.5))L\(n(x + 5)) \(n(y + 3.5))H\(n(x - 5))Z\"/>"
        default: return "<rect \(common) x=\"\(n(x - 3.5))\" y=\"\(n(y - 3.5))\" width=\"7\" height=\"7\"/>"
        }
    }

    /// What the script needs for the hover readout: each line's points as [t, v] pairs.
    public var scriptData: [String: Any] {
        var out: [[String: Any]] = lines.map { l in
            ["key": l.key, "label": l.label,
             "points": l.line.points.map { [Double($0.t), $0.v.map { $0 as Any } ?? NSNull()] as [Any] }]
        }
        out.append(["key": "ratio", "label": "collateral ratio (%)",
                    "points": ratio.points.map { [Double($0.t), $0.v.map { $0 as Any } ?? NSNull()] as [Any] }])
        return ["decimals": min(decimals, 8), "unit": unit, "end": end, "lines": out]
    }
}
