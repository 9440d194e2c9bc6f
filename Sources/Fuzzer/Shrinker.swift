import ABI
import UInt256

/// Shrinking: the shortest, simplest sequence found that still breaks the same property.
extension Campaign {
    /// At most this many replays per finding.
    static let shrinkBudget = 2_000

    /// Removes calls (one at a time, from the end) while the property still breaks, then moves
    /// integer arguments and warp/roll steps towards 0, until nothing changes.
    func shrink(_ s: CallSequence, property k: Int) -> CallSequence {
        var best = s.calls
        var budget = Self.shrinkBudget
        func tryCandidate(_ c: [FuzzCall]) -> Bool {
            guard budget > 0 else { return false }
            budget -= 1
            guard let at = breaks(c, property: k) else { return false }
            best = Array(c[...at])
            return true
        }
        var changed = true
        while changed, budget > 0 {
            changed = false
            var i = best.count - 1
            while i >= 0, budget > 0 {
                if i < best.count, best.count > 1 {
                    var c = best
                    c.remove(at: i)
                    if tryCandidate(c) { changed = true }
                }
                i -= 1
            }
            for i in best.indices {
                guard i < best.count else { break }
                if best[i].kind != .call {
                    for by in Self.smaller(U256(best[i].by)) {
                        var c = best
                        c[i].by = by.w0
                        if by.isZero { c.remove(at: i) }
                        if tryCandidate(c) { changed = true; break }
                    }
                    continue
                }
                for j in best[i].args.indices {
                    guard i < best.count, j < best[i].args.count else { break }
                    for v in Self.simpler(best[i].args[j]) {
                        var c = best
                        c[i].args[j] = v
                        if tryCandidate(c) { changed = true; break }
                    }
                }
            }
        }
        return CallSequence(best)
    }

    /// Simpler values of the same type, simplest first.
    static func simpler(_ v: ABIValue) -> [ABIValue] {
        switch v {
        case .uint(let w): return smaller(w).map { .uint($0) }
        case .int(let w):
            guard w.isNegative else { return smaller(w).map { .int($0) } }
            return [.int(.zero)] + smaller(w.negated).filter { !$0.isZero }.map { .int($0.negated) }
        case .bool(true): return [.bool(false)]
        default: return []
        }
    }

    /// 0, 1, half and one less, each only if smaller than `w`.
    static func smaller(_ w: U256) -> [U256] {
        var out: [U256] = []
        for c in [U256.zero, U256(1), w.shiftedRight(byBits: 1), w &- U256(1)] where c < w && !out.contains(c) { out.append(c) }
        return out
    }
}
