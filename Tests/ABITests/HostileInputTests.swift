import Testing
import Primitives
import UInt256
@testable import ABI

/// Strict decoding: malformed data is an error, never a trap or a huge allocation.
@Suite struct HostileInputTests {
    @Test func offsetBeyondData() {
        #expect(throws: ABIError.self) { try ABI.decode(words("ffff"), as: "bytes") }
        #expect(throws: ABIError.self) { try ABI.decode(words(String(repeating: "ff", count: 32)), as: "string") }
        #expect(throws: ABIError.self) { try ABI.decode(words("40"), as: "uint256[]") }
        #expect(throws: ABIError.self) { try ABI.decode(words("20"), as: "uint256[]") }  // offset ok, length missing
    }

    @Test func lengthOverflow() {
        #expect(throws: ABIError.self) { try ABI.decode(words("20", String(repeating: "ff", count: 32)), as: "bytes") }
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "ffffffffffffffff"), as: "uint256[]") }
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "0800000000000000"), as: "uint256[]") }
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "21", "00"), as: "bytes") }
        // Zero-size elements: a huge count is still bounded by the work budget.
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "ffffffffffff"), as: "()[]") }
    }

    @Test func dirtyValues() throws {
        #expect(throws: ABIError.self) { try ABI.decode(words("02"), as: "bool") }
        #expect(throws: ABIError.self) { try ABI.decode(words("0100"), as: "uint8") }
        #expect(throws: ABIError.self) { try ABI.decode(words("01" + String(repeating: "00", count: 20)), as: "address") }
        #expect(throws: ABIError.self) { try ABI.decode(words("80"), as: "int8") }           // 128 is not sign-extended
        #expect(throws: ABIError.self) { try ABI.decode(words(left("ab")), as: "bytes1") }    // second byte dirty
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "01", "6162"), as: "bytes") } // 'b' in the padding
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "01", left("\u{ff}")), as: "string") }
        #expect(try ABI.decode(words("01"), as: "bool") == [.bool(true)])
    }

    @Test func truncated() throws {
        #expect(throws: ABIError.self) { try ABI.decode(Array(words("01").prefix(31)), as: "uint256") }
        #expect(throws: ABIError.self) { try ABI.decode(words("01"), as: "uint256", "uint256") }
        #expect(throws: ABIError.self) { try ABI.decode(words("20", "02", "01"), as: "uint256[]") }
        #expect(throws: ABIError.self) { try ABI.decode([], as: "(uint256,bool)") }
        #expect(try ABI.decode([], as: []) == [])
    }

    @Test func overlappingOffsetsAreBounded() {
        // A uint256[][] whose 4096 elements all point at the same 4096-element array: a few
        // hundred KB of input that would otherwise decode into 16M values.
        var d = words("20", "1000")
        for _ in 0..<4096 { d += words("8000") }          // relative to the element heads
        d += words("1000") + [UInt8](repeating: 0, count: 32 * 4096)
        #expect(throws: ABIError.self) { try ABI.decode(d, as: "uint256[][]") }
    }

    /// splitmix64, so that a failure replays from the printed seed.
    struct SeededRNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomBytesNeverTrap() {
        let seed = TestSeed.value("randomBytesNeverTrap", default: 0xAB1_5EED)
        var rng = SeededRNG(state: seed)
        let types = ["uint256[]", "(bytes,string[])", "bytes32[2][]", "(uint8,bool)[]", "string", "uint256[][]"].compactMap { try? ABIType($0) }
        for _ in 0..<2000 {
            let n = Int.random(in: 0...200, using: &rng)
            var data = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Bias some words toward small values so that decoding gets past the first offset.
            for i in stride(from: 0, to: data.count, by: 32) where Bool.random(using: &rng) {
                for j in i..<min(i + 31, data.count) { data[j] = 0 }
            }
            for t in types { _ = try? ABI.decode(data, as: [t]) }
        }
    }

    @Test func badJSONIsAnError() {
        for bad in ["", "{", "[", "[{]", "[{\"type\":\"function\"}]", "[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"uint7\"}]}]",
                    "[{\"type\":\"wat\"}]", "\"\\ud800\"", String(repeating: "[", count: 100_000), "[1,]", "nul"] {
            #expect(throws: ABIError.self, "\(bad.prefix(20))") { try ContractABI(json: bad) }
        }
    }

    @Test func wrongArgumentsAreErrors() throws {
        let abi = try ContractABI(json: #"[{"type":"function","name":"transfer","inputs":[{"name":"to","type":"address"},{"name":"amount","type":"uint256"}],"outputs":[{"type":"bool"}]}]"#)
        #expect(throws: ABIError.self) { try abi.encodeCall("transfer", [1]) }
        #expect(throws: ABIError.self) { try abi.encodeCall("transfer", ["0x12", 1]) }
        #expect(throws: ABIError.self) { try abi.encodeCall("transfer", [Address.zero, -1]) }
        #expect(throws: ABIError.self) { try abi.encodeCall("transfer", [Address.zero, "1.5"]) }
        #expect(throws: ABIError.self) { try abi.encodeCall("transferr", [Address.zero, 1]) }
        #expect(throws: ABIError.self) { try ABI.hex("0x123") }
        #expect(throws: ABIError.self) { try ABI.hex("0xzz") }
    }
}
