import ABI
import Fuzzer
import Harness
import Primitives
import Scenario
import UInt256

/// The PoR battery in a campaign: the action mix of scripts/bench/titanoboa_por.py (chosen from the
/// live state, recorded with concrete values) and the battery's checks after every call. View calls
/// use call data built once (no ABI lookups or selector hashing per check).
final class PoRBatteryHook: CampaignHook {
    let spec: PoRBatterySpec
    let propertyNames: [String]
    private let index: [Int?]        // PoRProperty.rawValue → index in propertyNames
    var live: Live?
    /// Calls still to make of a two-call owner action (token, then breaker).
    private var pending: [FuzzCall] = []
    private var round: UInt64 = 0
    private var transition: Transition = .none

    init(_ spec: PoRBatterySpec) {
        self.spec = spec
        propertyNames = spec.propertyNames
        index = PoRProperty.allCases.map { spec.propertyNames.firstIndex(of: $0.name) }
    }

    /// What an action's check compares with, read before it.
    enum Transition {
        case none
        case mint(sender: Address, amount: U256, paused: Bool, limit: U256?, minter: Address?)
        case burn(amount: U256, balance: U256)
        case move(amount: U256, balance: U256, allowance: U256?)      // allowance nil: a transfer
        case upkeep(sender: Address, wasPaused: Bool, pausedBy: Address?)
    }

    func prepare(_ session: HookSession) throws { live = try Live(spec, session) }

    func beginSequence() { pending.removeAll(); round = 0; transition = .none; recipients.removeAll(); live?.cache.clear() }

    /// Addresses outside the actors that received tokens in this sequence (a mutated argument can
    /// name any address): the ledger's sum includes them.
    private var recipients: [Address] = []

    // MARK: actions (weights out of 100, as titanoboa_por.py's ACTION MIX)

    static let weights: [(Kind, Int)] = [(.mint, 25), (.mintAttacker, 3), (.burn, 12), (.transfer, 12), (.approve, 5), (.transferFrom, 6),
                                         (.mockAnswer, 10), (.signedReport, 5), (.feedFault, 4), (.owner, 6), (.warp, 8), (.upkeep, 4)]
    enum Kind { case mint, mintAttacker, burn, transfer, approve, transferFrom, mockAnswer, signedReport, feedFault, owner, warp, upkeep }

