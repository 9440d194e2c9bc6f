import Foundation
import Simulator
import UInt256

/// What `porvm simulate` writes besides the event log: the CSV time series, the JSON object and
/// the `--sweep` table. Amounts are in the reserve asset's units with the feed's decimals.
enum SimulationOutput {
    /// "12.50000000": `v` with `decimals` places.
    static func decimal(_ v: U256, _ decimals: UInt64) -> String {
        let places = Int(min(decimals, 77))
        guard places > 0 else { return v.description }
        var digits = v.description
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -places)
        return digits[..<point] + "." + digits[point...]
    }

    /// True reserves / supply with 6 decimals; empty when there is no supply (or it overflows).
    static func ratio(_ reserves: U256, _ supply: U256) -> String {
        guard !supply.isZero else { return "" }
        let scaled = reserves.multipliedFullWidth(by: 1_000_000)
        guard scaled.high == 0 else { return "" }
        return decimal(scaled.low.div(supply), 6)
    }

    /// The supply columns: "supply" alone on one chain; the total, then each chain's, on two.
    static func supplyColumns(chains: Int) -> [String] {
        chains < 2 ? ["supply"] : ["supply", "supply_home"] + (1..<chains).map { $0 == 1 ? "supply_other" : "supply_chain_\($0 + 1)" }
    }

    /// One row per check: time, true reserves, each node's observation (empty: none), the
    /// on-chain answer (empty before the first), supply (per chain when there are two),
    /// collateral ratio, paused (0/1).
    static func csv(_ sim: Simulation) -> String {
        let d = sim.config.feedDecimals
        let nodes = (0..<sim.config.nodes.count).map { "node_\($0 + 1)" }
        let chains = sim.config.circulation == nil ? 1 : 2
        var lines = [(["time", "true_reserves"] + nodes + ["answer"] + supplyColumns(chains: chains)
                      + ["collateral_ratio", "paused"]).joined(separator: ",")]
        for s in sim.series {
            let observed = s.observations.map { $0.map { decimal($0, d) } ?? "" }
            let perChain = chains < 2 ? [] : s.supplyByChain.map { decimal($0, d) }
            let row = ["\(s.time)", decimal(s.trueReserves, d)] + observed + [s.answer.map { decimal($0, d) } ?? "", decimal(s.supply, d)]
                + perChain + [ratio(s.trueReserves, s.supply), s.paused ? "1" : "0"]
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The series as JSON rows (amounts as decimal strings; null where a node saw nothing).
    static func seriesObjects(_ sim: Simulation) -> [[String: Any]] {
        let d = sim.config.feedDecimals
        return sim.series.map { s in
            [
                "time": s.time, "true_reserves": decimal(s.trueReserves, d),
                "observations": s.observations.map { $0.map { decimal($0, d) as Any } ?? NSNull() },
                "answer": s.answer.map { decimal($0, d) as Any } ?? NSNull(),
                "supply": decimal(s.supply, d), "supply_by_chain": s.supplyByChain.map { decimal($0, d) },
                "collateral_ratio": ratio(s.trueReserves, s.supply), "paused": s.paused,
            ]
        }
    }

    static func metricsObject(_ m: Metrics, decimals: UInt64) -> [String: Any] {
        [
            "checks": m.checks, "failed_rounds": m.failedRounds,
            "updates": Dictionary(uniqueKeysWithValues: UpdateRule.Reason.allCases.map { ($0.rawValue, m.updates[$0] ?? 0) }),
            "update_count": m.updateCount, "update_gas": m.updateGas, "update_share": m.updateShare,
            "transmit_reverts": m.transmitReverts, "shortfall_to_pause": m.shortfallToPause,
            "shortfalls_unpaused": m.shortfallsUnpaused, "shortfall_open_at_end": m.shortfallOpenAtEnd.map { $0 as Any } ?? NSNull(),
            "failed_circulation_rounds": m.failedCirculationRounds, "circulation_updates": m.circulationUpdates,
            "circulation_gas": m.circulationGas, "max_unbacked": decimal(m.maxUnbacked, decimals),
            "mints": m.mints, "mints_refused": m.mintsRefused, "trips": m.trips, "trip_times": m.tripTimes,
            "resets": m.resets, "upkeep_gas": m.upkeepGas,
        ]
    }

    /// `{"file", "seed", "duration", "metrics": {...}, "events": [{time, clock, kind, text}, ...],
    /// "series": [{...}, ...]}`, keys sorted.
    static func json(_ sim: Simulation, file: String) -> String {
        let events: [[String: Any]] = sim.log.entries.map {
            ["time": $0.time, "clock": EventLog.clock($0.time), "kind": $0.kind.rawValue, "text": $0.text]
        }
        let object: [String: Any] = [
            "file": file, "seed": sim.config.seed, "duration": sim.config.duration, "event_count": sim.eventCount,
            "metrics": metricsObject(sim.metrics, decimals: sim.config.feedDecimals), "events": events,
            "series": seriesObjects(sim),
        ]
        return encode(object)
    }

    static func encode(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func sweepHeader(_ key: String) -> [String] {
        [key, "checks", "updates", "update gas", "update share", "shortfall to pause (max s)", "never paused",
         "max unbacked", "mints refused", "trips"]
    }

    static func sweepRow(_ value: String, _ m: Metrics, decimals: UInt64) -> [String] {
        let share = (m.updateShare * 1000).rounded() / 10
        return [value, "\(m.checks)", "\(m.updateCount)", "\(m.updateGas)", "\(share)%",
                m.shortfallToPause.max().map { "\($0)" } ?? "-", "\(m.shortfallsUnpaused)",
                decimal(m.maxUnbacked, decimals), "\(m.mintsRefused.values.reduce(0, +))", "\(m.trips)"]
    }

    static func sweepJSON(key: String, values: [String], rows: [[String]]) -> String {
        let header = sweepHeader(key)
        return encode(["sweep": key, "rows": rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0).map { ($0, $1) }) }] as [String: Any])
    }

    /// Columns padded to their widest cell, separated by two spaces.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
    }
}
