import Testing
import Primitives
import UInt256
@testable import ABI

@Suite struct JSONABITests {
    static let erc20 = """
    [
      {"type":"constructor","inputs":[{"name":"name_","type":"string","internalType":"string"}],"stateMutability":"nonpayable"},
      {"type":"function","name":"transfer","inputs":[{"name":"to","type":"address","internalType":"address"},{"name":"amount","type":"uint256","internalType":"uint256"}],"outputs":[{"name":"","type":"bool","internalType":"bool"}],"stateMutability":"nonpayable"},
      {"type":"function","name":"balanceOf","constant":true,"inputs":[{"name":"who","type":"address"}],"outputs":[{"name":"","type":"uint256"}]},
      {"type":"function","name":"f","inputs":[{"name":"x","type":"uint256"}],"outputs":[]},
      {"type":"function","name":"f","inputs":[{"name":"x","type":"uint256"},{"name":"y","type":"bool"}],"outputs":[]},
      {"type":"function","name":"g","inputs":[{"name":"s","type":"tuple[]","internalType":"struct S[]","components":[{"name":"a","type":"uint8"},{"name":"b","type":"tuple","components":[{"name":"c","type":"string"}]}]}],"outputs":[]},
      {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
      {"type":"event","name":"Note","anonymous":false,"inputs":[{"name":"tag","type":"string","indexed":true},{"name":"n","type":"int8","indexed":false},{"name":"msg","type":"string","indexed":false}]},
      {"type":"error","name":"Nope","inputs":[{"name":"who","type":"address"}]},
      {"type":"receive","stateMutability":"payable"}
    ]
    """

    @Test func parsesEntries() throws {
        let abi = try ContractABI(json: Self.erc20)
        #expect(abi.functions.count == 5)
        #expect(abi.constructor?.inputs.map(\.type) == [.string])
        #expect(abi.hasReceive && !abi.hasFallback)
        #expect(try abi.function("balanceOf").isReadOnly)
        #expect(try abi.function("g").signature == "g((uint8,(string))[])")
        #expect(try abi.function("f", argumentCount: 2).signature == "f(uint256,bool)")
        #expect(throws: ABIError.self) { try abi.function("f") }
        #expect(try abi.function("f(uint256)").inputs.count == 1)
        #expect(abi.errors.first?.signature == "Nope(address)")
    }

    @Test func callsWithSwiftValues() throws {
        let abi = try ContractABI(json: Self.erc20)
        let to = Address(hex: "0x00000000000000000000000000000000000000aa")!
        let data = try abi.encodeCall("transfer", [to, 1000])
        #expect(data == bytes("a9059cbb") + words("aa", "03e8"))
        #expect(try abi.encodeCall("transfer", ["0x00000000000000000000000000000000000000aa", "1000"]) == data)
        #expect(try abi.encodeCall("transfer", [to, U256(1000)]) == data)
        let g = try abi.encodeCall("g", [[(1, ["hi"]), (2, ["there"])]])
        let decoded = try abi.function("g").decodeInput(g)
        #expect(decoded == [.array([.tuple([.uint(U256(1)), .tuple([.string("hi")])]), .tuple([.uint(U256(2)), .tuple([.string("there")])])])])
        #expect(try abi.encodeConstructor(["Token"]) == words("20", "05", left("Token")))
    }

    @Test func decodesLogs() throws {
        let abi = try ContractABI(json: Self.erc20)
        let from = Address(hex: "0x00000000000000000000000000000000000000aa")!
        let to = Address(hex: "0x00000000000000000000000000000000000000bb")!
        let log = Log(address: .zero, topics: [try ABI.eventTopic("Transfer(address,address,uint256)"), from.word, to.word],
                      data: words("2a"))
        let ev = try #require(abi.decodeLog(log))
        #expect(ev.name == "Transfer")
        #expect(ev["from"] == .address(from) && ev["to"] == .address(to) && ev["value"] == .uint(U256(42)))
        #expect(ev.description == "Transfer(from: \(from), to: \(to), value: 42)")

        let tagHash = U256(bigEndianBytes: ABI.keccak256(Array("tag".utf8)))
        let note = Log(address: .zero, topics: [try ABI.eventTopic("Note(string,int8,string)"), tagHash],
                       data: try ABI.encode([.signed(-5), .string("hello")], as: "int8", "string"))
        let n = try #require(abi.decodeLog(note))
        #expect(n["tag"] == .fixedBytes(tagHash.bigEndianBytes))
        #expect(n["n"]?.intValue == -5 && n["msg"] == .string("hello"))
        // Wrong topic count: not this event.
        #expect(abi.decodeLog(Log(address: .zero, topics: [log.topics[0]], data: words("2a"))) == nil)
    }

    @Test func jsonParser() throws {
        let v = try JSONValue(parsing: #" {"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#)
        #expect(v["a"]?.array?.count == 5)
        #expect(v["a"]?.array?[4].string == "xé😀\n")
        #expect(v["a"]?.array?[1].numberText.flatMap(Double.init) == -2500)
        #expect(v["a"]?.array?[0].int == 1 && v["a"]?.array?[2] == .bool(true) && v["a"]?.array?[3] == .null)
        #expect(v["b"]?.object?.isEmpty == true)
        // Integers keep every digit: 2^64 - 1, and 10^30 (Chainlink's maxAnswer in OCR2 test vectors).
        #expect(try JSONValue(parsing: "18446744073709551615").numberText == "18446744073709551615")
        #expect(try JSONValue(parsing: "[1000000000000000000000000000000]").array?[0].numberText == "1000000000000000000000000000000")
        // 1 and 0 are numbers, not booleans.
        #expect(try JSONValue(parsing: "[1, 0, false]") == .array([.number("1"), .number("0"), .bool(false)]))
    }

    /// Hostile documents are one-line errors, never traps or unbounded recursion.
    @Test func hostileJSONIsAOneLineError() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        let deepClosed = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        let badUTF8: [UInt8] = [0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]       // ["\xff\xfe"]
        let loneSurrogate = Array(#"["\ud800"]"#.utf8)
        for bad in [deep, deepClosed, badUTF8, loneSurrogate, Array("[1] x".utf8), Array("[01]".utf8), Array("[NaN]".utf8)] {
            do {
                _ = try JSONValue(parsing: bad)
                Issue.record("accepted \(bad.prefix(12))")
            } catch let e as ABIError {
                #expect(!e.description.contains("\n"), "\(e)")
            } catch {
                Issue.record("not an ABIError: \(error)")
            }
        }
    }
}
