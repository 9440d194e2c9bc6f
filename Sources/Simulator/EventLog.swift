import UInt256

/// The notable events of a run, one entry each: reports transmitted and why, rounds that failed,
/// mints refused and why, the breaker tripping or resetting. Entries keep their time and kind so
/// that a page can mark them on its plots; `lines` is the text the terminal shows.
public struct EventLog {
    /// What an entry is about (a page marks updates and pauses by kind).
    public enum Kind: String, Sendable, CaseIterable {
        case reserves, report, circulationReport, roundFailed, reportRefused
        case mintRefused, userFailed, tripped, reset, upkeepFailed, addressList, bridge, source
    }

    public struct Entry: Equatable, Sendable {
        public var time: UInt64
        public var kind: Kind
        public var text: String
        /// "3d 04:05:06  text", as printed.
        public var line: String { EventLog.clock(time) + "  " + text }
    }

    public private(set) var entries: [Entry] = []
    /// Called with each entry as it is noted (the CLI prints the log while the run goes on).
    var onEntry: ((Entry) -> Void)?
    let decimals: Int

    init(decimals: UInt64) { self.decimals = Int(min(decimals, 77)) }

    public var lines: [String] { entries.map(\.line) }

    mutating func note(_ t: UInt64, _ kind: Kind, _ text: String) {
        let entry = Entry(time: t, kind: kind, text: text)
        entries.append(entry)
        onEntry?(entry)
    }

    /// "3d 04:05:06": simulated time since the start.
    public static func clock(_ t: UInt64) -> String {
        let d = t / 86_400, h = t / 3_600 % 24, m = t / 60 % 60, s = t % 60
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d)d \(two(h)):\(two(m)):\(two(s))"
    }

    /// An amount in the feed's units with its decimal point ("12.50000000").
    func amount(_ v: U256) -> String { Self.decimal(v, decimals) }

    public static func decimal(_ v: U256, _ decimals: Int) -> String {
        guard decimals > 0 else { return v.description }
        var digits = v.description
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -decimals)
        return digits[..<point] + "." + digits[point...]
    }
}
