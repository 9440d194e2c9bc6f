import ABI
import Fuzzer
import EVM
import Harness
import PoR
import Primitives
import Scenario
import UInt256

extension PoRBatteryHook {
    /// The battery's view of a prepared campaign: live addresses, call data built once, and the
    /// signed reports (signed here, once, for every round a sequence can reach: never while fuzzing).
    final class Live {
        let chain: Chain
        let token: Address, feed: Address
        let breaker: Address?, aggregator: Address?
        let actors: [String: Address]
        let holders: [Address]
        let spec: PoRBatterySpec
        // Token views (nil: the token has no such view).
        let totalSupplyData: [UInt8], balanceOfSelector: [UInt8], allowanceSelector: [UInt8]?
        let pausedData: [UInt8]?, pausedByData: [UInt8]?, minterData: [UInt8]?, tokenFeedData: [UInt8]?
        let decimalsData: [UInt8]?, heartbeatData: [UInt8]?, marginData: [UInt8]?, mintableAmount: [UInt8]?
        let breakerFeedData: [UInt8]?, breakerHeartbeatData: [UInt8]?, forwarderData: [UInt8]?
        let latestRound: [UInt8]?
        // The feed's raw reads (what the reserves are computed from).
        static let decimalsCall = FunctionSignature(name: "decimals", inputs: []).selector
        static let latestRoundDataCall = FunctionSignature(name: "latestRoundData", inputs: []).selector
        // Functions acted on besides the mapped ones.
        let feedSet: ABIFunction?, feedUpdateRoundData: ABIFunction?, feedSetMode: ABIFunction?, feedSetDecimals: ABIFunction?
        let breakerSetHeartbeat: ABIFunction?, breakerSetFeed: ABIFunction?, transmit: ABIFunction?
        /// Views that must never revert: name, address, call data, the reproducer's step.
        let views: [(String, Address, [UInt8], String)]
        /// Round → the transmit arguments of a report for each answer of the dictionary.
        let reports: [UInt64: [[ABIValue]]]

        static let reportAnswers: [Answer] = [0, -1, 1, 5_000_000_000, 10_000_000_000, Answer.int192Max]
        /// View results since the last state change: the checks after a call, the next action's
        /// choice and the reads before it see the same state, so each view runs once for all three.
        let cache = ViewCache()
        /// The sender and gas of the checks' view calls.
        let viewer: Address
        static let viewGas: Int64 = 30_000_000

