import UInt256

/// One row of the time series, taken at every check: what was true, what each node saw, what the
/// chain said (the CSV, JSON and HTML outputs).
public struct Sample: Equatable {
    public var time: UInt64
    public var trueReserves: U256
    /// Per node; nil when it made no observation.
    public var observations: [U256?]
    /// The feed's answer as last written by the network (nil before the first write).
    public var answer: U256?
    public var supply: U256
    /// The home chain's supply, then the other chain's when there is one.
    public var supplyByChain: [U256]
    public var paused: Bool
}
