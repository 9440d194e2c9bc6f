import Primitives
import Scenario
import UInt256

/// A simulation file (YAML or JSON) read into a `SimulationConfig`. Times take units (`10 min`,
/// `3 d`; a bare number is seconds), amounts are whole units of the reserve asset with decimals
/// (`12.5 BTC`, `100 oz`; the unit word, when given, must be the file's `unit`), scaled to the
/// feed's decimals. Keys are documented in README.md, "Simulating the oracle network".
/// Every error names the file, line and field (`ScenarioError`).
public enum SimulationFile {
    /// Bounds that keep any file's run finite and its memory small.
    public static let maxDuration: UInt64 = 5 * 366 * 86_400
    public static let maxTicks: UInt64 = 1_000_000
    public static let maxListItems = 10_000

    static let topKeys = ["name", "seed", "duration", "genesis", "unit", "check_interval", "deviation", "heartbeat",
                          "automation_interval", "automation_phase", "nodes", "f", "contract_heartbeat", "feed_decimals",
                          "margin_bps", "sources", "users", "random_users", "address_list", "circulation"]

    /// Reads and checks `path`.
    /// `duration`, when given, replaces the file's (`--until`) before anything is built from it, so
    /// that sources generated over the run (attestation statements) cover the whole of it.
    public static func load(_ path: String, duration: UInt64? = nil) throws -> SimulationConfig {
        let data: [UInt8]
        do { data = try BoundedFile.read(path, limit: Doc.maxFileSize) } catch {
            throw ScenarioError(file: path, message: error == .cannotRead(path) ? "cannot read the file"
                                : "larger than \(Doc.maxFileSize >> 20) MiB")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw ScenarioError(file: path, message: "not UTF-8 text") }
        return try parse(text: text, path: path, duration: duration)
    }

    /// Checks file text; `path` names it in messages.
    public static func parse(text: String, path: String, duration: UInt64? = nil) throws -> SimulationConfig {
        do {
            let doc = try Doc.read(text: text, isJSON: path.lowercased().hasSuffix(".json"))
            return try config(doc, duration: duration)
        } catch let e as FieldError {
            throw ScenarioError(file: path, field: e.path, line: e.line, message: e.message)
        } catch let e as SimulationError {
            throw ScenarioError(file: path, message: e.message)
        }
    }

    static func config(_ doc: Doc, duration: UInt64? = nil) throws -> SimulationConfig {
        let top = try Fields(doc, path: "")
        try top.only(topKeys, in: "the simulation")
        var c = SimulationConfig()
        if let v = top["feed_decimals"] { c.feedDecimals = UInt64(try Numbers.smallInt(v, path: "feed_decimals", range: 0...36)) }
        let amounts = Amounts(unit: try top.optionalString("unit", what: "the reserve asset's unit"), decimals: Int(c.feedDecimals))
        if let v = top["seed"] { c.seed = try Numbers.uint64(v, path: "seed") }
        if let v = top["duration"] { c.duration = try time(v, "duration", max: maxDuration) }
        // Sources are built over the longer of the file's duration and `--until`'s: a shorter run
        // keeps the file valid (a fault at a late statement), a longer one gets statements to its end.
        let sourcesUntil = max(c.duration, duration ?? 0)
        if let duration { c.duration = duration }
        c.name = try top.optionalString("name", what: "a title")
        c.unit = try top.optionalString("unit", what: "the reserve asset's unit")
        if let v = top["genesis"] { c.genesis = try Numbers.uint64(v, path: "genesis") }
        if let v = top["check_interval"] { c.checkInterval = try interval(v, "check_interval") }
        if let v = top["deviation"] { c.rule.deviationPPM = try ppm(v, path: "deviation") }
        if let v = top["heartbeat"] { c.rule.heartbeat = try interval(v, "heartbeat") }
        if let v = top["automation_interval"] { c.automationInterval = try interval(v, "automation_interval") }
        if let v = top["automation_phase"] { c.automationPhase = try time(v, "automation_phase", max: maxDuration) }
        if let v = top["contract_heartbeat"] { c.contractHeartbeat = try interval(v, "contract_heartbeat") }
        if let v = top["margin_bps"] { c.marginBps = UInt64(try Numbers.smallInt(v, path: "margin_bps", range: 0...10_000)) }
        if let v = top["nodes"] { c.nodes = try nodes(v, amounts) }
        if let v = top["f"] { c.f = try Numbers.smallInt(v, path: "f", range: 1...10) }
        if let items = try top.list("sources") {
            try bound(items, "sources", line: top["sources"]?.line)
            var statements = maxStatements
            c.sources = try items.enumerated().map { try source($1, path: "sources[\($0)]", amounts, duration: sourcesUntil, statements: &statements) }
        }
        guard !c.sources.isEmpty else { throw FieldError(path: "sources", line: top.line, message: "missing the reserve sources (a list)") }
        if let v = top["address_list"] { c.addressList = try addressList(v, sources: c.sources) }
        if let v = top["circulation"] { c.circulation = try circulation(v, amounts) }
        if let items = try top.list("users") {
            try bound(items, "users", line: top["users"]?.line)
            c.userEvents = try items.enumerated().map { try userEvent($1, path: "users[\($0)]", amounts) }
        }
        if let v = top["random_users"] { c.randomUsers = try randomUsers(v, amounts) }
        try checkBounds(c, line: top.line)
        return c
    }

