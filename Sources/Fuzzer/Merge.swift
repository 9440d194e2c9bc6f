import Foundation
import Primitives

/// `porvm fuzz merge`: the summaries of several runs (the shards of one campaign, or runs with
/// other seeds) as one: calls and sequences added up, each property broken when any run broke
/// it (the shortest shrunk sequence kept), the corpora united.
public enum Merge {
    /// Why a merge input cannot be used (exit 2 in the tool).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Largest `summary.json` read.
    public static let maxSummaryBytes = 16 << 20

    /// Reads `<folder>/summary.json`.
    public static func summary(in folder: String) throws -> FuzzSummary {
        let path = (folder as NSString).appendingPathComponent(FuzzSummary.fileName)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(description: "'\(folder)' is not a folder")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "'\(folder)' has no \(FuzzSummary.fileName) (not the --out folder of a porvm fuzz run)")
        }
        let s: FuzzSummary
        do {
            let bytes = try BoundedFile_read(path)
            s = try JSONDecoder().decode(FuzzSummary.self, from: Data(bytes))
        } catch let e as Failure { throw e } catch {
            throw Failure(description: "'\(path)': not a fuzz summary (\(CorpusStore.reason(error)))")
        }
        guard s.format == FuzzSummary.currentFormat else {
            throw Failure(description: "'\(path)': format '\(s.format)', expected '\(FuzzSummary.currentFormat)'")
        }
        guard s.calls >= 0, s.sequences >= 0, s.seconds.isFinite, s.seconds >= 0, s.callsPerSecond.isFinite, s.callsPerSecond >= 0 else {
            throw Failure(description: "'\(path)': negative or non-finite figures")
        }
        return s
    }

    private static func BoundedFile_read(_ path: String) throws -> [UInt8] {
        do { return try BoundedFile.read(path, limit: maxSummaryBytes) } catch { throw Failure(description: "\(error)") }
    }

    /// The summaries as one. `corpus`: the merged corpus folder and its size, when written.
    public static func merge(_ runs: [FuzzSummary], corpus: String? = nil, corpusSize: Int = 0) -> FuzzSummary {
        var order: [String] = []
        var best: [String: PropertyOutcome] = [:]
        for r in runs {
            for p in r.properties {
                guard let have = best[p.property] else { order.append(p.property); best[p.property] = p; continue }
                // Broken beats holding; of two findings, the shorter sequence, then the earlier run.
                if p.broken && (!have.broken || (p.calls?.count ?? Int.max) < (have.calls?.count ?? Int.max)) {
                    best[p.property] = p
                }
            }
        }
        func unique(_ xs: [String]) -> [String] { var seen = Set<String>(); return xs.filter { seen.insert($0).inserted } }
        var coverage: [CoverageLine] = []
        // Coverage is per run: a merge lists each run's lines (a union of edge maps needs the maps).
        for (i, r) in runs.enumerated() {
            for c in r.coverage { coverage.append(CoverageLine(contract: c.contract, text: "\(c.text) (shard \(r.shards.first ?? "\(i)"))")) }
        }
        return FuzzSummary(config: unique(runs.map(\.config)).joined(separator: ", "),
                           preset: unique(runs.compactMap(\.preset)).first,
                           seeds: unique(runs.flatMap(\.seeds)), shards: unique(runs.flatMap(\.shards)),
                           calls: runs.reduce(0) { $0 &+ $1.calls }, sequences: runs.reduce(0) { $0 &+ $1.sequences },
                           seconds: runs.map(\.seconds).max() ?? 0, callsPerSecond: runs.reduce(0) { $0 + $1.callsPerSecond },
                           properties: order.compactMap { best[$0] }, coverage: coverage,
                           corpus: corpus, corpusSize: corpusSize)
    }
}
