import Foundation
import Testing
import EVM
import Primitives
import UInt256
import Ethereum

func hex(_ s: String) -> [UInt8] {
    guard let b = Hex.decode(s) else { Issue.record("bad hex in test: \(s)"); return [] }
    return b
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A decimal string as minimal big-endian bytes (for integers wider than U256).
func decimalToBytes(_ s: String) -> [UInt8] {
    var digits = s.utf8.map { Int($0) - 48 }
    var out: [UInt8] = []
    while !digits.isEmpty {
        var rem = 0
        var next: [Int] = []
        for d in digits {
            let cur = rem * 10 + d
            let q = cur / 256
            rem = cur % 256
            if !next.isEmpty || q != 0 { next.append(q) }
        }
        out.append(UInt8(rem))
        digits = next
    }
    return out.reversed()
}

/// The ethereum/tests reading of an RLP test's "in": strings are bytes ("0x…" as hex,
/// "#…" as a decimal big integer), numbers are integers, arrays are lists.
func item(fromJSON v: Any) -> RLPItem? {
    if let s = v as? String {
        if s.hasPrefix("#") { return .bytes(decimalToBytes(String(s.dropFirst()))) }
        if s.hasPrefix("0x") { return Hex.decode(s).map { .bytes($0) } }
        return .bytes(Array(s.utf8))
    }
    if let n = v as? NSNumber { return RLPItem(n.uint64Value) }
    if let a = v as? [Any] {
        var items: [RLPItem] = []
        for x in a {
            guard let i = item(fromJSON: x) else { return nil }
            items.append(i)
        }
        return .list(items)
    }
    return nil
}

func parseJSONObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

@Suite struct RLPEncodingTests {
    // Yellow Paper appendix B / Ethereum wiki examples.
    @Test func wikiExamples() {
        #expect(RLP.encode(.bytes(bytes("dog"))) == hex("0x83646f67"))
        #expect(RLP.encode(.list([.bytes(bytes("cat")), .bytes(bytes("dog"))])) == hex("0xc88363617483646f67"))
        #expect(RLP.encode(.bytes([])) == hex("0x80"))
        #expect(RLP.encode(.list([])) == hex("0xc0"))
        #expect(RLP.encode(RLPItem(U256.zero)) == hex("0x80"))
        #expect(RLP.encode(RLPItem(UInt64(0))) == hex("0x80"))
        #expect(RLP.encode(.bytes([0x00])) == hex("0x00"))
        #expect(RLP.encode(.bytes([0x0f])) == hex("0x0f"))
        #expect(RLP.encode(RLPItem(UInt64(15))) == hex("0x0f"))
        #expect(RLP.encode(RLPItem(U256(15))) == hex("0x0f"))
        #expect(RLP.encode(RLPItem(UInt64(1024))) == hex("0x820400"))
        #expect(RLP.encode(RLPItem(U256(1024))) == hex("0x820400"))
        // The set-theoretic representation of three.
        let three: RLPItem = .list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])])
        #expect(RLP.encode(three) == hex("0xc7c0c1c0c3c0c1c0"))
        #expect(RLP.encode(.bytes(bytes("Lorem ipsum dolor sit amet, consectetur adipisicing elit")))
                == hex("0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974"))
    }

    @Test func addressAndWideIntegers() throws {
        let a = try #require(Address(hex: "0x095e7baea6a6c7c4c2dfeb977efac326af552d87"))
        #expect(RLP.encode(RLPItem(a)) == hex("0x94095e7baea6a6c7c4c2dfeb977efac326af552d87"))
        #expect(RLP.encode(RLPItem(U256.max)) == [0xa0] + [UInt8](repeating: 0xff, count: 32))
        #expect(RLP.encode(RLPItem(UInt64.max)) == [0x88] + [UInt8](repeating: 0xff, count: 8))
        #expect(RLP.encode(RLPItem(UInt64(0x80))) == hex("0x8180"))
    }

    /// ethereum/tests RLPTests/rlptest.json: encode "in", compare with "out", decode "out" back.
    @Test func officialRLPTests() throws {
        let tests = parseJSONObject(rlpTestJSON)
        #expect(tests.count == 29)
        for (name, t) in tests.sorted(by: { $0.key < $1.key }) {
            let t = try #require(t as? [String: Any], "\(name)")
            let input = try #require(t["in"].flatMap(item(fromJSON:)), "\(name)")
            let out = hex(try #require(t["out"] as? String))
            if name == "listofbinaries" {
                // This fixture is inconsistent as stored: "out" is the RLP of the first four
                // strings (header f8a7 = 167 payload bytes) followed by zero padding (it is an
                // RLPx frame), while "in" lists 143 further "0x00" strings. Check what is
                // checkable: the first four items encode to the 169-byte prefix, and a strict
                // decoder rejects the padded whole.
                let first4 = RLPItem.list(Array(try #require(input.listValue).prefix(4)))
                #expect(RLP.encode(first4) == Array(out.prefix(169)))
                #expect(try RLP.decode(Array(out.prefix(169))) == first4)
                #expect(throws: RLPError.trailingBytes) { try RLP.decode(out) }
                continue
            }
            #expect(RLP.encode(input) == out, "\(name)")
            #expect(RLP.encodedLength(input) == out.count, "\(name)")
            #expect(try RLP.decode(out) == input, "\(name)")
        }
    }
}

@Suite struct RLPDecodingTests {
    /// ethereum/tests RLPTests/invalidRLPTest.json: every case must be rejected.
    @Test func officialInvalidRLPTests() throws {
        let tests = parseJSONObject(invalidRLPTestJSON)
        #expect(tests.count == 17)
        for (name, t) in tests.sorted(by: { $0.key < $1.key }) {
            let t = try #require(t as? [String: Any], "\(name)")
            let out = hex(try #require(t["out"] as? String))
            #expect(throws: RLPError.self, "\(name)") { try RLP.decode(out) }
        }
    }

    @Test func specificErrors() {
        func err(_ h: String) -> RLPError? {
            do { _ = try RLP.decode(hex(h)); return nil } catch { return error }
        }
        #expect(err("0x") == .truncated)
        #expect(err("0x8100") == .nonCanonicalSingleByte)
        #expect(err("0x817f") == .nonCanonicalSingleByte)
        #expect(err("0xb800") == .nonCanonicalLength)
        #expect(err("0xb801ff") == .nonCanonicalLength)
        #expect(err("0xf803112233") == .nonCanonicalLength)
        #expect(err("0xb90040" + String(repeating: "00", count: 64)) == .nonCanonicalLength)
        #expect(err("0x83646f") == .truncated)
        #expect(err("0x83646f6767") == .trailingBytes)
        #expect(err("0xc0c0") == .trailingBytes)
        // A child that claims more than its parent's payload.
        #expect(err("0xc283646f67") == .truncated)
        // Huge declared lengths: no allocation, no overflow trap.
        #expect(err("0xbfffffffffffffffff") == .truncated)
        #expect(err("0xffffffffffffffffff") == .truncated)
        #expect(err("0xbf7fffffffffffffff00") == .truncated)
        #expect(err("0xbf8000000000000000") == .truncated)
        #expect(err("0xf9ffff") == .truncated)
        #expect(err("0xbf") == .truncated)
        #expect(err("0xb8") == .truncated)
    }

    @Test func deepNestingThrows() throws {
        // Canonical encodings nested past the limit are rejected, not a stack overflow.
        var deep: RLPItem = .list([])
        for _ in 0..<(RLP.maxDepth + 10) { deep = .list([deep]) }
        let enc = RLP.encode(deep)
        #expect(throws: RLPError.tooDeep) { try RLP.decode(enc) }
        // Truncated nesting: 100k list headers with nothing inside.
        let hostile = [UInt8](repeating: 0xc1, count: 100_000)
        #expect(throws: RLPError.self) { try RLP.decode(hostile) }
        var ok: RLPItem = .list([])
        for _ in 0..<100 { ok = .list([ok, .bytes([1, 2, 3])]) }
        #expect(try RLP.decode(RLP.encode(ok)) == ok)
    }

    @Test func strictIntegers() throws {
        #expect(try RLPItem.bytes([]).u256() == .zero)
        #expect(try RLPItem.bytes([0x04, 0x00]).u256() == U256(1024))
        #expect(try RLPItem.bytes([UInt8](repeating: 0xff, count: 32)).u256() == .max)
        #expect(throws: RLPError.leadingZeros) { try RLPItem.bytes([0x00]).u256() }
        #expect(throws: RLPError.leadingZeros) { try RLPItem.bytes([0x00, 0x01]).u256() }
        #expect(throws: RLPError.valueTooLarge) { try RLPItem.bytes([1] + [UInt8](repeating: 0, count: 32)).u256() }
        #expect(throws: RLPError.expectedBytes) { try RLPItem.list([]).u256() }

        #expect(try RLPItem.bytes([]).uint64() == 0)
        #expect(try RLPItem.bytes([0x01, 0x00]).uint64() == 256)
        #expect(try RLPItem.bytes([UInt8](repeating: 0xff, count: 8)).uint64() == .max)
        #expect(throws: RLPError.leadingZeros) { try RLPItem.bytes([0x00]).uint64() }
        #expect(throws: RLPError.valueTooLarge) { try RLPItem.bytes([UInt8](repeating: 1, count: 9)).uint64() }
        #expect(throws: RLPError.expectedBytes) { try RLPItem.list([]).uint64() }

        let a = try #require(Address(hex: "0x095e7baea6a6c7c4c2dfeb977efac326af552d87"))
        #expect(try RLPItem(a).address() == a)
        #expect(throws: RLPError.self) { try RLPItem.bytes([1, 2, 3]).address() }
        #expect(throws: RLPError.self) { try RLPItem.bytes([UInt8](repeating: 1, count: 21)).address() }
        #expect(throws: RLPError.expectedBytes) { try RLPItem.list([]).address() }

        #expect(RLPItem.list([.bytes([1])]).listValue == [.bytes([1])])
        #expect(RLPItem.list([]).bytesValue == nil)
        #expect(RLPItem.bytes([1]).bytesValue == [1])
        #expect(RLPItem.bytes([1]).listValue == nil)
    }

    /// Mutated and random inputs: decoding never traps, and whatever a strict decoder
    /// accepts must re-encode to exactly the input (one canonical encoding per item).
    @Test func fuzzCanonicalRoundTrip() {
        var rng = SplitMix64(seed: 0x5eed)
        let seeds: [[UInt8]] = [
            hex("0xc7c0c1c0c3c0c1c0"), hex("0xcc83646f6783676f6483636174"), hex("0xc6827a77c10401"),
            hex("0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974"),
            hex("0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376"),
        ]
        var accepted = 0
        for i in 0..<20_000 {
            var input: [UInt8]
            if i % 4 == 0 {
                input = (0..<Int(rng.next() % 12)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                input = seeds[Int(rng.next() % UInt64(seeds.count))]
                for _ in 0...(rng.next() % 3) {
                    switch rng.next() % 3 {
                    case 0: input[Int(rng.next() % UInt64(input.count))] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: if input.count > 1 { input.removeLast(Int(rng.next() % UInt64(input.count))) }
                    default: input.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(input.count + 1)))
                    }
                    if input.isEmpty { input = [0xc0] }
                }
            }
            if let item = try? RLP.decode(input) {
                accepted += 1
                #expect(RLP.encode(item) == input)
            }
        }
        #expect(accepted > 100)
    }

    /// Integers round-trip through encode/decode for every byte width.
    @Test func integerRoundTrip() throws {
        var v = U256.one
        for _ in 0..<256 {
            #expect(try RLP.decode(RLP.encode(RLPItem(v))).u256() == v)
            v = v.shiftedLeft(byBits: 1)
        }
        for shift in 0..<64 {
            let x = UInt64(1) << UInt64(shift) | 1
            #expect(try RLP.decode(RLP.encode(RLPItem(x))).uint64() == x)
        }
    }
}

/// A small deterministic generator for fuzz tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64, test: String = #function) { state = TestSeed.value(test, default: seed) }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
