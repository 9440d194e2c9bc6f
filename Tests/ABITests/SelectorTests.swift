import Testing
import UInt256
@testable import ABI

@Suite struct SelectorTests {
    @Test func erc20Selectors() throws {
        let known = [
            "transfer(address,uint256)": "a9059cbb",
            "transferFrom(address,address,uint256)": "23b872dd",
            "approve(address,uint256)": "095ea7b3",
            "balanceOf(address)": "70a08231",
            "allowance(address,address)": "dd62ed3e",
            "totalSupply()": "18160ddd",
            "decimals()": "313ce567",
            "latestRoundData()": "feaf968c",
            "Error(string)": "08c379a0",
            "Panic(uint256)": "4e487b71",
        ]
        for (sig, sel) in known { #expect(hex(try ABI.selector(sig)) == sel, "\(sig)") }
        // `uint` is normalised to uint256 before hashing.
        #expect(hex(try ABI.selector("transfer(address, uint)")) == "a9059cbb")
    }

    @Test func eventTopics() throws {
        #expect(try ABI.eventTopic("Transfer(address,address,uint256)").hexString
                == "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
        #expect(try ABI.eventTopic("Approval(address,address,uint256)").hexString
                == "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925")
    }

    @Test func signatureWithOutputs() throws {
        let s = try FunctionSignature("balanceOf(address) returns (uint256)")
        #expect(s.outputs == [.uint(256)])
        let t = try FunctionSignature("getRoundData(uint80)(uint80,int256,uint256,uint256,uint80)")
        #expect(t.outputs.count == 5)
        #expect(throws: ABIError.self) { try FunctionSignature("noParens") }
        #expect(throws: ABIError.self) { try FunctionSignature("f(uint256") }
        #expect(throws: ABIError.self) { try FunctionSignature("1f()") }
    }

    @Test func panicCodes() {
        #expect(RevertReason.panicMeaning(U256(0x01)) == "assertion failed")
        #expect(RevertReason.panicMeaning(U256(0x11)) == "arithmetic overflow or underflow")
        #expect(RevertReason.panicMeaning(U256(0x12)) == "division or modulo by zero")
        #expect(RevertReason.panicMeaning(U256(0x32)) == "array index out of bounds")
        #expect(RevertReason.panicMeaning(U256(0x41)).contains("memory"))
        #expect(RevertReason(data: RevertReason.encodePanic(0x11)) == .panic(code: U256(0x11)))
        #expect(RevertReason(data: RevertReason.encodePanic(0x11)).description.contains("overflow"))
    }

    @Test func revertDecoding() throws {
        #expect(RevertReason(data: []) == .empty)
        let err = RevertReason.encodeError("ERC20: transfer amount exceeds balance")
        #expect(hex(Array(err.prefix(4))) == "08c379a0")
        #expect(RevertReason(data: err).message == "ERC20: transfer amount exceeds balance")
        let abi = try ContractABI(json: """
        [{"type":"error","name":"InsufficientBalance","inputs":[{"name":"available","type":"uint256"},{"name":"required","type":"uint256"}]}]
        """)
        let data = try ABI.selector("InsufficientBalance(uint256,uint256)") + words("05", "09")
        #expect(RevertReason(data: data, abis: [abi]) == .custom(name: "InsufficientBalance", signature: "InsufficientBalance(uint256,uint256)",
                                                               arguments: [.uint(U256(5)), .uint(U256(9))]))
        #expect(RevertReason(data: data) == .raw(data))
        #expect(RevertReason(data: [1, 2]) == .raw([1, 2]))
        // Error(string) with a broken payload stays raw rather than trapping.
        #expect(RevertReason(data: RevertReason.errorSelector + words("20", "ffff")) == .raw(RevertReason.errorSelector + words("20", "ffff")))
    }
}
