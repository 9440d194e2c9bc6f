import Testing
import Primitives
import UInt256
@testable import ABI

/// The worked examples of the Solidity docs, "Contract ABI Specification" → Examples and
/// "Use of Dynamic Types".
@Suite struct SpecExampleTests {
    @Test func bazUint32Bool() throws {
        // baz(69, true)
        let f = try FunctionSignature("baz(uint32,bool)")
        #expect(hex(f.selector) == "cdcd77c0")
        let data = try ABI.encodeCall("baz(uint32,bool)", [.uint(U256(69)), .bool(true)])
        #expect(data == bytes("cdcd77c0") + words("45", "01"))
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: f.inputs) == [.uint(U256(69)), .bool(true)])
    }

    @Test func barBytes3Array() throws {
        // bar(["abc", "def"])
        let v: ABIValue = .array([.fixedBytes(Array("abc".utf8)), .fixedBytes(Array("def".utf8))])
        let data = try ABI.encodeCall("bar(bytes3[2])", [v])
        #expect(data == bytes("fce353f6") + words(left("abc"), left("def")))
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: "bytes3[2]") == [v])
    }

    @Test func samBytesBoolUintArray() throws {
        // sam("dave", true, [1,2,3])
        let values: [ABIValue] = [.bytes(Array("dave".utf8)), .bool(true), .array([1, 2, 3].map { .uint(U256($0)) })]
        let data = try ABI.encodeCall("sam(bytes,bool,uint256[])", values)
        let expected = bytes("a5643bf2") + words("60", "01", "a0", "04", left("dave"), "03", "01", "02", "03")
        #expect(data == expected)
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: "bytes", "bool", "uint256[]") == values)
    }

    @Test func fDynamicTypes() throws {
        // f(0x123, [0x456, 0x789], "1234567890", "Hello, world!")
        let values: [ABIValue] = [.uint(U256(0x123)), .array([.uint(U256(0x456)), .uint(U256(0x789))]),
                                  .fixedBytes(Array("1234567890".utf8)), .bytes(Array("Hello, world!".utf8))]
        let data = try ABI.encodeCall("f(uint,uint32[],bytes10,bytes)", values)
        let expected = bytes("8be65246") + words("0123", "80", left("1234567890"), "e0", "02", "0456", "0789", "0d",
                                                 left("Hello, world!"))
        #expect(data == expected)
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: "uint256", "uint32[]", "bytes10", "bytes") == values)
    }

    @Test func gNestedDynamicArrays() throws {
        // g([[1, 2], [3]], ["one", "two", "three"])
        let values: [ABIValue] = [
            .array([.array([.uint(U256(1)), .uint(U256(2))]), .array([.uint(U256(3))])]),
            .array([.string("one"), .string("two"), .string("three")]),
        ]
        let data = try ABI.encodeCall("g(uint256[][],string[])", values)
        let expected = bytes("2289b18c") + words(
            "40", "0140",
            "02", "40", "a0", "02", "01", "02", "01", "03",
            "03", "60", "a0", "e0", "03", left("one"), "03", left("two"), "05", left("three"))
        #expect(data == expected)
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: "uint256[][]", "string[]") == values)
    }

    @Test func tuplesRoundTrip() throws {
        let t = try ABIType("(uint8,(address,string)[],bytes32[2],int16)")
        #expect(t.description == "(uint8,(address,string)[],bytes32[2],int16)")
        #expect(t.isDynamic)
        let a = Address(hex: "0x1111111111111111111111111111111111111111")!
        let v: ABIValue = .tuple([.uint(U256(7)), .array([.tuple([.address(a), .string("x")]), .tuple([.address(.zero), .string("")])]),
                                  .array([.fixedBytes([UInt8](repeating: 1, count: 32)), .fixedBytes([UInt8](repeating: 2, count: 32))]),
                                  .signed(-300)])
        let enc = try ABI.encode([v, .string("tail")], as: [t, .string])
        #expect(try ABI.decode(enc, as: [t, .string]) == [v, .string("tail")])
    }

    @Test func signedIntegers() throws {
        let enc = try ABI.encode([.signed(-1), .signed(-128), .signed(127)], as: "int8", "int8", "int256")
        #expect(enc == words(String(repeating: "ff", count: 32), String(repeating: "ff", count: 31) + "80", "7f"))
        let dec = try ABI.decode(enc, as: "int8", "int8", "int256")
        #expect(dec.map(\.intValue) == [-1, -128, 127])
        #expect(throws: ABIError.self) { try ABI.encode([.signed(128)], as: "int8") }
        #expect(throws: ABIError.self) { try ABI.encode([.uint(U256(256))], as: "uint8") }
    }

    @Test func typeParsing() throws {
        #expect(try ABIType("uint") == .uint(256))
        #expect(try ABIType("int") == .int(256))
        #expect(try ABIType("uint8[2][]") == .dynamicArray(.array(.uint(8), 2)))
        #expect(try ABIType("()") == .tuple([]))
        #expect(try ABIType("bytes32[3]").headSize == 96)
        for bad in ["uint7", "uint264", "uint0", "int08", "bytes0", "bytes33", "addres", "uint256[", "uint256[x]", "(uint256",
                    "(uint256,)", "tuple", "", "uint256]", "uint256[99999999999]", "uint256[100000][100000]",
                    String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)] {
            #expect(throws: ABIError.self, "\(bad.prefix(30))") { try ABIType(bad) }
        }
    }
}
