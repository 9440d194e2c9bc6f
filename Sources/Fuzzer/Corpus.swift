import Primitives
import Foundation

/// The sequences worth mutating: each reached a coverage edge that no earlier sequence reached
/// (Echidna's and Medusa's corpus). One per run, shared by its workers, so it takes a lock;
/// `--corpus DIR` persists it (`CorpusStore`) and a later run resumes from it.
public final class Corpus: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [CallSequence]

    public init(_ initial: [CallSequence] = []) { entries = initial }

    public var count: Int { lock.withLock { entries.count } }

    /// Every sequence, in the order they joined.
    public var sequences: [CallSequence] { lock.withLock { entries } }

    /// The sequences that joined at or after `index` (what a worker or the store has not seen yet).
    public func sequences(from index: Int) -> [CallSequence] {
        lock.withLock { index < entries.count ? Array(entries[max(index, 0)...]) : [] }
    }

    /// Adds a sequence unless an equal one is already in; returns whether it joined.
    @discardableResult
    public func add(_ s: CallSequence) -> Bool {
        lock.withLock {
            if entries.contains(s) { return false }
            entries.append(s)
            return true
        }
    }

    /// A sequence chosen with `random`, or nil while the corpus is empty.
    public func pick(_ random: inout SeededRandom) -> CallSequence? {
        lock.withLock { entries.isEmpty ? nil : entries[random.below(entries.count)] }
    }

    /// A sequence among the `recent` latest (the deepest reached so far), or nil while empty.
    public func pick(_ random: inout SeededRandom, recent: Int) -> CallSequence? {
        lock.withLock {
            let n = min(max(recent, 1), entries.count)
            return n == 0 ? nil : entries[entries.count - n + random.below(n)]
        }
    }
}
