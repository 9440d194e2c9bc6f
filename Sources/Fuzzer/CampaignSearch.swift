import Primitives
import ABI
import EVM
import Harness
import UInt256

/// How the campaign makes its next sequence: fresh calls from the ABI and the dictionary, or,
/// once the corpus holds sequences that reached new edges, mutations of them (Echidna's and
/// Medusa's scheme): calls inserted, deleted, spliced from another entry, swapped, or one
/// call's arguments or sender changed; or the entry extended at its end.
extension Campaign {
    /// Share of sequences made fresh even when the corpus could be mutated (new ground).
    static let freshPercent = 20
    /// At most this many mutations stacked on one corpus entry.
    static let maxStackedMutations = 3
    /// Share of mutations made on one of the latest entries (`recentEntries`), which reached the
    /// newest edges and so lie deepest in the code; the rest pick uniformly.
    static let recentPercent = 50
    static let recentEntries = 4
    /// Share of mutations that extend the entry by one call at its end.
    static let extendPercent = 30

    func nextSequence(_ corpus: Corpus) -> [FuzzCall] {
        guard !random.chance(Self.freshPercent),
              let base = random.chance(Self.recentPercent) ? corpus.pick(&random, recent: Self.recentEntries) : corpus.pick(&random)
        else { return generate() }
        var calls = base.calls
        // Building on the entry's end state: a new call, or its last call again with one
        // argument or the sender changed (a stage reached by one value often wants another).
        if random.chance(Self.extendPercent), let last = calls.last {
            // At full length, an earlier call makes room (often one that did nothing).
            if calls.count >= config.sequenceLength { calls.remove(at: random.below(calls.count - 1)) }
            calls.append(random.chance(50) ? mutateCall(last, &random) : freshCall(&random))
            return calls
        }
        for _ in 0...random.below(Self.maxStackedMutations) {
            let donor = corpus.pick(&random)?.calls ?? []
            calls = Mutation.mutate(calls, donor: donor, maxLength: config.sequenceLength, &random,
                                    fresh: { freshCall(&$0) }, mutateElement: { mutateCall($0, &$1) }).result
        }
        return calls.isEmpty ? generate() : calls
    }

    /// One new action: a warp/roll (when the config bounds them) or a target call.
    func freshCall(_ random: inout SeededRandom) -> FuzzCall {
        let env = (config.maxWarp > 0 ? 1 : 0) + (config.maxRoll > 0 ? 1 : 0)
        if env > 0, random.chance(10) {
            let warp = config.maxWarp > 0 && (config.maxRoll == 0 || random.chance(50))
            let m = warp ? config.maxWarp : config.maxRoll
            let by: UInt64 = random.chance(30) ? m : 1 + random.next() % m
            return warp ? .warp(by) : .roll(by)
        }
        let t = config.targets[random.below(config.targets.count)]
        let sender = config.actors[t.senders[random.below(t.senders.count)]].label
        let args = t.function.inputTypes.map { generator.value($0, &random, dictionary) }
        var value = U256.zero
        if t.function.stateMutability == "payable", random.chance(50) {
            value = random.chance(50) ? U256(UInt64(random.below(1000))) : ether(UInt64(random.below(10)))
        }
        return .call(t.bound.name, t.function.signature, args: args, from: sender, value: value)
    }

    /// `c` with one argument mutated (towards the dictionary, ±1, a bit, a boundary), or its
    /// sender changed; a warp/roll gets a new amount.
    func mutateCall(_ c: FuzzCall, _ random: inout SeededRandom) -> FuzzCall {
        var out = c
        switch c.kind {
        case .warp, .roll:
            let m = c.kind == .warp ? config.maxWarp : config.maxRoll
            if m > 0 { out.by = 1 + random.next() % m }
            return out
        case .call:
            guard let ti = targetIndex[Self.key(c.contract ?? "", c.function ?? "")] else { return c }
            let t = config.targets[ti]
            let types = t.function.inputTypes
            if types.isEmpty || types.count != c.args.count || random.chance(15) {
                out.sender = config.actors[t.senders[random.below(t.senders.count)]].label
                return out
            }
            let i = random.below(types.count)
            out.args[i] = Mutation.mutate(c.args[i], as: types[i], dictionary: mutationDictionary, &random)
            return out
        }
    }
}

extension Campaign {
    /// The edges `sequence` reaches from the anchor, in the order reached (tests, tools).
    func edges(of sequence: [FuzzCall]) -> [Edge] {
        restore()
        edges.resetRun()
        for c in sequence { perform(c, learn: false, record: true) }
        return edges.runEdges
    }
}
