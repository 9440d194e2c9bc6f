import Foundation

/// One row of the demo's closing table: the state of the chain right after a step, as read
/// back from the contracts (not as the script expected it to be).
public struct DemoSummaryRow: Hashable, Sendable, Codable {
    /// Step number, from 1.
    public var number: Int
    /// What happened ("mint 500 BTC to alice").
    public var step: String
    /// `totalSupply()` of the token after the step, in base units.
    public var supply: UInt64
    /// The feed's latest answer after the step, in the token's base units.
    public var reserves: UInt64
    /// `paused()` of the token after the step.
    public var paused: Bool
    /// Whether the step's transaction succeeded (a refused mint is `false`).
    public var succeeded: Bool
    /// Short outcome ("minted", "refused: ReservesExceeded").
    public var result: String
    /// Gas used by the step's transaction.
    public var gasUsed: UInt64
    /// The chain's clock (Unix time) at the step, for plots over the story's time.
    public var time: UInt64 = 0
    /// The number of the section the step belongs to.
    public var section: Int = 0

    /// reserves / supply in hundredths of a percent (rounded down); nil for a zero supply.
    public var collateralRatioHundredthsOfPercent: UInt64? {
        DemoFormat.ratioHundredthsOfPercent(reserves: reserves, supply: supply)
    }
}

/// What the demo did: the table's rows, and the token's decimals and symbol to show them.
public struct DemoSummary: Hashable, Sendable {
    public var rows: [DemoSummaryRow]
    public var decimals: Int
    public var symbol: String
    /// The story's sections with their lines, in order (0 is the introduction), for a page.
    public var sections: [DemoSection] = []

    public init(rows: [DemoSummaryRow], decimals: Int, symbol: String) {
        self.rows = rows
        self.decimals = decimals
        self.symbol = symbol
    }

    /// The table as lines: a header, a rule, one line per row. With a `width`, a table wider
    /// than it narrows its text columns (result, then step) down to their longest word, their
    /// cells taking several lines.
    public func tableLines(width: Int? = nil) -> [DemoLine] {
        let headers = ["#", "step", "supply", "reserves", "ratio", "paused", "result"]
        let cells: [[String]] = rows.map { r in
            [String(r.number), r.step,
             DemoFormat.units(r.supply, decimals: decimals),
             DemoFormat.units(r.reserves, decimals: decimals),
             DemoFormat.ratio(reserves: r.reserves, supply: r.supply),
             r.paused ? "yes" : "no",
             r.result]
        }
        // Numbers right-aligned, text left-aligned.
        let rightAligned: Set<Int> = [0, 2, 3, 4]
        var widths = headers.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        if let width {
            for column in [6, 1] {
                let total = 2 + widths.reduce(0, +) + 2 * (widths.count - 1)
                guard total > width else { break }
                let longestWord = ([headers[column]] + cells.map { $0[column] })
                    .flatMap { $0.split(separator: " ").map(\.count) }.max() ?? 1
                widths[column] = max(longestWord, widths[column] - (total - width))
            }
        }
        func lines(_ row: [String]) -> [String] {
            // Each cell's lines (text cells wrap at spaces within their column).
            let parts = row.enumerated().map { i, c in c.count > widths[i] ? DemoWrap.fill(c, width: widths[i]) : [c] }
            let height = parts.map(\.count).max() ?? 1
            return (0..<height).map { k in
                let padded = parts.enumerated().map { i, p in
                    let c = k < p.count ? p[k] : ""
                    return rightAligned.contains(i) ? DemoFormat.right(c, widths[i]) : DemoFormat.left(c, widths[i])
                }
                var text = "  " + padded.joined(separator: "  ")
                while text.hasSuffix(" ") { text.removeLast() }
                return text
            }
        }
        var out = lines(headers).map { DemoLine(.tableHeader, $0) }
        out.append(DemoLine(.detail, "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")))
        for (row, r) in zip(cells, rows) {
            out += lines(row).map { DemoLine(r.succeeded ? .table : .refused, $0) }
        }
        out.append(DemoLine(.detail, "  supply and reserves in \(symbol); ratio = reserves / supply, rounded down"))
        return out
    }

    struct JSONRow: Codable {
        var step: Int
        var action: String
        var supply: String
        var supplyBaseUnits: String
        var reserves: String
        var reservesBaseUnits: String
        var collateralRatioPercent: String?
        var paused: Bool
        var succeeded: Bool
        var result: String
        var gasUsed: UInt64
    }

    struct JSONSummary: Codable {
        var symbol: String
        var decimals: Int
        var steps: [JSONRow]
    }

    /// The summary as pretty-printed JSON with sorted keys (the same bytes every run).
    /// Amounts are strings (exact decimals); the ratio is a string like "111.11", absent for a zero supply.
    public func json() throws -> String {
        let summary = JSONSummary(symbol: symbol, decimals: decimals, steps: rows.map { r in
            JSONRow(step: r.number, action: r.step,
                    supply: DemoFormat.units(r.supply, decimals: decimals).replacingOccurrences(of: ",", with: ""),
                    supplyBaseUnits: String(r.supply),
                    reserves: DemoFormat.units(r.reserves, decimals: decimals).replacingOccurrences(of: ",", with: ""),
                    reservesBaseUnits: String(r.reserves),
                    collateralRatioPercent: r.collateralRatioHundredthsOfPercent.map {
                        String($0 / 100) + "." + ($0 % 100 < 10 ? "0" : "") + String($0 % 100)
                    },
                    paused: r.paused, succeeded: r.succeeded, result: r.result, gasUsed: r.gasUsed)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
