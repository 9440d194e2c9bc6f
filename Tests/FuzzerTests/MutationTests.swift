import Testing
import ABI
import Fuzzer
import Primitives
import UInt256

// Validity is checked against the ABI's definition of each type (Solidity ABI spec), written
// out here independently of the mutation code.

/// Whether `v` is a value of `t` as the ABI defines it.
private func isValid(_ v: ABIValue, _ t: ABIType) -> Bool {
    switch (t, v) {
    case (.uint(let m), .uint(let x)): return m == 256 || x.leadingZeroBitCount >= 256 - m
    case (.int(let m), .int(let x)):
        // The bits above m-1 all equal bit m-1.
        let bitsAbove = 256 - (m - 1)
        let top = x.shiftedRight(byBits: m - 1)
        return top.isZero || top == U256.max.shiftedRight(byBits: 256 - bitsAbove)
    case (.address, .address), (.bool, .bool): return true
    case (.fixedBytes(let n), .fixedBytes(let b)): return b.count == n
    case (.bytes, .bytes(let b)): return b.count <= Mutation.maxDynamicLength
    case (.string, .string(let s)): return s.utf8.count <= Mutation.maxDynamicLength
    case (.array(let e, let k), .array(let items)): return items.count == k && items.allSatisfy { isValid($0, e) }
    case (.dynamicArray(let e), .array(let items)):
        return items.count <= Mutation.maxArrayLength && items.allSatisfy { isValid($0, e) }
    case (.tuple(let ts), .tuple(let items)):
        return ts.count == items.count && zip(items, ts).allSatisfy { isValid($0, $1) }
    default: return false
    }
}

private let types: [ABIType] = [
    .uint(8), .uint(64), .uint(256), .int(8), .int(24), .int(256), .address, .bool, .fixedBytes(1), .fixedBytes(4),
    .fixedBytes(32), .bytes, .string, .array(.uint(16), 3), .dynamicArray(.int(8)), .tuple([.address, .uint(128), .bool]),
]

private func dictionary() -> BytecodeDictionary {
    var d = BytecodeDictionary()
    d.addConstants(of: [0x60, 0x2a, 0x61, 0x12, 0x34, 0x7f] + [UInt8](repeating: 0xee, count: 32))
    d.addReturned(U256(1_000_000))
    return d
}

@Suite struct MutationTests {
    @Test func theGeneratorIsSplitMix64() {
        // Reference outputs of SplitMix64 seeded with 0 (the first three of Vigna's splitmix64.c).
        var g = MutationRNG(seed: 0)
        #expect(g.next() == 0xe220_a839_7b1d_cdaf)
        #expect(g.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(g.next() == 0x06c4_5d18_8009_454f)
    }

    @Test func drawsStayBelowTheBound() {
        var g = MutationRNG(seed: 7)
        for n in [0, 1, 2, 3, 10, 1000] {
            for _ in 0..<200 {
                let d = Mutation.below(n, &g)
                #expect(d >= 0 && d < max(1, n))
            }
        }
    }

    @Test func sequenceOperatorsAreBounded() {
        var g = MutationRNG(seed: 1)
        let seq = [1, 2, 3, 4, 5]
        #expect(Mutation.insert(seq, 9, maxLength: 5, &g).count == 5)          // full: replaces
        #expect(Mutation.insert(seq, 9, maxLength: 5, &g).contains(9))
        let grown = Mutation.insert(seq, 9, maxLength: 8, &g)
        #expect(grown.count == 6 && grown.filter { $0 != 9 } == seq)           // order kept
        let shrunk = Mutation.delete(seq, &g)
        #expect(shrunk.count == 4 && Set(shrunk).isSubset(of: Set(seq)))
        #expect(Mutation.delete([1], &g) == [1])
        let swapped = Mutation.swap(seq, &g)
        #expect(swapped != seq && swapped.sorted() == seq)
        for _ in 0..<200 {
            let s = Mutation.splice(seq, [10, 20, 30, 40], maxLength: 6, &g)
            #expect(!s.isEmpty && s.count <= 6)
            // A prefix of the first followed by a suffix of the second.
            let cut = s.firstIndex { $0 >= 10 } ?? s.count
            #expect(Array(s[..<cut]) == Array(seq.prefix(cut)))
            // ...then a contiguous run of the second (its suffix, cut at maxLength).
            let donor = [10, 20, 30, 40]
            if cut < s.count, let j = donor.firstIndex(of: s[cut]) {
                #expect(Array(donor[j...].prefix(s.count - cut)) == Array(s[cut...]))
            } else {
                #expect(cut == s.count)
            }
        }
    }

