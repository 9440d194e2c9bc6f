import Testing
import ABI
import Fuzzer
import Primitives
import UInt256

// Expected constants are read off the hand-written bytecode; boundaries are the type's
// definition (Solidity: uintM in [0, 2^M-1], intM in [-2^(M-1), 2^(M-1)-1]).

/// Constants 0x2a (twice), 0x1234, 2^256-1, 0xdeadbeef; a PUSH1 used by JUMPI and a PUSH2 of a
/// JUMPDEST offset (skipped as jump targets); PUSH0; a truncated PUSH2 at the end (reads 0xab00).
let dictionaryCode: [UInt8] = [
    0x60, 0x2a,                                        // 00 PUSH1 0x2a
    0x61, 0x12, 0x34,                                  // 02 PUSH2 0x1234
    0x60, 0x2a,                                        // 05 PUSH1 0x2a (duplicate)
    0x7f] + [UInt8](repeating: 0xff, count: 32) + [   // 07 PUSH32 2^256-1
    0x60, 0x30,                                        // 28 PUSH1 0x30
    0x57,                                              // 2a JUMPI (0x30 is a destination)
    0x63, 0xde, 0xad, 0xbe, 0xef,                      // 2b PUSH4 0xdeadbeef
    0x61, 0x00, 0x30,                                  // 30 PUSH2 0x0030: a JUMPDEST offset
    0x50,                                              // 33 POP
    0x5f,                                              // 34 PUSH0
    0x5b,                                              // 35 JUMPDEST
    0x61, 0xab,                                        // 36 PUSH2 truncated
]

private func u(_ v: UInt64) -> U256 { U256(v) }
private func pow2(_ k: Int) -> U256 { U256.one.shiftedLeft(byBits: k) }

@Suite struct DictionaryTests {
    @Test func constantsInOrderWithoutJumpTargetsOrDuplicates() {
        // The PUSH2 0x0030 names offset 0x30, which holds PUSH2, not JUMPDEST: it stays. The
        // JUMPDEST at 0x35 makes a PUSH2 0x0035 a target; checked separately below.
        #expect(BytecodeDictionary.constants(in: dictionaryCode)
                == [u(0x2a), u(0x1234), .max, u(0xdeadbeef), u(0x30), u(0xab00)])
        // PUSH2 of a JUMPDEST offset (solc's tags) is skipped; a PUSH1 of the same value is not.
        let tags: [UInt8] = [0x61, 0x00, 0x05, 0x50, 0x00, 0x5b, 0x60, 0x05, 0x00]
        #expect(BytecodeDictionary.constants(in: tags) == [u(5)])
        #expect(BytecodeDictionary.constants(in: []) == [])
    }

    @Test func addConstantsDeduplicatesAcrossContractsAndCaps() {
        var d = BytecodeDictionary(constantCap: 3)
        d.addConstants(of: [0x60, 0x01, 0x60, 0x02])
        d.addConstants(of: [0x60, 0x02, 0x60, 0x03, 0x60, 0x04])
        #expect(d.constants == [u(1), u(2), u(3)])
    }

    @Test func returnedValuesComeWithTheirNeighboursAndTheOldestGo() {
        var d = BytecodeDictionary(returnedCap: 4)
        d.addReturned(u(5))
        #expect(d.returned == [u(5), u(6), u(4)])
        d.addReturned(.zero)                       // no -1 below zero
        #expect(d.returned == [u(6), u(4), .zero, .one])
        d.addReturned(.max)                        // no +1 above the top
        #expect(d.returned == [.zero, .one, .max, U256.max &- .one])
    }

    @Test func storedValuesAsValuesOfAType() {
        var d = BytecodeDictionary()
        d.addConstants(of: dictionaryCode)
        #expect(d.values(for: .uint(8)) == [.uint(u(0x2a)), .uint(u(0x30))])
        #expect(d.values(for: .uint(16)) == [.uint(u(0x2a)), .uint(u(0x1234)), .uint(u(0x30)), .uint(u(0xab00))])
        // 2^256-1 is -1 in every signed width; 0xab00 does not fit int16 (it would be negative).
        #expect(d.values(for: .int(16)) == [.int(u(0x2a)), .int(u(0x1234)), .int(.max), .int(u(0x30))])
        #expect(d.values(for: .fixedBytes(4)).first == .fixedBytes([0, 0, 0, 0x2a]))
        #expect(d.values(for: .fixedBytes(4)).contains(.fixedBytes([0xde, 0xad, 0xbe, 0xef])))
        #expect(d.values(for: .address).count == 5)   // all but 2^256-1
        #expect(d.values(for: .bool).isEmpty)
    }

    @Test func unsignedBoundaries() {
        #expect(BytecodeDictionary.boundaries(for: .uint(8)) == [0, 1, 2, 255, 254].map { .uint(u($0)) })
        let b = BytecodeDictionary.boundaries(for: .uint(256))
        for v in [U256.zero, .one, .max, U256.max &- .one, pow2(128), pow2(160) &- .one, pow2(64) &+ .one,
                  U256(1_000_000_000_000_000_000)] {
            #expect(b.contains(.uint(v)), "uint256 boundary \(v)")
        }
        #expect(!BytecodeDictionary.boundaries(for: .uint(32)).contains(.uint(pow2(32))))   // does not fit
        #expect(Set(b).count == b.count)
    }

    @Test func signedBoundaries() {
        let minus = { (v: UInt64) in U256(v).negated }
        #expect(BytecodeDictionary.boundaries(for: .int(8))
                == [.int(.zero), .int(.one), .int(.max), .int(u(127)), .int(u(126)), .int(minus(128)), .int(minus(127))])
        let b = BytecodeDictionary.boundaries(for: .int(256))
        let minSigned = U256(w0: 0, w1: 0, w2: 0, w3: 1 << 63)
        #expect(b.contains(.int(minSigned)) && b.contains(.int(minSigned &+ .one)))
        #expect(b.contains(.int(U256(w0: ~0, w1: ~0, w2: ~0, w3: ~0 >> 1))))
        #expect(b.contains(.int(pow2(128))) && b.contains(.int(pow2(128).negated)))
    }

    @Test func otherTypesBoundaries() {
        #expect(BytecodeDictionary.boundaries(for: .bool) == [.bool(false), .bool(true)])
        #expect(BytecodeDictionary.boundaries(for: .fixedBytes(2)) == [.fixedBytes([0, 0]), .fixedBytes([0, 1]), .fixedBytes([0xff, 0xff])])
        #expect(BytecodeDictionary.boundaries(for: .address).contains(.address(Address(word: pow2(160) &- .one))))
        #expect(BytecodeDictionary.boundaries(for: .dynamicArray(.bool)) == [.array([]), .array([.bool(false)]), .array([.bool(true)])])
        #expect(BytecodeDictionary.boundaries(for: .array(.bool, 2)).first == .array([.bool(false), .bool(false)]))
        let tuple = BytecodeDictionary.boundaries(for: .tuple([.bool, .uint(8)]))
        #expect(tuple.first == .tuple([.bool(false), .uint(.zero)]))
        #expect(tuple.count == 5)
    }

    @Test func theSameInputGivesTheSameDictionary() {
        func build() -> BytecodeDictionary {
            var d = BytecodeDictionary()
            d.addConstants(of: dictionaryCode)
            d.addReturned(u(1_000))
            return d
        }
        let a = build(), b = build()
        #expect(a.values == b.values)
        #expect(a.values.count == 9)
    }
}