    /// The run must stay finite: no more than `maxTicks` checks, upkeeps or random users.
    static func checkBounds(_ c: SimulationConfig, line: Int?) throws {
        for (key, step) in [("check_interval", c.checkInterval), ("automation_interval", c.automationInterval),
                            ("random_users.mean_interval", c.randomUsers?.meanInterval ?? .max)]
        where c.duration / step > maxTicks {
            throw FieldError(path: key, line: line, message: "\(c.duration / step) runs over the duration; at most \(maxTicks) (make it longer or the duration shorter)")
        }
    }

    static func bound(_ items: [Doc], _ path: String, line: Int?) throws {
        guard items.count <= maxListItems else { throw FieldError(path: path, line: line, message: "\(items.count) items; at most \(maxListItems)") }
    }

    static func time(_ v: Doc, _ path: String, max: UInt64) throws -> UInt64 {
        let t = try Numbers.uint64(v, path: path, time: true)
        guard t <= max else { throw FieldError(path: path, line: v.line, message: "\(t) s is over the limit of \(max) s") }
        return t
    }

    static func interval(_ v: Doc, _ path: String) throws -> UInt64 {
        let t = try time(v, path, max: maxDuration)
        guard t > 0 else { throw FieldError(path: path, line: v.line, message: "must be positive") }
        return t
    }

    /// `1%`, `0.5 %`, or a fraction in ppm (`5000`).
    static func ppm(_ v: Doc, path: String) throws -> UInt64 {
        let text = try Fields.string(v, path: path, what: "a percentage").trimmingWhitespace
        guard text.hasSuffix("%") else { return UInt64(try Numbers.smallInt(v, path: path, range: 0...1_000_000)) }
        guard let value = Amounts.decimal(String(text.dropLast()).trimmingWhitespace, decimals: 4), value.fitsInUInt64,
              value.w0 <= 1_000_000 else {
            throw FieldError(path: path, line: v.line, message: "bad percentage \"\(text)\" (0% to 100%, at most 4 decimals)")
        }
        return value.w0
    }
}

extension SimulationFile {
    /// The parameters `--sweep` and `--until` may set, as the file writes them.
    public static let sweepKeys = ["deviation", "heartbeat", "check_interval", "f"]

    /// A time from the command line (`3 d`, `12 h`, seconds), as the file writes times.
    public static func duration(_ text: String, option: String) throws -> UInt64 {
        try time(Doc.scalar(text, plain: true, line: nil), option, max: maxDuration)
    }

    /// Sets `key` (a sweep key, or `duration`, or `seed`) from command-line text; the errors name the key.
    public static func set(_ key: String, to text: String, in c: inout SimulationConfig) throws {
        let v = Doc.scalar(text, plain: true, line: nil)
        switch key {
        case "deviation": c.rule.deviationPPM = try ppm(v, path: key)
        case "heartbeat": c.rule.heartbeat = try interval(v, key)
        case "check_interval": c.checkInterval = try interval(v, key)
        case "f": c.f = try Numbers.smallInt(v, path: key, range: 1...10)
        case "duration": c.duration = try time(v, key, max: maxDuration)
        default: throw FieldError(path: key, line: nil, message: "not a parameter to set (known: \(sweepKeys.joined(separator: ", ")))")
        }
        try checkBounds(c, line: nil)
    }
}