    @Test func sequenceMutationIsDeterministicPerSeed() {
        func run(_ seed: UInt64) -> [[Int]] {
            var g = MutationRNG(seed: seed)
            var seq = [1, 2, 3]
            var trail: [[Int]] = []
            for _ in 0..<300 {
                seq = Mutation.mutate(seq, donor: [7, 8, 9], maxLength: 10, &g,
                                      fresh: { Int(truncatingIfNeeded: $0.next() % 100) },
                                      mutateElement: { e, _ in e + 1 }).result
                #expect(!seq.isEmpty && seq.count <= 10)
                trail.append(seq)
            }
            return trail
        }
        #expect(run(42) == run(42))
        #expect(run(42) != run(43))
    }

    @Test func mutatedValuesStayValidForTheirType() {
        let d = dictionary()
        var g = MutationRNG(seed: 3)
        for t in types {
            var v = BytecodeDictionary.boundaries(for: t)[0]
            for _ in 0..<300 {
                v = Mutation.mutate(v, as: t, dictionary: d, &g)
                #expect(isValid(v, t), "\(t): \(v)")
            }
        }
    }

    @Test func valueMutationIsDeterministicPerSeed() {
        let d = dictionary()
        func run(_ seed: UInt64) -> [ABIValue] {
            var g = MutationRNG(seed: seed)
            return types.flatMap { t in
                var v = BytecodeDictionary.boundaries(for: t)[0]
                return (0..<50).map { _ in v = Mutation.mutate(v, as: t, dictionary: d, &g); return v }
            }
        }
        #expect(run(5) == run(5))
        #expect(run(5) != run(6))
    }

    @Test func integerMutationsReachTheNeighboursAndTheDictionary() {
        let d = dictionary()
        var g = MutationRNG(seed: 11)
        var seen: Set<ABIValue> = []
        for _ in 0..<500 { seen.insert(Mutation.mutate(.uint(U256(100)), as: .uint(256), dictionary: d, &g)) }
        for v in [U256(99), U256(101), U256(0x2a), U256(1_000_001), .max] {
            #expect(seen.contains(.uint(v)), "uint256 from 100 reaches \(v)")
        }
        // A flip of one bit above 100's own (100 + 2^k, k >= 7), which no other operator makes.
        #expect((7..<256).contains { k in seen.contains(.uint(U256(100) | U256.one.shiftedLeft(byBits: k))) })
        // uint8 wraps within its width: 255 + 1 is 0, never 256.
        var seen8: Set<ABIValue> = []
        for _ in 0..<500 { seen8.insert(Mutation.mutate(.uint(U256(255)), as: .uint(8), dictionary: d, &g)) }
        #expect(seen8.contains(.uint(.zero)) && !seen8.contains(.uint(U256(256))))
        // int8: -128 - 1 wraps to 127.
        var seenI8: Set<ABIValue> = []
        for _ in 0..<500 { seenI8.insert(Mutation.mutate(.int(U256(128).negated), as: .int(8), dictionary: d, &g)) }
        #expect(seenI8.contains(.int(U256(127))))
    }

    /// One mutation of a printable string changes at most one character in place (or its length).
    @Test func stringMutationsKeepTheRestOfTheString() {
        var g = MutationRNG(seed: 9)
        let s = "hello world"
        for _ in 0..<300 {
            guard case .string(let m) = Mutation.mutate(.string(s), as: .string, dictionary: BytecodeDictionary(), &g) else {
                Issue.record("not a string"); return
            }
            #expect(m.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f })
            if m.utf8.count == s.utf8.count {
                #expect(zip(m.utf8, s.utf8).filter { $0 != $1 }.count <= 1, "\(m)")
            }
        }
    }

    @Test func aValueOfTheWrongShapeIsReplacedByABoundary() {
        var g = MutationRNG(seed: 2)
        let v = Mutation.mutate(.string("x"), as: .uint(8), dictionary: BytecodeDictionary(), &g)
        #expect(BytecodeDictionary.boundaries(for: .uint(8)).contains(v))
        #expect(Mutation.mutate(.bool(true), as: .bool, dictionary: BytecodeDictionary(), &g) == .bool(false))
    }
}
