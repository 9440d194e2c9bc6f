import UInt256

/// The notable events of a run, one line each: reports transmitted and why, rounds that failed,
/// mints refused and why, the breaker tripping or resetting.
public struct EventLog {
    public private(set) var lines: [String] = []
    let decimals: Int

    init(decimals: UInt64) { self.decimals = Int(min(decimals, 77)) }

    mutating func note(_ t: UInt64, _ text: String) {
        lines.append(Self.clock(t) + "  " + text)
    }

    /// "3d 04:05:06": simulated time since the start.
    static func clock(_ t: UInt64) -> String {
        let d = t / 86_400, h = t / 3_600 % 24, m = t / 60 % 60, s = t % 60
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d)d \(two(h)):\(two(m)):\(two(s))"
    }

    /// An amount in the feed's units with its decimal point ("12.50000000").
    func amount(_ v: U256) -> String { Self.decimal(v, decimals) }

    static func decimal(_ v: U256, _ decimals: Int) -> String {
        guard decimals > 0 else { return v.description }
        var digits = v.description
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -decimals)
        return digits[..<point] + "." + digits[point...]
    }
}
