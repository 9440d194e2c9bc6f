import ABI
import EVM
import Harness
import UInt256

/// The three PoR contracts deployed and wired together: the feed with its oracle committee,
/// the token reading it, and the circuit breaker allowed to pause the token.
public struct PoRDeployment {
    public let chain: Chain
    public let feed: Contract
    public let token: Contract
    public let breaker: Contract
    public let committee: OracleCommittee
    public let owner: TestAccount
    /// The minter role of the token (e.g. the custodian's bridge).
    public let minter: TestAccount
    /// The Automation forwarder allowed to call `performUpkeep`.
    public let forwarder: TestAccount
    private(set) var epochAndRound: UInt64 = 0

    public struct Settings {
        public var feedDecimals: UInt64 = 8
        public var tokenDecimals: UInt64 = 8
        public var description = "WBTC Proof of Reserves"
        public var minAnswer: Answer = 0
        public var maxAnswer: Answer = .int192Max
        public var heartbeat: UInt64 = 86_400
        public var marginBps: UInt64 = 0
        public var committeeSize = 4
        public var f = 1
        public init() {}
    }

    /// The compiled contracts to deploy: `Fixtures/`, or a modified one under test.
    public struct Artifacts {
        public var feed: Artifact
        public var token: Artifact
        public var breaker: Artifact

        public init(feed: Artifact, token: Artifact, breaker: Artifact) {
            self.feed = feed
            self.token = token
            self.breaker = breaker
        }

        public static func fixtures() throws -> Artifacts {
            Artifacts(feed: try FixtureArtifacts.load(FixtureArtifacts.aggregator),
                      token: try FixtureArtifacts.load(FixtureArtifacts.token),
                      breaker: try FixtureArtifacts.load(FixtureArtifacts.breaker))
        }
    }

    /// Deploys feed, token and breaker (from `Fixtures/` unless `artifacts` are given), sets the
    /// committee, the minter, the pauser and the forwarder. A failure is attributed to the
    /// caller's line (see `CallSite`).
    public init(chain: Chain, settings: Settings = Settings(), artifacts: Artifacts? = nil,
                fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws {
        self = try withCallSite(CallSite(fileID: fileID, filePath: filePath, line: line, column: column)) {
            try Self(deploying: chain, settings: settings, artifacts: artifacts)
        }
    }

    private init(deploying chain: Chain, settings: Settings, artifacts: Artifacts?) throws {
        let artifacts = try artifacts ?? .fixtures()
        self.chain = chain
        owner = chain.deployer
        minter = chain.addAccount(TestAccount(named: "minter"), balance: ether(100))
        forwarder = chain.addAccount(TestAccount(named: "forwarder"), balance: ether(100))
        committee = OracleCommittee(size: settings.committeeSize, f: settings.f)
        for o in committee.oracles { chain.addAccount(o, balance: ether(100)) }

        feed = try chain.deploy(artifacts.feed,
                                settings.feedDecimals, settings.description,
                                settings.minAnswer.abiValue, settings.maxAnswer.abiValue,
                                from: owner)
        token = try chain.deploy(artifacts.token,
                                 "Wrapped BTC", "WBTC", settings.tokenDecimals, feed, settings.heartbeat, settings.marginBps,
                                 from: owner)
        breaker = try chain.deploy(artifacts.breaker,
                                   token, feed, settings.heartbeat, from: owner)
        try Self.require(feed.transact("setConfig", arguments: committee.configArguments, from: owner), "setConfig")
        try Self.require(token.transact("setMinter", minter, from: owner), "setMinter")
        try Self.require(token.transact("setPauser", breaker, from: owner), "setPauser")
        try Self.require(breaker.transact("setForwarder", forwarder, from: owner), "setForwarder")
    }

    static func require(_ outcome: CallOutcome, _ what: String) throws {
        guard outcome.succeeded else { throw HarnessError.expectationFailed("\(what) failed: \(outcome)") }
    }

    /// The feed's current config digest.
    public func configDigest() throws -> U256 {
        let details = try feed.readAll("latestConfigDetails")
        guard details.count == 3, let digest = details[2].bytesValue else {
            throw HarnessError.expectationFailed("latestConfigDetails returned \(details)")
        }
        return U256(bigEndianBytes: digest)
    }

    /// The oracles observe `observations`, sign, and the first oracle transmits the report.
    /// Returns the transaction's outcome (which may be a revert the caller wants to see).
    @discardableResult
    public mutating func publish(_ observations: [Answer], signers: [TestAccount]? = nil, transmitter: TestAccount? = nil,
                                 fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try withCallSite(CallSite(fileID: fileID, filePath: filePath, line: line, column: column)) { try publishReport(observations, signers: signers, transmitter: transmitter) }
    }

    private mutating func publishReport(_ observations: [Answer], signers: [TestAccount]?,
                                        transmitter: TestAccount?) throws -> CallOutcome {
        epochAndRound += 1
        let report = try committee.report(configDigest: try configDigest(), epochAndRound: epochAndRound,
                                          observations: observations, signers: signers)
        return try feed.transact("transmit", arguments: report.transmitArguments,
                                 from: transmitter ?? committee.transmitters[0])
    }
}