    func nextAction(_ r: inout SeededRandom) -> FuzzCall? {
        guard let l = live else { return nil }
        if !pending.isEmpty { return pending.removeFirst() }
        var roll = r.below(100)
        var kind = Kind.warp
        for (k, w) in Self.weights { if roll < w { kind = k; break }; roll -= w }
        let s = spec, t = s.token.name
        func pick<T>(_ xs: [T]) -> T { xs[r.below(xs.count)] }
        let holders = s.holders
        switch kind {
        case .mint, .mintAttacker:
            guard let f = s.functions["mint"], let sender = kind == .mint ? (s.minter ?? s.owner) : s.attacker, !holders.isEmpty else { return nil }
            let to = pick(holders)
            let supply = l.totalSupply() ?? .zero
            let limit = l.reserves()
            let room = limit.map { $0 >= supply ? $0 &- supply : .zero } ?? .zero
            let amounts = [l.word(l.token, l.mintableAmount) ?? .zero, room, room &+ .one, room.isZero ? .zero : room &- .one,
                           .zero, .one, IndependentReserves.maxWord &- supply, U256(r.next())]
            return .call(t, f.signature, args: [.address(l.addr(to)), .uint(pick(amounts))], from: sender)
        case .burn:
            guard let f = s.functions["burn"], !holders.isEmpty else { return nil }
            let h = pick(holders)
            let bal = l.balance(l.addr(h)) ?? .zero
            let amount = pick([bal, bal.isZero ? .zero : bal &- .one, .one, bal &+ .one])
            let args: [ABIValue] = f.inputTypes.count == 2 ? [.address(l.addr(h)), .uint(amount)] : [.uint(amount)]
            return .call(t, f.signature, args: args, from: h)
        case .transfer:
            guard let f = s.functions["transfer"], !holders.isEmpty else { return nil }
            let a = pick(holders), b = pick(holders)
            let bal = l.balance(l.addr(a)) ?? .zero
            return .call(t, f.signature, args: [.address(l.addr(b)), .uint(pick([bal, bal &+ .one, .zero, bal.shiftedRight(byBits: 1)]))], from: a)
        case .approve:
            guard let f = s.functions["approve"], !holders.isEmpty else { return nil }
            let a = pick(holders), sp = pick(holders)
            let amounts = [U256.zero, .one, l.balance(l.addr(a)) ?? .zero, IndependentReserves.maxWord]
            return .call(t, f.signature, args: [.address(l.addr(sp)), .uint(pick(amounts))], from: a)
        case .transferFrom:
            guard !holders.isEmpty else { return nil }
            let h = pick(holders), sp = pick(holders), to = pick(holders)
            let bal = l.balance(l.addr(h)) ?? .zero, allowed = l.allowance(l.addr(h), l.addr(sp)) ?? .zero
            let amount = pick([allowed, allowed &+ .one, bal])
            if r.chance(50) {
                guard let f = s.functions["transferFrom"] else { return nil }
                return .call(t, f.signature, args: [.address(l.addr(h)), .address(l.addr(to)), .uint(amount)], from: sp)
            }
            guard let f = s.functions["burnFrom"] else { return nil }
            return .call(t, f.signature, args: [.address(l.addr(h)), .uint(amount)], from: sp)
        case .mockAnswer:
            guard let sender = s.owner else { return nil }
            let supply = l.totalSupply() ?? .zero
            let answer = pick([U256.zero, IndependentReserves.maxWord, .one, supply, supply &- .one, U256(10_000_000_000),
                               U256.one.shiftedLeft(byBits: 255) &- .one, U256.one.shiftedLeft(byBits: 255)])
            let now = l.now, hb = l.heartbeat()
            let stale = hb <= now ? now &- hb : .zero
            let updated = pick([now, .zero, stale, stale.isZero ? .zero : stale &- .one, now &+ U256(60)])
            if let set = l.feedSet {
                return .call(s.feed.name, set.signature, args: [.int(answer), .uint(updated)], from: sender)
            }
            guard let upd = l.feedUpdateRoundData else { return nil }
            let next = (l.word(l.feed, l.latestRound) ?? .zero) &+ .one
            return .call(s.feed.name, upd.signature, args: [.uint(next), .int(answer), .uint(updated), .uint(updated)], from: sender)
        case .signedReport:
            guard let agg = s.aggregator, let sender = s.transmitter, let transmit = l.transmit else { return nil }
            round += 1
            guard let reports = l.reports[round] else { return nil }
            return .call(agg.name, transmit.signature, args: pick(reports), from: sender)
        case .feedFault:
            guard let sender = s.owner else { return nil }
            if r.chance(50) {
                guard let f = l.feedSetMode else { return nil }
                return .call(s.feed.name, f.signature, args: [.uint(U256(UInt64(r.below(9))))], from: sender)
            }
            guard let f = l.feedSetDecimals else { return nil }
            return .call(s.feed.name, f.signature, args: [.uint(pick([U256(8), U256(6), U256(18)]))], from: sender)
        case .owner:
            guard let o = s.owner else { return nil }
            switch r.below(5) {
            case 0:
                guard let f = s.functions["setMarginBps"] else { return nil }
                return .call(t, f.signature, args: [.uint(pick([U256.zero, U256(100), U256(9999)]))], from: o)
            case 1:
                let hb = pick([U256.one, U256(3600), U256(86_400)])
                return twoCalls(s.functions["setHeartbeat"], l.breakerSetHeartbeat, arg: .uint(hb), from: o)
            case 2, 3:
                guard let f = s.functions[r.below(2) == 0 ? "pause" : "unpause"] else { return nil }
                return .call(t, f.signature, args: [], from: o)
            default:
                let feed = pick([l.feed, l.aggregator ?? Address.zero, Address.zero])
                return twoCalls(s.functions["setFeed"], l.breakerSetFeed, arg: .address(feed), from: o)
            }
        case .warp:
            let hb = l.heartbeat().w0
            return .warp(pick([max(hb &- 1, 1), hb, hb &+ 1, 1, 12]))
        case .upkeep:
            guard let b = s.breaker, let f = s.functions["performUpkeep"],
                  let sender = r.below(4) == 0 ? (s.attacker ?? s.forwarder) : s.forwarder else { return nil }
            return .call(b.name, f.signature, args: [.bytes([])], from: sender)
        }
    }

    /// The token's setter, then the breaker's with the same argument (counted as two calls).
    private func twoCalls(_ token: ABIFunction?, _ breaker: ABIFunction?, arg: ABIValue, from o: String) -> FuzzCall? {
        let calls = [token.map { FuzzCall.call(spec.token.name, $0.signature, args: [arg], from: o) },
                     breaker.flatMap { f in spec.breaker.map { FuzzCall.call($0.name, f.signature, args: [arg], from: o) } }].compactMap { $0 }
        guard let first = calls.first else { return nil }
        pending = Array(calls.dropFirst())
        return first
    }

    // MARK: checks

