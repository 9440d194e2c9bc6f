import Foundation
import Testing
import ABI
import EVM
import Primitives
import Scenario
import UInt256
@testable import Fuzzer

typealias DeepStackShim = DeepStack

/// Bad config files: one `file:line: …field…: message` error each.
struct ConfigTests {
    static func error(_ extra: String, actors: String = "[alice, bob]") throws -> String {
        let dir = try TwoStep.artifactFolder()
        do {
            _ = try FuzzConfig.load(try TwoStep.config(in: dir, extra, actors: actors), plugins: [FuzzSteps()])
            return "no error"
        } catch let e as ScenarioError {
            return e.description
        }
    }

    @Test func unknownKey() throws {
        let e = try Self.error("budget: 5\n")
        #expect(e.contains(":9") && e.contains("field 'budget'") && e.contains("unknown field"), "\(e)")
    }

    @Test func propertyErrors() throws {
        #expect(try Self.error("properties: [\"t.nope() < 1\"]\n").contains("has no function 'nope'"))
        #expect(try Self.error("properties: [\"t.flag() <\"]\n").contains("ends too early"))
        #expect(try Self.error("properties: [\"t.flag()\"]\n").contains("a comparison or a call of a function returning bool"))
        #expect(try Self.error("properties: [\"t.flag() = 1\"]\n").contains("'=' must be '=='"))
        // a() changes state: a property only reads.
        #expect(try Self.error("properties: [\"t.a() == 0\"]\n").contains("not a view function"))
    }

    @Test func targetAndActorErrors() throws {
        #expect(try Self.error("targets: [t.zz]\n").contains("has no function 'zz'"))
        #expect(try Self.error("targets: [{call: t.a, from: [carol]}]\n").contains("'carol' is not an actor"))
        #expect(try Self.error("", actors: "[alice, nobody]").contains("field 'actors[1]'"))
        #expect(try Self.error("sequence_length: 0\n").contains("sequence_length"))
    }

    @Test func setupStepErrorsNameTheStep() throws {
        let dir = try TwoStep.artifactFolder()
        let path = dir + "/bad.yaml"
        try Data("setup:\n  - deploy: Missing\nproperties: []\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try FuzzConfig.load(path, plugins: [])
            Issue.record("no error")
        } catch let e as ScenarioError {
            #expect(e.description.contains("step 1") && e.description.contains("Missing"), "\(e)")
        }
    }

    @Test func sequenceJSONRoundTrip() throws {
        let s = CallSequence([
            .call("t", "f(int256,address,uint8[],bytes,string,bool)", args: [
                .int(U256(5).negated), .address(Address(word: U256(0xabcdef))), .array([.uint(U256(1)), .uint(U256(255))]),
                .bytes([0xde, 0xad]), .string("q\"x"), .bool(true),
            ], from: "alice", value: U256(3)),
            .warp(3600), .roll(2),
        ])
        let data = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(CallSequence.self, from: data) == s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"int\":\"-5\""))
    }

    @Test func comparisonArithmetic() {
        // 2^256 - 1 + 1 overflows; -3 < 2; 5 - 7 = -2.
        let max = Signed(negative: false, magnitude: U256(w0: .max, w1: .max, w2: .max, w3: .max))
        #expect(max.adding(Signed(negative: false, magnitude: U256(1))) == nil)
        #expect(Signed(negative: true, magnitude: U256(3)).compare(Signed(negative: false, magnitude: U256(2))) == -1)
        let d = Signed(negative: false, magnitude: U256(5)).adding(Signed(negative: true, magnitude: U256(7)))
        #expect(d?.description == "-2")
        #expect(Signed(negative: true, magnitude: .zero).compare(Signed(negative: false, magnitude: .zero)) == 0)
    }

    @Test func shrinkCandidates() {
        #expect(Campaign.smaller(U256(10)) == [U256(0), U256(1), U256(5), U256(9)])
        #expect(Campaign.smaller(U256(1)) == [U256(0)])
        #expect(Campaign.smaller(.zero).isEmpty)
    }
}
