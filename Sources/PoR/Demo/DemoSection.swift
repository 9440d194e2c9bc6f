/// One section of the demo as data (a page renders it; the terminal prints its lines): its
/// number and title, the chain's clock when it starts (nil for the introduction and the
/// summary), and its lines as the terminal shows them. The rows of `DemoSummary` with the same
/// `section` number are its on-chain steps: with their `time`, `supply`, `reserves` and
/// `paused` they are the story's time series.
public struct DemoSection: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var time: UInt64?
    public var lines: [DemoLine]

    public init(number: Int, title: String, time: UInt64?, lines: [DemoLine] = []) {
        self.number = number
        self.title = title
        self.time = time
        self.lines = lines
    }
}
