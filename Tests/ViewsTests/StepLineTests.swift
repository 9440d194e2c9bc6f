import Testing
@testable import Views

@Suite struct StepLineTests {
    @Test func keepsOnlyChanges() {
        let line = StepLine(times: [0, 10, 20, 30, 40], values: [1, 1, 2, 2, nil])
        #expect(line.points == [.init(t: 0, v: 1), .init(t: 20, v: 2), .init(t: 40, v: nil)])
        #expect(line.value(at: 19) == 1 && line.value(at: 20) == 2)
    }

    /// 100,000 changes thinned to at most the bound; the extremes survive and every point kept
    /// is one of the originals.
    @Test func boundedKeepsExtremes() {
        let n = 100_000
        let times = (0..<n).map { UInt64($0) * 60 }
        // A zig-zag with one spike up and one down far from the bucket edges.
        var values: [Double?] = (0..<n).map { (i: Int) -> Double? in Double(i % 7) }
        values[31_337] = 1_000
        values[77_777] = -1_000
        let line = StepLine(times: times, values: values)
        let thin = line.bounded(maxPoints: 2_000, from: 0, to: UInt64(n) * 60)
        #expect(thin.points.count <= 2_000)
        #expect(thin.range == -1_000...1_000)
        let original = Set(line.points.map { "\($0.t):\(String(describing: $0.v))" })
        #expect(thin.points.allSatisfy { original.contains("\($0.t):\(String(describing: $0.v))") })
        #expect(zip(thin.points, thin.points.dropFirst()).allSatisfy { $0.t < $1.t })
    }

    @Test func pathIsAStepFunction() {
        let frame = PlotFrame(t0: 0, t1: 100, range: 0...10)
        let d = frame.stepPath(StepLine(times: [0, 50], values: [0, 10]))
        // Move to the start, hold to t = 50, rise, hold to the end: M, H, V, H.
        #expect(d.filter { "MHV".contains($0) } == "MHVH")
        #expect(d.hasPrefix("M\(PlotFrame.num(frame.left)) \(PlotFrame.num(frame.y(0)))"))
    }
}
