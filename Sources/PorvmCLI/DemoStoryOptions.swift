import ArgumentParser
import PoR
import Primitives
import Scenario

/// The story's numbers a teacher may change: from a file (`--story`, YAML or JSON, read by the
/// scenario files' reader) and from options, which win over the file.
struct DemoStoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A file (YAML or JSON) with any of reserves, mints, withdrawal, heartbeat.", valueName: "file"))
    var story: String?
    @Option(help: ArgumentHelp("The custodian's reserves (`1000`, `1000 BTC`; default 1,000 BTC).", valueName: "amount"))
    var reserves: String?
    @Option(name: .customLong("mint"),
            help: ArgumentHelp("A mint of section 3, to alice, bob, carol… in turn; repeat it (default 500 then 400 BTC).", valueName: "amount"))
    var mints: [String] = []
    @Option(help: ArgumentHelp("What leaves the custodian's wallet (default 400 BTC).", valueName: "amount"))
    var withdrawal: String?
    @Option(help: ArgumentHelp("Maximum age of the feed's answer for token and breaker (`10 min`, `1 d`; default 24 h).", valueName: "duration"))
    var heartbeat: String?

    static let keys = ["reserves", "mints", "withdrawal", "heartbeat"]

    /// The story: the standard one, changed by the file, then by the options; checked.
    func resolve() throws -> DemoStory {
        var s = DemoStory.standard
        var lines: [String: Int] = [:]
        if let story { lines = try Self.read(story, into: &s) }
        do {
            if let reserves { s.reserves = try Self.amount(Doc.scalar(reserves, plain: true, line: nil), path: "reserves") }
            if !mints.isEmpty {
                s.mints = try mints.map { try Self.amount(Doc.scalar($0, plain: true, line: nil), path: "mint") }
            }
            if let withdrawal { s.withdrawal = try Self.amount(Doc.scalar(withdrawal, plain: true, line: nil), path: "withdrawal") }
            if let heartbeat { s.heartbeat = try Numbers.uint64(Doc.scalar(heartbeat, plain: true, line: nil), path: "heartbeat", time: true) }
        } catch let e as FieldError {
            throw CLIError("demo: --\(e.path ?? "?"): \(e.message)")
        }
        do { try s.validate() } catch let e as DemoStoryError {
            // Name where the number came from: the option, else the file (with the key's line).
            let key = e.field.hasPrefix("mints") ? "mints" : e.field
            let given = ["reserves": reserves != nil, "withdrawal": withdrawal != nil, "heartbeat": heartbeat != nil, "mints": !mints.isEmpty]
            if given[key] == true { throw CLIError("demo: " + (key == "mints" ? "--mint" : "--\(key)") + ": " + e.message) }
            if let story { throw CLIError(ScenarioError(file: story, field: e.field, line: lines[key], message: e.message).description) }
            throw CLIError("demo: " + e.description)
        }
        return s
    }

    /// Reads `path` into `story`; returns the line of each key given. Errors name file, line and field.
    static func read(_ path: String, into story: inout DemoStory) throws -> [String: Int] {
        let data: [UInt8]
        do { data = try BoundedFile.read(path, limit: Doc.maxFileSize) } catch {
            throw CLIError(ScenarioError(file: path, message: error == .cannotRead(path) ? "cannot read the file"
                                         : "larger than \(Doc.maxFileSize >> 20) MiB").description)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError(ScenarioError(file: path, message: "not UTF-8 text").description)
        }
        do {
            let doc = try Doc.read(text: text, isJSON: path.lowercased().hasSuffix(".json"))
            let top = try Fields(doc, path: "")
            try top.only(keys, in: "a demo story")
            var lines: [String: Int] = [:]
            for key in keys { if let l = top[key]?.line { lines[key] = l } }
            if let v = top["reserves"] { story.reserves = try amount(v, path: "reserves") }
            if let v = top["mints"] {
                if case .list(let items, _) = v {
                    story.mints = try items.enumerated().map { try amount($1, path: "mints[\($0)]") }
                } else {
                    story.mints = [try amount(v, path: "mints")]
                }
            }
            if let v = top["withdrawal"] { story.withdrawal = try amount(v, path: "withdrawal") }
            if let v = top["heartbeat"] { story.heartbeat = try Numbers.uint64(v, path: "heartbeat", time: true) }
            return lines
        } catch let e as FieldError {
            throw CLIError(ScenarioError(file: path, field: e.path, line: e.line, message: e.message).description)
        }
    }

    static func amount(_ v: Doc, path: String) throws -> UInt64 {
        let text = try Fields.string(v, path: path, what: "an amount of BTC")
        guard let a = DemoStory.amount(text) else {
            throw FieldError(path: path, line: v.line, message: "bad amount \"\(text)\" (BTC with at most 8 decimals: `500`, `12.5 BTC`)")
        }
        return a
    }
}
