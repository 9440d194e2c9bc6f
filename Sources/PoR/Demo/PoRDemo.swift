import ABI
import EVM
import Harness
import Primitives
import UInt256

/// `porvm demo`: a narrated, deterministic walk-through of the Proof of Reserve guard rails.
///
/// A custodian issues a WBTC-like token (8 decimals) against the bitcoin it holds. An oracle
/// committee (4 oracles, f = 1) reports the reserves to the feed; the token refuses mints past
/// them; a Chainlink Automation-style circuit breaker pauses minting when reserves fall short
/// and resumes it when they are back. Keys come from fixed names, the clock is set with
/// `warp`/`roll`, amounts come from a `DemoStory` (the standard one unless a teacher changes
/// it): every run of the same story produces the same lines.
///
/// The demo produces its narration through a callback, one `DemoLine` at a time, and returns
/// the summary (the state read back from the contracts after each step, and the sections).
public enum PoRDemo {
    /// Decimals of the token and of the feed's answers.
    public static let decimals = 8
    /// One BTC in base units (satoshis).
    public static let btc: UInt64 = 100_000_000
    public static let symbol = "BTC"
    /// 2024-01-03 09:00:00 UTC, the clock when the contracts are deployed.
    public static let startTime: UInt64 = 1_704_272_400
    public static let startBlock: UInt64 = 19_000_000
    /// Seconds per block when the demo moves the clock.
    public static let blockTime: UInt64 = 12
    /// Width of the section headings when nobody asks for narrower ones.
    public static let headingWidth = 92

    /// The standard story's amounts, in base units.
    public enum Amounts {
        public static let initialReserves = 1_000 * btc
        public static let aliceMint = 500 * btc
        public static let bobMint = 400 * btc
        /// What the custodian still holds after 400 BTC left its wallet.
        public static let droppedReserves = 600 * btc
        /// A mint the token refuses because it would exceed the reserves.
        public static let refusedMint = 10 * btc
        /// A mint refused because minting is paused.
        public static let pausedMint = 1 * btc
        /// What alice redeems (burns) while minting is paused.
        public static let redeem = 100 * btc
        /// What bob sends carol while minting is paused.
        public static let transfer = 25 * btc
        public static let restoredReserves = 1_000 * btc
        public static let finalMint = 50 * btc
    }

    /// What each oracle observes in the standard story (committee order: oracle1…oracle4), per
    /// report, in base units. In the second report oracle4 still sees the old figure: the median ignores it.
    public enum Observations {
        public static let first: [UInt64] = [100_000_000_000, 99_995_000_000, 100_002_000_000, 100_000_000_000]
        public static let second: [UInt64] = [60_000_000_000, 59_998_000_000, 60_000_000_000, 100_000_000_000]
        public static let third: [UInt64] = [100_000_000_000, 100_000_000_000, 99_999_000_000, 100_001_000_000]
    }

    /// Runs `story` (checked first: `DemoStoryError`) on a fresh chain, calling `emit` for every
    /// line of narration; `watchers` see every transaction (`porvm demo --trace DIR`, `--call-tree`).
    /// `width` is the terminal's (nil: none): headings are at most that wide (and at most
    /// `headingWidth`), the summary table narrows to it; the caller wraps the other lines (`DemoWrap`).
    /// Throws when the compiled contracts cannot be found (`HarnessError.fileNotFound`) or
    /// when the chain does not behave as the contracts' rules say (`DemoError`).
    @discardableResult
    public static func run(story: DemoStory = .standard, width: Int? = nil,
                           watchers: [any TransactionWatcher] = [], _ emit: (DemoLine) -> Void) throws -> DemoSummary {
        try story.validate()
        return try withoutActuallyEscaping(emit) { emit in
            let runner = try DemoRunner(story: story, emit: emit, watchers: watchers, width: width.map { min(max($0, DemoWrap.widths.lowerBound), DemoWrap.widths.upperBound) })
            try runner.play()
            var summary = DemoSummary(rows: runner.rows, decimals: decimals, symbol: symbol)
            summary.sections = runner.sections
            return summary
        }
    }

    /// The demo's lines, collected.
    public static func lines(story: DemoStory = .standard) throws -> (lines: [DemoLine], summary: DemoSummary) {
        var lines = [DemoLine]()
        let summary = try run(story: story) { lines.append($0) }
        return (lines, summary)
    }
}

/// The chain did something the contracts' rules do not allow (a transmit reverted...).
public struct DemoError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
