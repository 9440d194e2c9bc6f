import Foundation

/// The geometry of one SVG plot: simulated time across, an amount up, both mapped to the
/// viewBox, with the axes' ticks and the step lines' paths. Coordinates are rounded to 0.1 so
/// that the page is small and the same run gives the same bytes.
public struct PlotFrame {
    public var width = 900.0, height = 320.0
    public var left = 84.0, right = 14.0, top = 10.0, bottom = 26.0
    public var t0: UInt64, t1: UInt64
    public var y0: Double, y1: Double
    /// The spacing of the value ticks (1, 2 or 5 times a power of ten).
    public var valueStep: Double

    /// A frame over [t0, t1] and the values in `range`, widened to round tick values.
    public init(t0: UInt64, t1: UInt64, range: ClosedRange<Double>, height: Double = 320) {
        self.t0 = t0
        self.t1 = max(t1, t0 + 1)
        self.height = height
        let span = range.upperBound - range.lowerBound
        let pad = span > 0 ? span * 0.05 : max(abs(range.upperBound) * 0.05, 1)
        let step = Self.niceStep((span + 2 * pad) / 6)
        valueStep = step
        y0 = ((range.lowerBound - pad) / step).rounded(.down) * step
        y1 = ((range.upperBound + pad) / step).rounded(.up) * step
        if range.lowerBound >= 0, y0 < 0 { y0 = 0 }
    }

    public func x(_ t: UInt64) -> Double {
        let c = t < t0 ? t0 : min(t, t1)
        return left + Double(c - t0) / Double(t1 - t0) * (width - left - right)
    }

    public func y(_ v: Double) -> Double {
        let c = min(max(v, y0), y1)
        return height - bottom - (c - y0) / (y1 - y0) * (height - top - bottom)
    }

    /// "M x y H x V y ..." drawing the step line until `t1`; a gap (nil) lifts the pen.
    public func stepPath(_ line: StepLine) -> String {
        var d = ""
        var penDown = false
        for p in line.points {
            let px = Self.num(x(p.t))
            if penDown { d += "H\(px)" }
            guard let v = p.v else { penDown = false; continue }
            d += penDown ? "V\(Self.num(y(v)))" : "M\(px) \(Self.num(y(v)))"
            penDown = true
        }
        if penDown { d += "H\(Self.num(x(t1)))" }
        return d
    }

    /// The frame, grid, time ticks (days or hours) and value ticks labelled by `label`.
    public func axes(label: (Double) -> String) -> String {
        let bottomY = height - bottom, plotRight = width - right
        var out = "<g class=\"axes\">"
        out += "<rect class=\"frame\" x=\"\(Self.num(left))\" y=\"\(Self.num(top))\" width=\"\(Self.num(plotRight - left))\" height=\"\(Self.num(bottomY - top))\"/>"
        let step = Self.timeStep(t1 - t0)
        var t = (t0 + step - 1) / step * step
        while t <= t1 {
            let px = Self.num(x(t))
            out += "<line class=\"grid\" x1=\"\(px)\" x2=\"\(px)\" y1=\"\(Self.num(top))\" y2=\"\(Self.num(bottomY))\"/>"
            out += "<text class=\"tick\" x=\"\(px)\" y=\"\(Self.num(bottomY + 16))\" text-anchor=\"middle\">\(step % 86_400 == 0 ? "\(t / 86_400)d" : Self.timeLabel(t))</text>"
            t += step
        }
        let vStep = valueStep
        var i = 0.0
        while y0 + i * vStep <= y1 + vStep * 1e-9, i <= 20 {
            let v = y0 + i * vStep, py = Self.num(y(v))
            out += "<line class=\"grid\" x1=\"\(Self.num(left))\" x2=\"\(Self.num(plotRight))\" y1=\"\(py)\" y2=\"\(py)\"/>"
            out += "<text class=\"tick\" x=\"\(Self.num(left - 6))\" y=\"\(py)\" dy=\"4\" text-anchor=\"end\">\(HTMLPage.escape(label(v)))</text>"
            i += 1
        }
        return out + "</g>"
    }

    /// The decimals a tick label needs for this frame's value step.
    public var tickDecimals: Int {
        let step = valueStep
        return step >= 1 ? 0 : min(12, Int((-log10(step)).rounded(.up)))
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let p = pow(10, log10(raw).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// A tick spacing in seconds giving at most about ten ticks.
    static func timeStep(_ span: UInt64) -> UInt64 {
        let steps: [UInt64] = [60, 300, 600, 1_800, 3_600, 7_200, 21_600, 43_200, 86_400, 172_800, 604_800,
                               1_209_600, 2_592_000, 7_776_000, 15_552_000, 31_536_000]
        return steps.first { span / $0 <= 10 } ?? span / 10 + 1
    }

    /// "3d", "12h", "3d 12h", "0:30".
    static func timeLabel(_ t: UInt64) -> String {
        let d = t / 86_400, h = t / 3_600 % 24, m = t / 60 % 60
        if m != 0 { return (d > 0 ? "\(d)d " : "") + "\(h):" + (m < 10 ? "0\(m)" : "\(m)") }
        if d == 0 { return "\(h)h" }
        return h == 0 ? "\(d)d" : "\(d)d \(h)h"
    }

    /// A coordinate with at most one decimal ("12", "12.5").
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(format: "%.0f", r) : String(format: "%.1f", r)
    }
}

extension PlotFrame {
    /// A shaded band per pause, full plot height, at least `minWidth` wide so a short pause
    /// still shows; `data-from`/`data-to` carry the times for the page's script and tests.
    func pauseBands(_ pauses: [(from: UInt64, to: UInt64)], minWidth: Double, title: String? = nil) -> String {
        let n = PlotFrame.num
        return pauses.map { p in
            let x0 = x(p.from), x1 = x(p.to)
            return "<rect class=\"pause\" data-from=\"\(p.from)\" data-to=\"\(p.to)\" x=\"\(n(x0))\" y=\"\(n(top))\""
                + " width=\"\(n(max(x1 - x0, minWidth)))\" height=\"\(n(height - top - bottom))\""
                + (title.map { "><title>\($0)</title></rect>" } ?? "/>")
        }.joined()
    }
}
