import UInt256

// The config as JSON (or any Codable format): snake_case keys as in scenario files, every key
// optional with the defaults of `SimulationConfig()`, times in seconds, amounts as decimal strings
// (or integers) in the feed's units. The YAML file with units (`10 min`) is a later slice.

/// An amount: "12345" or 12345.
struct CodedAmount: Codable {
    var value: U256
    init(_ value: U256) { self.value = value }

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt64.self) { value = U256(n); return }
        let text = try c.decode(String.self)
        guard let v = U256(decimal: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a whole decimal amount: \(text)")
        }
        value = v
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value.description)
    }
}

extension KeyedDecodingContainer {
    func value<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    func amount(_ key: Key) throws -> U256 { try decode(CodedAmount.self, forKey: key).value }
}

extension SimulationConfig: Codable {
    enum Keys: String, CodingKey {
        case seed, duration, genesis, checkInterval = "check_interval", deviationPPM = "deviation_ppm", heartbeat
        case automationInterval = "automation_interval", automationPhase = "automation_phase", nodes, f
        case contractHeartbeat = "contract_heartbeat", feedDecimals = "feed_decimals", marginBps = "margin_bps"
        case sources, userEvents = "user_events", randomUsers = "random_users", recordSeries = "record_series"
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: Keys.self)
        seed = try c.value(.seed, default: seed)
        duration = try c.value(.duration, default: duration)
        genesis = try c.value(.genesis, default: genesis)
        checkInterval = try c.value(.checkInterval, default: checkInterval)
        rule = UpdateRule(deviationPPM: try c.value(.deviationPPM, default: rule.deviationPPM),
                          heartbeat: try c.value(.heartbeat, default: rule.heartbeat))
        automationInterval = try c.value(.automationInterval, default: automationInterval)
        automationPhase = try c.value(.automationPhase, default: automationPhase)
        nodes = try c.value(.nodes, default: nodes)
        f = try c.value(.f, default: f)
        contractHeartbeat = try c.value(.contractHeartbeat, default: contractHeartbeat)
        feedDecimals = try c.value(.feedDecimals, default: feedDecimals)
        marginBps = try c.value(.marginBps, default: marginBps)
        sources = try c.value(.sources, default: [CodedSource]()).map(\.source)
        userEvents = try c.value(.userEvents, default: userEvents)
        randomUsers = try c.decodeIfPresent(RandomUsers.self, forKey: .randomUsers)
        recordSeries = try c.value(.recordSeries, default: recordSeries)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(seed, forKey: .seed)
        try c.encode(duration, forKey: .duration)
        try c.encode(genesis, forKey: .genesis)
        try c.encode(checkInterval, forKey: .checkInterval)
        try c.encode(rule.deviationPPM, forKey: .deviationPPM)
        try c.encode(rule.heartbeat, forKey: .heartbeat)
        try c.encode(automationInterval, forKey: .automationInterval)
        try c.encode(automationPhase, forKey: .automationPhase)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(f, forKey: .f)
        try c.encode(contractHeartbeat, forKey: .contractHeartbeat)
        try c.encode(feedDecimals, forKey: .feedDecimals)
        try c.encode(marginBps, forKey: .marginBps)
        try c.encode(sources.map(CodedSource.init), forKey: .sources)
        try c.encode(userEvents, forKey: .userEvents)
        try c.encodeIfPresent(randomUsers, forKey: .randomUsers)
        try c.encode(recordSeries, forKey: .recordSeries)
    }
}

/// A source by its `type`; today only `bitcoin_custody`.
struct CodedSource: Codable {
    var source: any ReserveSource
    init(_ source: any ReserveSource) { self.source = source }

    enum Keys: String, CodingKey {
        case type, name, holdings, movements, blockInterval = "block_interval", confirmations
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        guard type == "bitcoin_custody" else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown source type \(type) (known: bitcoin_custody)")
        }
        do {
            source = try BitcoinCustody(name: try c.value(.name, default: "bitcoin custody"),
                                        holdings: try c.value(.holdings, default: [String: CodedAmount]()).mapValues(\.value),
                                        movements: try c.value(.movements, default: []),
                                        blockInterval: try c.value(.blockInterval, default: 600),
                                        confirmations: try c.value(.confirmations, default: 6))
        } catch let e as SimulationError {
            throw DecodingError.dataCorruptedError(forKey: .movements, in: c, debugDescription: e.message)
        }
    }

    func encode(to encoder: Encoder) throws {
        guard let custody = source as? BitcoinCustody else {
            throw EncodingError.invalidValue(source.name, .init(codingPath: encoder.codingPath,
                                                                debugDescription: "source \(source.name) has no encoded form"))
        }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("bitcoin_custody", forKey: .type)
        try c.encode(custody.name, forKey: .name)
        try c.encode(custody.holdings.mapValues(CodedAmount.init), forKey: .holdings)
        try c.encode(custody.movements, forKey: .movements)
        try c.encode(custody.blockInterval, forKey: .blockInterval)
        try c.encode(custody.confirmations, forKey: .confirmations)
    }
}

