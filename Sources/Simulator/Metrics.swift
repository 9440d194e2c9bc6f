import UInt256

/// What a risk team asks of a run: how long a shortfall lasted before the pause, how much supply
/// was unbacked while minting was open, what the feed updates cost, how often a check led to one,
/// and why mints were refused.
public struct Metrics: Equatable {
    public var checks = 0
    /// Rounds without 2f + 1 observations.
    public var failedRounds = 0
    public var updates: [UpdateRule.Reason: Int] = [:]
    public var updateGas: UInt64 = 0
    public var transmitReverts = 0
    /// Writes of the Proof of Circulation feed (any reason).
    public var circulationUpdates = 0
    /// Their gas (kept out of `updateGas`, whose per-update figure is the reserve feed's).
    public var circulationGas: UInt64 = 0
    /// Seconds from the start of each shortfall (true reserves < supply) to the pause.
    public var shortfallToPause: [UInt64] = []
    /// Shortfalls that ended (reserves back or supply down) without a pause.
    public var shortfallsUnpaused = 0
    /// A shortfall still open and unpaused when the run ended: how long it had lasted (seconds).
    public var shortfallOpenAtEnd: UInt64?
    /// Circulation rounds without 2f + 1 readings of the other chain.
    public var failedCirculationRounds = 0
    /// The largest supply − true reserves seen while minting was open.
    public var maxUnbacked = U256.zero
    public var mintsRefused: [String: Int] = [:]
    public var mints = 0
    public var trips = 0
    /// When the breaker paused minting (simulated seconds).
    public var tripTimes: [UInt64] = []
    public var resets = 0
    public var upkeepGas: UInt64 = 0

    public var updateCount: Int { updates.values.reduce(0, +) }
    /// Share of checks that led to a feed update (0 when there were none).
    public var updateShare: Double { checks == 0 ? 0 : Double(updateCount) / Double(checks) }

    /// A shortfall still open: when it began.
    var shortfallSince: UInt64?

    /// Called after every event with the state it left; reserves and supply are constant until
    /// the next event, so maxima taken here are exact.
    mutating func observe(at t: UInt64, reserves: U256, supply: U256, paused: Bool) {
        let short = reserves < supply
        if short {
            if !paused, maxUnbacked < supply &- reserves { maxUnbacked = supply &- reserves }
            if pausedDuringShortfall {
                if paused { return }
                pausedDuringShortfall = false          // resumed while still short: a new episode
            }
            let since = shortfallSince ?? t
            if paused {
                shortfallToPause.append(t - since)
                shortfallSince = nil
                pausedDuringShortfall = true
            } else {
                shortfallSince = since
            }
        } else {
            if shortfallSince != nil { shortfallsUnpaused += 1 }
            shortfallSince = nil
            pausedDuringShortfall = false
        }
    }

    /// At the end of a run: a shortfall still open and unpaused is neither paused nor ended, so it
    /// is reported apart, with how long it had lasted.
    mutating func finish(at t: UInt64) {
        if let since = shortfallSince { shortfallOpenAtEnd = t - since }
    }

    /// The current shortfall has been met by a pause already (do not count it twice).
    var pausedDuringShortfall = false

    /// The closing summary, amounts in the feed's units with `decimals` places.
    public func summary(decimals: UInt64) -> [String] {
        let reasons = UpdateRule.Reason.allCases.map { "\($0.rawValue) \(updates[$0] ?? 0)" }.joined(separator: ", ")
        let refused = mintsRefused.isEmpty ? "none" : mintsRefused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let pauses = shortfallToPause.isEmpty ? "none" : shortfallToPause.map { "\($0) s" }.joined(separator: ", ")
        let share = (updateShare * 1000).rounded() / 10
        let perUpdate = updateCount == 0 ? "" : " (\(updateGas / UInt64(updateCount)) per update)"
        let unbacked = EventLog.decimal(maxUnbacked, Int(min(decimals, 77)))
        return [
            "checks: \(checks) (\(failedRounds) without quorum"
                + (failedCirculationRounds > 0 ? ", \(failedCirculationRounds) circulation rounds without quorum)" : ")"),
            "feed updates: \(updateCount) (\(reasons)), gas \(updateGas)\(perUpdate), \(share)% of checks",
            "shortfall to pause: \(pauses); shortfalls never paused: \(shortfallsUnpaused)"
                + (shortfallOpenAtEnd.map { "; still open and unpaused at the end, for \($0) s" } ?? ""),
            "largest unbacked supply while minting was open: \(unbacked)",
            "mints: \(mints) accepted; refused: \(refused)",
            "breaker: \(trips) tripped, \(resets) reset, upkeep gas \(upkeepGas)",
        ]
    }
}
