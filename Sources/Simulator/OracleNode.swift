import Primitives
import UInt256

/// One node of the oracle network: how far its clock is off, how late its view of the sources is,
/// and when it misbehaves.
public struct OracleNode: Sendable, Equatable {
    /// Seconds the node's clock is off (negative: behind). A node behind true time samples that
    /// much earlier; a node ahead cannot sample later than the round itself.
    public var clockOffset: Int64
    /// How old the figure the node reads from a source is, in seconds.
    public var latency: UInt64
    /// Up to this many extra seconds of latency, drawn per observation from the seeded generator.
    public var latencyJitter: UInt64
    public var faults: [Fault]

    public init(clockOffset: Int64 = 0, latency: UInt64 = 0, latencyJitter: UInt64 = 0, faults: [Fault] = []) {
        self.clockOffset = clockOffset
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.faults = faults
    }

    public struct Fault: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The node takes no part in rounds.
            case offline
            /// The node's source view is frozen at what it saw when the fault began.
            case staleSource
            /// The node reports a wrong figure.
            case byzantine(WrongFigure)
        }
        public var kind: Kind
        /// [from, until) in simulated seconds.
        public var from: UInt64
        public var until: UInt64

        public init(_ kind: Kind, from: UInt64, until: UInt64 = .max) {
            self.kind = kind
            self.from = from
            self.until = until
        }

        func active(at t: UInt64) -> Bool { from <= t && t < until }
    }

    /// What a byzantine node reports.
    public enum WrongFigure: Sendable, Equatable {
        case fixed(U256)
        /// true reserves × ppm / 10^6 (e.g. 2_000_000 doubles them).
        case scaled(ppm: UInt64)
        /// true reserves × a random factor in [0, 2], from the seeded generator.
        case random
    }

    func isOffline(at t: UInt64) -> Bool {
        faults.contains { $0.active(at: t) && $0.kind == .offline }
    }

    /// The node's observation of `book` in the round at true time `t`; nil when it is offline or
    /// a source offers nothing usable.
    func observe(_ book: ReserveBook, at t: UInt64, random: inout SeededRandom) -> U256? {
        if isOffline(at: t) { return nil }
        let local = clockOffset < 0 ? t.subtractingSaturating(clockOffset.magnitude) : t
        var sample = local.subtractingSaturating(latency)
        if latencyJitter > 0 { sample = sample.subtractingSaturating(random.upTo(latencyJitter)) }
        for fault in faults where fault.active(at: t) && fault.kind == .staleSource {
            sample = min(sample, fault.from.subtractingSaturating(latency))
        }
        for fault in faults where fault.active(at: t) {
            // A byzantine node reports its wrong figure whatever the sources publish.
            if case .byzantine(let wrong) = fault.kind { return Self.wrong(wrong, book.total(at: sample), &random) }
        }
        return book.reading(at: sample)
    }

    static func wrong(_ figure: WrongFigure, _ truth: U256, _ random: inout SeededRandom) -> U256 {
        switch figure {
        case .fixed(let v): return v
        case .scaled(let ppm): return truth.scaledPPM(ppm)
        case .random: return truth.scaledPPM(random.upTo(2_000_000))
        }
    }
}

extension UInt64 {
    func subtractingSaturating(_ x: UInt64) -> UInt64 { self >= x ? self - x : 0 }
}

extension U256 {
    /// self × ppm / 10^6, saturating at the largest U256 (never traps).
    func scaledPPM(_ ppm: UInt64) -> U256 {
        let wide = multipliedFullWidth(by: ppm)
        if wide.high >= 1_000_000 { return U256(w0: .max, w1: .max, w2: .max, w3: .max) }
        // (high · 2^256 + low) / 10^6 with high < 10^6: divide limb by limb from the top.
        let limbs = [wide.high, wide.low.w3, wide.low.w2, wide.low.w1, wide.low.w0]
        var out = [UInt64](repeating: 0, count: 5)
        var rem: UInt64 = 0
        for (i, limb) in limbs.enumerated() {
            let (q, r) = UInt64(1_000_000).dividingFullWidth((high: rem, low: limb))
            out[i] = q
            rem = r
        }
        return U256(w0: out[4], w1: out[3], w2: out[2], w3: out[1])
    }
}
