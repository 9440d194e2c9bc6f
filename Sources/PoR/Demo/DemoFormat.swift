import EVM
import Primitives
import UInt256

/// Formatting used by the demo's narration: token amounts with their decimals, shortened
/// addresses and hashes, gas with thousands separators, collateral ratios, UTC clock times.
public enum DemoFormat {
    /// `amount` base units of a token with `decimals` decimals, with thousands separators and
    /// without trailing zeros: 100_000_000_000 (8 decimals) → "1,000"; 99_995_000_000 → "999.95".
    public static func units(_ amount: U256, decimals: Int) -> String {
        units(decimalDigits: amount.description, decimals: decimals)
    }

    public static func units(_ amount: UInt64, decimals: Int) -> String {
        units(decimalDigits: String(amount), decimals: decimals)
    }

    static func units(decimalDigits digits: String, decimals: Int) -> String {
        let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
        let whole = String(padded.dropLast(decimals))
        var fraction = String(padded.suffix(decimals))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return grouped(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// "1234567" → "1,234,567".
    public static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    public static func gas(_ g: UInt64) -> String { grouped(String(g)) }

    /// "0x5fbdb2315678afecb367f032d93f642f64180aa3" → "0x5fbd…0aa3".
    public static func short(_ address: Address) -> String { shortHex(address.description) }

    /// Keeps "0x" + 4 hex digits, an ellipsis, and the last 4 hex digits.
    public static func shortHex(_ hex: String) -> String {
        guard hex.count > 12 else { return hex }
        return String(hex.prefix(6)) + "…" + String(hex.suffix(4))
    }

    /// Collateral ratio reserves / supply in hundredths of a percent, rounded down (the
    /// conservative side); nil when the supply is zero (any reserves cover nothing).
    public static func ratioHundredthsOfPercent(reserves: UInt64, supply: UInt64) -> UInt64? {
        guard supply > 0 else { return nil }
        // Demo amounts stay far below 2^64 / 10_000; the product is taken in 128 bits anyway.
        let (hi, lo) = reserves.multipliedFullWidth(by: 10_000)
        return supply.dividingFullWidth((hi, lo)).quotient
    }

    /// "111.11%", or "—" when the supply is zero.
    public static func ratio(reserves: UInt64, supply: UInt64) -> String {
        guard let r = ratioHundredthsOfPercent(reserves: reserves, supply: supply) else { return "—" }
        let cents = r % 100
        return grouped(String(r / 100)) + "." + (cents < 10 ? "0" : "") + String(cents) + "%"
    }

    /// Unix time → "2024-01-03 09:00:00 UTC" (proleptic Gregorian calendar, no time zone data).
    public static func utc(_ timestamp: UInt64) -> String {
        let days = Int64(timestamp / 86_400)
        let secondsOfDay = Int(timestamp % 86_400)
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) UTC"
    }

    /// "09:00 UTC" of a Unix time.
    public static func clock(_ timestamp: UInt64) -> String {
        String(utc(timestamp).dropFirst(11).prefix(5)) + " UTC"
    }

    /// Year, month, day of a day count since 1970-01-01 (days ≥ 0), by counting whole
    /// 400-year eras, then years inside the era with the leap-year rule.
    static func civilDate(daysSinceEpoch: Int64) -> (Int, Int, Int) {
        var days = daysSinceEpoch
        var year: Int64 = 1970
        let era: Int64 = 146_097                      // days in 400 Gregorian years
        year += 400 * (days / era)
        days %= era
        func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while days >= (isLeap(year) ? 366 : 365) {
            days -= isLeap(year) ? 366 : 365
            year += 1
        }
        let monthLengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while days >= Int64(monthLengths[month]) {
            days -= Int64(monthLengths[month])
            month += 1
        }
        return (Int(year), month + 1, Int(days) + 1)
    }

    /// Seconds as the largest whole unit: 86_400 → "24 h", 600 → "10 min", 90 → "90 s".
    public static func duration(_ seconds: UInt64) -> String {
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }

    /// Left-pads (right-aligns) `s` to `width` characters.
    public static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Right-pads (left-aligns) `s` to `width` characters.
    public static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
