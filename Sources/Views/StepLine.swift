/// A step function of time: each point's value holds until the next point's time. Only the
/// changes are kept (a constant line over a month is two points, not 4,000), and `bounded`
/// thins a busy line to a bounded number of points with min/max buckets, so that a long run's
/// page stays small while its spikes stay visible. A nil value is a gap (nothing to draw).
public struct StepLine {
    public struct Point: Equatable {
        public var t: UInt64
        public var v: Double?
    }

    public private(set) var points: [Point] = []

    /// From samples in time order; a point is kept only where the value changes.
    public init(times: [UInt64], values: [Double?]) {
        for (t, v) in zip(times, values) where points.last.map({ $0.v != v }) ?? true {
            points.append(Point(t: t, v: v))
        }
    }

    init(points: [Point]) { self.points = points }

    /// At most about `maxPoints` points: when there are more, time [from, to] is cut into
    /// maxPoints / 4 buckets and each keeps its first, lowest, highest and last point (a subset
    /// of the points, in time order, so every value drawn is one the run had).
    public func bounded(maxPoints: Int, from: UInt64, to: UInt64) -> StepLine {
        let buckets = max(1, maxPoints / 4)
        guard points.count > maxPoints, to > from else { return self }
        let width = (to - from) / UInt64(buckets) + 1
        var kept: [Point] = []
        kept.reserveCapacity(buckets * 4)
        var start = 0
        while start < points.count {
            let bucket = (points[start].t > from ? points[start].t - from : 0) / width
            var end = start
            var low: Int?, high: Int?
            while end < points.count, (points[end].t > from ? points[end].t - from : 0) / width == bucket {
                if let v = points[end].v {
                    if low.map({ v < (points[$0].v ?? v) }) ?? true { low = end }
                    if high.map({ v > (points[$0].v ?? v) }) ?? true { high = end }
                }
                end += 1
            }
            var picks = [start, end - 1]
            if let low { picks.append(low) }
            if let high { picks.append(high) }
            for i in Set(picks).sorted() where kept.last.map({ $0.v != points[i].v }) ?? true { kept.append(points[i]) }
            start = end
        }
        return StepLine(points: kept)
    }

    /// The value at time `t` (the last point at or before it), nil before the first point.
    public func value(at t: UInt64) -> Double? {
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid].t <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : points[lo - 1].v
    }

    /// The lowest and highest values (nil when there is none).
    public var range: ClosedRange<Double>? {
        let values = points.compactMap(\.v)
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return lo...hi
    }
}