        init(_ s: PoRBatterySpec, _ session: HookSession) throws {
            let c = session.context
            chain = c.chain
            spec = s
            token = c.live(s.token.address)
            feed = c.live(s.feed.address)
            breaker = s.breaker.map { c.live($0.address) }
            aggregator = s.aggregator.map { c.live($0.address) }
            actors = session.actors
            holders = s.holders.compactMap { session.actors[$0] }
            viewer = session.actorNames.first.flatMap { session.actors[$0] } ?? .zero
            func view(_ b: Bound?, _ name: String) -> [UInt8]? {
                b?.abi.functions.first { $0.name == name && $0.inputs.isEmpty && $0.isReadOnly }?.selector
            }
            func fn(_ b: Bound?, _ sig: String) -> ABIFunction? { b?.abi.functions.first { $0.signature == sig } }
            totalSupplyData = view(s.token, "totalSupply") ?? FunctionSignature(name: "totalSupply", inputs: []).selector
            balanceOfSelector = FunctionSignature(name: "balanceOf", inputs: [.address]).selector
            allowanceSelector = fn(s.token, "allowance(address,address)")?.selector
            pausedData = view(s.token, "paused"); pausedByData = view(s.token, "pausedBy"); minterData = view(s.token, "minter")
            tokenFeedData = view(s.token, "feed"); decimalsData = view(s.token, "decimals")
            heartbeatData = view(s.token, "heartbeat"); marginData = view(s.token, "marginBps")
            mintableAmount = s.functions["mintableAmount"]?.selector
            breakerFeedData = view(s.breaker, "feed"); breakerHeartbeatData = view(s.breaker, "heartbeat"); forwarderData = view(s.breaker, "forwarder")
            latestRound = view(s.feed, "latestRound")
            feedSet = fn(s.feed, "set(int256,uint256)")
            feedUpdateRoundData = fn(s.feed, "updateRoundData(uint80,int256,uint256,uint256)")
            feedSetMode = fn(s.feed, "setMode(uint8)"); feedSetDecimals = fn(s.feed, "setDecimals(uint8)")
            breakerSetHeartbeat = s.breaker?.abi.functions.first { $0.name == "setHeartbeat" && $0.inputs.count == 1 }
            breakerSetFeed = fn(s.breaker, "setFeed(address)")
            transmit = s.aggregator?.abi.functions.first { $0.name == "transmit" }

            var views: [(String, Address, [UInt8], String)] = []
            if let m = mintableAmount { views.append(("mintableAmount()", token, m, #"{"call": "\#(s.token.name).mintableAmount"}"#)) }
            if let b = s.breaker, let ba = breaker {
                if let f = b.abi.functions.first(where: { $0.name == "checkUpkeep" && $0.inputTypes == [.bytes] }) {
                    views.append(("checkUpkeep(0x)", ba, f.selector + (try ABI.encode([.bytes([])], as: [.bytes])),
                                  #"{"call": "\#(b.name).checkUpkeep", "args": ["0x"]}"#))
                }
                if let e = view(b, "evaluate") { views.append(("evaluate()", ba, e, #"{"call": "\#(b.name).evaluate"}"#)) }
            }
            self.views = views

            // Pre-signed reports for rounds 1 … sequence length (a sequence reports at most once per call).
            var reports: [UInt64: [[ABIValue]]] = [:]
            if let agg = aggregator, transmit != nil, session.actors[s.transmitter ?? ""] != nil,
               let details = s.aggregator?.abi.functions.first(where: { $0.name == "latestConfigDetails" }) {
                let out = try chain.call(to: agg, data: details.selector)
                guard out.succeeded, out.output.count >= 96 else {
                    throw CampaignError(description: "por: \(s.aggregator?.name ?? "aggregator").latestConfigDetails() failed: cannot sign reports")
                }
                let digest = Array(out.output[64..<96])
                let committee = OracleCommittee(size: s.oracles, f: s.faults)
                for round in 1...UInt64(max(session.config.sequenceLength, 1)) {
                    reports[round] = try Self.reportAnswers.map { a in
                        let rep = try committee.report(configDigest: U256(bigEndianBytes: digest), epochAndRound: round, observations: [a, a, a])
                        return [.fixedBytes(rep.configDigest.bigEndianBytes), .uint(U256(rep.epochAndRound)), .array(rep.observations.map(\.abiValue)),
                                .bytes(rep.observers), .array(rep.rs.map { .fixedBytes($0) }), .array(rep.ss.map { .fixedBytes($0) }), .fixedBytes(rep.rawVs)]
                    }
                }
            }
            self.reports = reports
        }

        func addr(_ name: String) -> Address { actors[name] ?? .zero }
        var now: U256 { U256(chain.block.timestamp) }

        /// The output of a read-only call, nil when it reverted.
        func raw(_ to: Address, _ data: [UInt8]) -> [UInt8]? {
            let key = ViewCache.Key(to: to, data: data)
            if let hit = cache.entries[key] { return hit }
            // A message call on the EVM, undone through the journal: what `Chain.call` runs, without
            // building a transaction around it or decoding its outcome (measured: most of a check's cost).
            let state = chain.state
            let cp = state.checkpoint
            let r = chain.evm.execute(Message(kind: .call, gas: Self.viewGas, recipient: to, sender: viewer, input: data))
            state.revert(to: cp)
            let out: [UInt8]? = r.status.isSuccess ? r.output : nil
            cache.entries[key] = .some(out)
            return out
        }

        func word(_ to: Address, _ data: [UInt8]?) -> U256? {
            guard let data, let o = raw(to, data), o.count >= 32 else { return nil }
            return U256(bigEndianBytes: o[0..<32])
        }

        func address(_ to: Address, _ data: [UInt8]?) -> Address? {
            word(to, data).map { Address(word: $0) }
        }

        func totalSupply() -> U256? { word(token, totalSupplyData) }
        func balance(_ a: Address) -> U256? { word(token, balanceOfSelector + a.word.bigEndianBytes) }
        func allowance(_ h: Address, _ s: Address) -> U256? {
            allowanceSelector.flatMap { word(token, $0 + h.word.bigEndianBytes + s.word.bigEndianBytes) }
        }
        func paused() -> Bool { (word(token, pausedData) ?? .zero) != .zero }
        func pausedBy() -> Address? { address(token, pausedByData) }
        func minter(_ s: PoRBatterySpec) -> Address? { address(token, minterData) ?? s.minter.map(addr) }
        func forwarder() -> Address? { breaker.flatMap { address($0, forwarderData) } }
        func heartbeat() -> U256 { word(token, heartbeatData) ?? spec.heartbeat }

        /// The token's reserves by the battery's rules: its feed (else the configured one), decimals,
        /// heartbeat and margin (else the configured ones).
        func reserves() -> U256? {
            let f = tokenFeedData == nil ? feed : (address(token, tokenFeedData) ?? .zero)
            return reserves(feed: f, heartbeat: heartbeat(), margin: word(token, marginData) ?? spec.marginBps)
        }

        /// What the breaker compares with supply: its own feed and heartbeat, no margin.
        func breakerReserves() -> U256? {
            guard let b = breaker else { return nil }
            let f = breakerFeedData == nil ? feed : (address(b, breakerFeedData) ?? .zero)
            return reserves(feed: f, heartbeat: word(b, breakerHeartbeatData) ?? spec.heartbeat, margin: .zero)
        }

        func reserves(feed f: Address, heartbeat: U256, margin: U256) -> U256? {
            guard f != .zero else { return nil }
            return IndependentReserves.compute(decimals: raw(f, Self.decimalsCall), latestRoundData: raw(f, Self.latestRoundDataCall),
                                               now: now, tokenDecimals: word(token, decimalsData) ?? U256(18),
                                               heartbeat: heartbeat, marginBps: margin)
        }
    }
}

/// View call results keyed by address and call data; emptied whenever the state may have changed.
final class ViewCache {
    struct Key: Hashable { var to: Address; var data: [UInt8] }
    var entries: [Key: [UInt8]?] = [:]
    func clear() { entries.removeAll(keepingCapacity: true) }
}
