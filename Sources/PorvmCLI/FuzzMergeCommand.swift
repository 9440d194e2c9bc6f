import ArgumentParser
import Foundation
import Fuzzer
import Primitives

/// `porvm fuzz merge`: the shards of a campaign (or runs with other seeds) as one corpus, one
/// summary and one report.
struct FuzzMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porvm fuzz merge",
        abstract: "Merge the --out folders of fuzz runs (shards): one corpus, one summary, one report.",
        discussion: """
        Each FOLDER is the --out folder of a `porvm fuzz` run, holding its summary.json; the corpus
        folder it names (--corpus of that run) is merged too, and so is each --corpus given here.
        Writes <out>/summary.json (itself a merge input) and <out>/corpus/, one file per distinct
        sequence. Exit 0: no run broke a property; 1: one did; 2: bad input.
        """)

    @Argument(help: "The --out folders of the runs to merge.") var folders: [String] = []
    @Option(help: "Folder for the merged summary.json and corpus/.") var out = "fuzz-merged"
    @Option(name: .customLong("corpus"), help: "A further corpus folder to merge (repeatable).") var corpora: [String] = []
    @Option(help: "Write a Markdown report card to this file.") var report: String?
    @Flag(help: "Print the merged summary as JSON on stdout instead of text.") var json = false

    /// Most folders one merge reads.
    static let maxFolders = 4096

    func validate() throws {
        if folders.isEmpty { throw CLIError("fuzz merge: give at least one --out folder of a fuzz run") }
        if folders.count > Self.maxFolders { throw CLIError("fuzz merge: more than \(Self.maxFolders) folders") }
    }

    func run() throws {
        // Warnings are printed once nothing can fail any more: an exit 2 stays one line.
        var warnings: [String] = []
        var runs: [FuzzSummary] = []
        for f in folders {
            do { runs.append(try Merge.summary(in: f)) } catch let e as Merge.Failure { throw CLIError("fuzz merge: \(e.description)") }
        }
        if Set(runs.map(\.config)).count > 1 { warnings.append("fuzz merge: the runs come from different configs") }
        // Each corpus folder once, whether named by several summaries or given again here.
        var folderSet: [String] = []
        for c in runs.compactMap(\.corpus) + corpora.map(FuzzCommand.absolute) where !folderSet.contains(c) { folderSet.append(c) }
        for dir in folderSet {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError("fuzz merge: corpus folder '\(dir)' is missing")
            }
        }
        let merged = Corpus()
        for dir in folderSet {
            do {
                let (sequences, skipped) = try CorpusStore(dir).load()
                warnings += skipped
                for s in sequences { merged.add(s) }
            } catch let e as CorpusStoreError { throw CLIError("fuzz merge: \(e.description)") }
        }
        // Findings' sequences belong in the corpus too (a shard may have run without --corpus).
        for r in runs { for p in r.properties { if let s = p.sequence, s.calls.count <= CorpusStore.maxCalls { merged.add(s) } } }
        let corpusDir = (out as NSString).appendingPathComponent("corpus")
        do { try CorpusStore(corpusDir).save(merged.sequences) } catch {
            throw CLIError("fuzz merge: cannot write the merged corpus '\(corpusDir)': \(error)")
        }
        let summary = Merge.merge(runs, corpus: FuzzCommand.absolute(corpusDir), corpusSize: merged.count)
        do { try summary.write(to: out) } catch {
            throw CLIError("fuzz merge: cannot write \(FuzzSummary.fileName) in '\(out)': \(error.localizedDescription)")
        }
        if let report { try FuzzCommand.writeReport(summary, to: report) }
        warnings.forEach(warn)
        if json {
            say(String(decoding: (try? summary.encoded()) ?? Data(), as: UTF8.self).replacingOccurrences(of: "\n", with: " "))
        } else {
            printText(summary)
        }
        if !summary.broken.isEmpty { throw ExitStatus(code: 1) }
    }

    /// Summaries are files from elsewhere: what they say is printed with control characters escaped.
    private func printText(_ s: FuzzSummary) {
        let say = { (t: String) in PorvmCLI.say(MessageText.printable(t)) }
        say("merged \(folders.count) run\(folders.count == 1 ? "" : "s") (shards \(s.shards.joined(separator: ", ")); seeds \(s.seeds.joined(separator: ", "))): \(s.calls) calls, \(s.sequences) sequences, \(Report.whole(s.callsPerSecond)) calls/s together")
        for p in s.properties {
            guard p.broken else { say("✓ \(p.property): holds in every run"); continue }
            say("✗ \(p.property): broken (\(p.message ?? "?")) by shard \(p.shard ?? "?"), \(p.calls?.count ?? 0) calls:")
            for (i, c) in (p.calls ?? []).enumerated() { say("  \(i + 1) \(c) → \(i < (p.outcomes?.count ?? 0) ? p.outcomes?[i] ?? "" : "")") }
            if let r = p.reproducer { say("  reproducer: \(r)") }
        }
        say("corpus: \(s.corpusSize) sequences in \(s.corpus ?? "?")")
    }
}
