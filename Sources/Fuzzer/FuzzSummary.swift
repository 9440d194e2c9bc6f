import Foundation

/// What a run (or a merge of runs) found, as `summary.json` in its `--out` folder: what
/// `porvm fuzz merge` reads from each shard and what the report card is written from.
public struct FuzzSummary: Codable, Equatable, Sendable {
    /// Format tag, so that a merge refuses files it does not know.
    public var format = FuzzSummary.currentFormat
    public static let currentFormat = "porvm-fuzz-summary/1"
    public var config: String
    public var preset: String?
    /// Decimal seeds (one per run; a merge lists each distinct seed once).
    public var seeds: [String]
    /// The runs' shards (`2/4`); an unsharded run is `0/1`.
    public var shards: [String]
    public var calls: Int
    public var sequences: Int
    /// Wall-clock seconds (a merge: the longest run, as shards run side by side).
    public var seconds: Double
    /// Summed over the runs (for a merge: the calls per second of all shards together).
    public var callsPerSecond: Double
    public var properties: [PropertyOutcome]
    /// One line per contract (`token: 112 of 340 edges`); empty when coverage was not measured.
    public var coverage: [CoverageLine]
    /// The corpus folder (`--corpus`), and how many sequences it held at the end.
    public var corpus: String?
    public var corpusSize: Int

    public init(config: String, preset: String? = nil, seeds: [String], shards: [String], calls: Int, sequences: Int,
                seconds: Double, callsPerSecond: Double, properties: [PropertyOutcome], coverage: [CoverageLine] = [],
                corpus: String? = nil, corpusSize: Int = 0) {
        self.config = config; self.preset = preset; self.seeds = seeds; self.shards = shards; self.calls = calls
        self.sequences = sequences; self.seconds = seconds; self.callsPerSecond = callsPerSecond
        self.properties = properties; self.coverage = coverage; self.corpus = corpus; self.corpusSize = corpusSize
    }

    public var broken: [PropertyOutcome] { properties.filter(\.broken) }
}

/// One property of a run: holding, or broken with its shrunk sequence.
public struct PropertyOutcome: Codable, Equatable, Sendable {
    public var property: String
    public var broken: Bool
    /// Why it does not hold (`1 < 1 is false`).
    public var message: String?
    /// The shrunk calls as text, addresses by name, with each call's outcome.
    public var calls: [String]?
    public var outcomes: [String]?
    /// The shrunk sequence itself (replayable; what a corpus stores).
    public var sequence: CallSequence?
    /// The scenario file that replays it.
    public var reproducer: String?
    /// Where it was found (`1/4`, seed `7`).
    public var shard: String?
    public var seed: String?

    public init(property: String, broken: Bool, message: String? = nil, calls: [String]? = nil, outcomes: [String]? = nil,
                sequence: CallSequence? = nil, reproducer: String? = nil, shard: String? = nil, seed: String? = nil) {
        self.property = property; self.broken = broken; self.message = message; self.calls = calls
        self.outcomes = outcomes; self.sequence = sequence; self.reproducer = reproducer; self.shard = shard; self.seed = seed
    }
}

/// Coverage of one contract, as the campaign reports it.
public struct CoverageLine: Codable, Equatable, Sendable {
    public var contract: String
    public var text: String
    public init(contract: String, text: String) { self.contract = contract; self.text = text }
}

extension FuzzSummary {
    /// The summary of one run. `show` writes addresses by name; `reproducers`: property → path.
    public init(_ r: CampaignResult, config: String, preset: String? = nil, seed: UInt64, shard: Shard,
                reproducers: [String: String], show: (String) -> String, coverage: [CoverageLine] = [],
                corpus: String? = nil, corpusSize: Int = 0) {
        let props = r.properties.map { p -> PropertyOutcome in
            guard let f = r.findings.first(where: { $0.property == p }) else { return PropertyOutcome(property: p, broken: false) }
            return PropertyOutcome(property: p, broken: true, message: f.message, calls: f.sequence.calls.map { show($0.text) },
                                   outcomes: f.outcomes.map(show), sequence: f.sequence, reproducer: reproducers[p],
                                   shard: shard.description, seed: "\(seed)")
        }
        self.init(config: config, preset: preset, seeds: ["\(seed)"], shards: [shard.description], calls: r.calls,
                  sequences: r.sequences, seconds: r.seconds, callsPerSecond: r.callsPerSecond, properties: props,
                  coverage: coverage, corpus: corpus, corpusSize: corpusSize)
    }

    public static let fileName = "summary.json"

    public func encoded() throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(self) + Data("\n".utf8)
    }

    /// Writes `<folder>/summary.json` (temp file and rename, like the corpus).
    public func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