extension BitcoinCustody.Movement: Codable {
    enum Keys: String, CodingKey { case time, kind, address, amount }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        guard kind == "deposit" || kind == "withdrawal" else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "kind is deposit or withdrawal, not \(kind)")
        }
        self.init(time: try c.decode(UInt64.self, forKey: .time), address: try c.decode(String.self, forKey: .address),
                  amount: try c.amount(.amount), isDeposit: kind == "deposit")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(time, forKey: .time)
        try c.encode(isDeposit ? "deposit" : "withdrawal", forKey: .kind)
        try c.encode(address, forKey: .address)
        try c.encode(CodedAmount(amount), forKey: .amount)
    }
}

extension OracleNode: Codable {
    enum Keys: String, CodingKey { case clockOffset = "clock_offset", latency, latencyJitter = "latency_jitter", faults }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(clockOffset: try c.value(.clockOffset, default: 0), latency: try c.value(.latency, default: 0),
                  latencyJitter: try c.value(.latencyJitter, default: 0), faults: try c.value(.faults, default: []))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(clockOffset, forKey: .clockOffset)
        try c.encode(latency, forKey: .latency)
        try c.encode(latencyJitter, forKey: .latencyJitter)
        try c.encode(faults, forKey: .faults)
    }
}

/// `{kind: offline | stale_source | byzantine, from, until}`; a byzantine node's figure is
/// `fixed` (an amount), `scaled_ppm`, or random when neither is given.
extension OracleNode.Fault: Codable {
    enum Keys: String, CodingKey { case kind, from, until, fixed, scaledPPM = "scaled_ppm" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind: Kind
        switch try c.decode(String.self, forKey: .kind) {
        case "offline": kind = .offline
        case "stale_source": kind = .staleSource
        case "byzantine":
            if let v = try c.decodeIfPresent(CodedAmount.self, forKey: .fixed) { kind = .byzantine(.fixed(v.value)) }
            else if let ppm = try c.decodeIfPresent(UInt64.self, forKey: .scaledPPM) { kind = .byzantine(.scaled(ppm: ppm)) }
            else { kind = .byzantine(.random) }
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "fault kind is offline, stale_source or byzantine, not \(other)")
        }
        self.init(kind, from: try c.value(.from, default: 0), until: try c.value(.until, default: .max))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch kind {
        case .offline: try c.encode("offline", forKey: .kind)
        case .staleSource: try c.encode("stale_source", forKey: .kind)
        case .byzantine(let figure):
            try c.encode("byzantine", forKey: .kind)
            switch figure {
            case .fixed(let v): try c.encode(CodedAmount(v), forKey: .fixed)
            case .scaled(let ppm): try c.encode(ppm, forKey: .scaledPPM)
            case .random: break
            }
        }
        try c.encode(from, forKey: .from)
        if until != .max { try c.encode(until, forKey: .until) }
    }
}

extension SimulationConfig.UserEvent.Action: Codable {}

extension SimulationConfig.UserEvent: Codable {
    enum Keys: String, CodingKey { case time, action, amount }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(try c.decode(Action.self, forKey: .action), try c.amount(.amount), at: try c.decode(UInt64.self, forKey: .time))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(time, forKey: .time)
        try c.encode(action, forKey: .action)
        try c.encode(CodedAmount(amount), forKey: .amount)
    }
}

extension SimulationConfig.RandomUsers: Codable {
    enum Keys: String, CodingKey {
        case meanInterval = "mean_interval", mintPercent = "mint_percent", redeemPercent = "redeem_percent"
        case minAmount = "min_amount", maxAmount = "max_amount"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(meanInterval: try c.decode(UInt64.self, forKey: .meanInterval),
                  mintPercent: try c.value(.mintPercent, default: 50), redeemPercent: try c.value(.redeemPercent, default: 25),
                  minAmount: try c.amount(.minAmount), maxAmount: try c.amount(.maxAmount))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(meanInterval, forKey: .meanInterval)
        try c.encode(mintPercent, forKey: .mintPercent)
        try c.encode(redeemPercent, forKey: .redeemPercent)
        try c.encode(CodedAmount(minAmount), forKey: .minAmount)
        try c.encode(CodedAmount(maxAmount), forKey: .maxAmount)
    }
}