    func before(_ a: FuzzCall) {
        transition = .none
        guard let l = live, a.kind == .call, let sender = a.sender.map(l.addr) else { return }
        let s = spec
        if a.contract == s.token.name {
            let f = a.function
            if f == s.functions["mint"]?.signature, a.args.count == 2, case .uint(let amount) = a.args[1] {
                transition = .mint(sender: sender, amount: amount, paused: l.paused(), limit: l.reserves(), minter: l.minter(s))
            } else if f == s.functions["burn"]?.signature, case .uint(let amount)? = a.args.last {
                let holder = a.args.count == 2 ? (a.args[0].addressValue ?? sender) : sender
                transition = .burn(amount: amount, balance: l.balance(holder) ?? .zero)
            } else if f == s.functions["transfer"]?.signature, case .uint(let amount)? = a.args.last {
                transition = .move(amount: amount, balance: l.balance(sender) ?? .zero, allowance: nil)
            } else if f == s.functions["transferFrom"]?.signature || f == s.functions["burnFrom"]?.signature,
                      let holder = a.args.first?.addressValue, case .uint(let amount)? = a.args.last {
                transition = .move(amount: amount, balance: l.balance(holder) ?? .zero, allowance: l.allowance(holder, sender) ?? .zero)
            }
        } else if let b = s.breaker, a.contract == b.name, a.function == s.functions["performUpkeep"]?.signature {
            transition = .upkeep(sender: sender, wasPaused: l.paused(), pausedBy: l.pausedBy())
        }
    }

    func after(_ a: FuzzCall, succeeded ok: Bool) -> [HookViolation] {
        guard let l = live else { return [] }
        l.cache.clear()   // the call may have changed anything
        var out: [HookViolation] = []
        func fail(_ p: PoRProperty, _ m: String, _ tail: ReproducerTail) {
            if let k = index[p.rawValue] { out.append(HookViolation(property: k, message: m, tail: tail)) }
        }
        let mustRevert = ReproducerTail(lastCall: .mustRevert)
        switch transition {
        case .none: break
        case .mint(let sender, let amount, let paused, let limit, let minter):
            guard ok else { break }
            if let minter, sender != minter { fail(.onlyMinterMints, "\(sender) minted \(amount) (the minter is \(minter))", mustRevert) }
            if paused || limit == nil { fail(.mintFailsClosed, "minted \(amount) while paused=\(paused), feed usable=\(limit != nil)", mustRevert) }
            if let limit, let supply = l.totalSupply(), supply > limit {
                fail(.mintWithinReserves, "supply \(supply) > reserves \(limit) after minting \(amount)", mustRevert)
            }
        case .burn(let amount, let balance):
            if amount <= balance && !ok { fail(.burnAlwaysWorks, "a burn of \(amount) with a balance of \(balance) reverted", ReproducerTail(lastCall: .mustSucceed)) }
            if amount > balance && ok { fail(.accounting, "burned \(amount) from a balance of \(balance)", mustRevert) }
        case .move(let amount, let balance, let allowance):
            if ok, amount > balance || (allowance.map { $0 != IndependentReserves.maxWord && amount > $0 } ?? false) {
                fail(.accounting, "moved \(amount) with a balance of \(balance)" + (allowance.map { ", allowance \($0)" } ?? ""), mustRevert)
            }
        case .upkeep(let sender, let wasPaused, let by):
            guard ok, let b = l.breaker else { break }
            if let fwd = l.forwarder(), sender != fwd { fail(.breaker, "performUpkeep by \(sender), not the forwarder \(fwd), succeeded", mustRevert) }
            let covered = l.breakerReserves()
            let short = covered.map { c in l.totalSupply().map { c < $0 } ?? true } ?? true
            let paused = l.paused()
            let check = { (want: Bool) in ReproducerTail(lastCall: .asRun, steps: [#"{"call": "\#(self.spec.token.name).paused", "expect": {"returns": [\#(want)]}}"#]) }
            if short && !paused { fail(.breaker, "reserves short or feed unusable after performUpkeep, yet minting is not paused", check(true)) }
            if !short && paused && !wasPaused { fail(.breaker, "performUpkeep paused minting while reserves cover supply and the feed is usable", check(false)) }
            if wasPaused && !paused, let by, by != b { fail(.breaker, "performUpkeep lifted a pause made by \(by)", check(true)) }
        }
        transition = .none
        if ok, a.kind == .call, a.contract == spec.token.name {
            for case .address(let x) in a.args where !l.holders.contains(x) && !recipients.contains(x) { recipients.append(x) }
        }
        // After every call: the ledger adds up, and the views answer.
        if let supply = l.totalSupply() {
            var sum = U256.zero, overflow = false
            for h in l.holders + recipients { let b = l.balance(h) ?? .zero; let n = sum &+ b; if n < sum { overflow = true }; sum = n }
            if overflow || sum != supply {
                let text = (spec.holders + recipients.map(\.description)).map { "\(spec.token.name).balanceOf(\($0))" }.joined(separator: " + ")
                    + " == \(spec.token.name).totalSupply()"
                fail(.accounting, "sum of balances \(overflow ? "> 2^256" : sum.description) != totalSupply \(supply)",
                     ReproducerTail(lastCall: .asRun, steps: ["{\"property\": " + Doc.quote(text) + "}"]))
            }
        }
        for (name, to, data, step) in l.views where l.raw(to, data) == nil {
            fail(.viewsNeverRevert, "\(name) reverted", ReproducerTail(lastCall: .asRun, steps: [step]))
        }
        return out
    }
}

extension ABIValue {
    var addressValue: Address? { if case .address(let a) = self { return a }; return nil }
}
