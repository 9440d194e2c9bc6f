import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// The real PoR contracts on a porvm chain, driven by the simulation: the aggregator as the feed,
/// the secure-mint token and the circuit breaker, with the committee's keys signing reports.
final class HomeChain {
    let deployment: PoRDeployment
    var chain: Chain { deployment.chain }
    /// Simulated second 0 on the chain's clock.
    let genesis: UInt64
    /// The token holder whose mints, redemptions and transfers the user events are.
    let holder: TestAccount
    let recipient: TestAccount
    private var epochAndRound: UInt64 = 0
    private var configDigest: U256

    init(settings: PoRDeployment.Settings, genesis: UInt64) throws {
        let chain = Chain(timestamp: genesis)
        self.genesis = genesis
        deployment = try PoRDeployment(chain: chain, settings: settings)
        holder = chain.account("alice")
        recipient = chain.account("bob")
        configDigest = try deployment.configDigest()
    }

    /// The custody address list (Chainlink's PoRAddressList), when the run has one.
    private(set) var addressList: Contract?

    func deployAddressList(_ initial: [String]) throws {
        let artifact = try FixtureArtifacts.load("PoRAddressList")
        addressList = try chain.deploy(artifact, ABIValue.array(initial.map { .string($0) }), from: deployment.owner)
    }

    /// The listed addresses as a node reads them: the length, then entries 0 ... length − 1.
    func listedAddresses() throws -> [String]? {
        guard let list = addressList else { return nil }
        guard let n = try list.read("getPoRAddressListLength").u256 else {
            throw SimulationError("addressList.getPoRAddressListLength() returned no number")
        }
        if n.isZero { return [] }
        guard case .array(let entries) = try list.read("getPoRAddressList", ABIValue.uint(.zero), ABIValue.uint(n &- .one)) else {
            throw SimulationError("addressList.getPoRAddressList() returned no array")
        }
        return entries.compactMap(\.stringValue)
    }

    /// The list owner adding or removing an address; nil when there is no list.
    func changeAddressList(_ change: SimulationConfig.AddressList.Change) throws -> CallOutcome? {
        guard let list = addressList else { return nil }
        return try list.transact(change.isAddition ? "addAddress" : "removeAddress", change.address, from: deployment.owner)
    }

    func warp(to t: UInt64) {
        let (time, overflow) = genesis.addingReportingOverflow(t)
        chain.warp(overflow ? .max : time)
        chain.roll(1 + t / 12)
    }

    /// The Proof of Circulation feed (a second PoRAggregator run by the same committee), when set.
    private(set) var circulationFeed: Contract?
    private var circulationRound: UInt64 = 0
    private var circulationDigest = U256.zero

    /// Deploys the circulation feed and sets it on the token and on the breaker (each separately).
    func deployCirculationFeed(decimals: UInt64) throws {
        let owner = deployment.owner
        let feed = try chain.deploy(try FixtureArtifacts.load(FixtureArtifacts.aggregator), decimals,
                                    "Proof of Circulation (simulated)", Answer(0).abiValue, Answer.int192Max.abiValue, from: owner)
        for (contract, function, arguments) in [(feed, "setConfig", deployment.committee.configArguments),
                                                (deployment.token, "setCirculationFeed", [feed]),
                                                (deployment.breaker, "setCirculationFeed", [feed])] as [(Contract, String, [Any])] {
            let o = try contract.transact(function, arguments: arguments, from: owner)
            guard o.succeeded else { throw SimulationError("circulation feed: \(function) failed: \(reason(o))") }
        }
        let details = try feed.readAll("latestConfigDetails")
        guard details.count == 3, let digest = details[2].bytesValue else { throw SimulationError("circulation feed: no config digest") }
        circulationDigest = U256(bigEndianBytes: digest)
        circulationFeed = feed
    }

    /// Signs the network's report and has its leader transmit it (to the circulation feed when
    /// `circulation` is set).
    func transmit(_ report: OracleNetwork.Report, circulation: Bool = false) throws -> CallOutcome {
        let feed: Contract, digest: U256, round: UInt64
        if circulation, let c = circulationFeed {
            circulationRound += 1
            (feed, digest, round) = (c, circulationDigest, circulationRound)
        } else {
            epochAndRound += 1
            (feed, digest, round) = (deployment.feed, configDigest, epochAndRound)
        }
        let committee = deployment.committee
        let signed = try committee.report(
            configDigest: digest, epochAndRound: round,
            observations: report.observations.map { Answer(unsigned: $0.value) },
            signers: report.signers.map { committee.oracles[$0] },
            observers: report.observations.map { UInt8(truncatingIfNeeded: $0.node) })
        return try feed.transact("transmit", arguments: signed.transmitArguments,
                                            from: committee.transmitters[report.leader])
    }

    enum Upkeep: Equatable { case none, tripped, reset, failed(String) }

    /// Chainlink Automation: checkUpkeep as a read-only call, then performUpkeep from the forwarder
    /// when it says so.
    func upkeep() throws -> (Upkeep, gas: UInt64) {
        let check = try deployment.breaker.call("checkUpkeep", ABIValue.bytes([]))
        guard check.succeeded else { return (.failed("checkUpkeep reverted: \(reason(check))"), 0) }
        guard case .bool(true)? = check.value else { return (.none, 0) }
        let perform = try deployment.breaker.transact("performUpkeep", ABIValue.bytes(check[1]?.bytesValue ?? []),
                                                      from: deployment.forwarder)
        guard perform.succeeded else { return (.failed("performUpkeep reverted: \(reason(perform))"), perform.gasUsed) }
        if !perform.events(named: "CircuitBreakerTripped").isEmpty { return (.tripped, perform.gasUsed) }
        if !perform.events(named: "CircuitBreakerReset").isEmpty { return (.reset, perform.gasUsed) }
        return (.none, perform.gasUsed)
    }

    func mint(_ amount: U256) throws -> CallOutcome {
        try deployment.token.transact("mint", holder, ABIValue.uint(amount), from: deployment.minter)
    }

    func redeem(_ amount: U256) throws -> CallOutcome {
        try deployment.token.transact("burn", ABIValue.uint(amount), from: holder)
    }

    func transfer(_ amount: U256) throws -> CallOutcome {
        try deployment.token.transact("transfer", recipient, ABIValue.uint(amount), from: holder)
    }

    func totalSupply() throws -> U256 {
        guard let v = try deployment.token.read("totalSupply").u256 else {
            throw SimulationError("token.totalSupply() returned no number")
        }
        return v
    }

    func holderBalance() throws -> U256 {
        guard let v = try deployment.token.read("balanceOf", holder).u256 else {
            throw SimulationError("token.balanceOf() returned no number")
        }
        return v
    }

    func paused() throws -> Bool {
        guard case .bool(let b) = try deployment.token.read("paused") else {
            throw SimulationError("token.paused() returned no bool")
        }
        return b
    }

    /// The custom error's name, or the revert reason as text.
    func reason(_ o: CallOutcome) -> String {
        if case .custom(let name, _, _)? = o.revertReason { return name }
        return o.revertReason.map { "\($0)" } ?? "\(o.status)"
    }
}
