import Foundation
import Testing
@testable import PorvmCLI

/// `porvm exec`: expected gas comes from the Yellow Paper's fee schedule and the EIPs named
/// next to each figure, never from porvm's own output.
extension CLITests {
@Suite struct ExecCommandTests {
    static let sender = "0x1010101010101010101010101010101010101010"
    static let contract = "0x00000000000000000000000000000000000000aa"

    static func caseLine(code: String, data: String = "0x", gas: Int = 100_000, storage: String = "{}",
                         fork: String = "Cancun", id: Int = 1) -> String {
        """
        {"id":\(id),"fork":"\(fork)","env":{"number":10,"gasLimit":30000000},\
        "pre":{"\(sender)":{"balance":"0xde0b6b3a7640000"},"\(contract)":{"code":"\(code)","nonce":1,"storage":\(storage)}},\
        "tx":{"caller":"\(sender)","to":"\(contract)","data":"\(data)","gasLimit":\(gas),"gasPrice":"0x1"}}
        """
    }

    /// Runs `porvm exec FILE` on the given lines; returns the exit code, parsed results and stderr.
    static func exec(_ lines: [String], extra: [String] = []) throws -> (code: Int32, results: [[String: Any]], err: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-exec-\(UUID()).jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = Captured()
        let code = Porvm.main(["exec", path] + extra, console: c.console)
        let results = c.out.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(results.count == c.out.count)
        return (code, results, c.err)
    }

    @Test func gasUsedIsIntrinsicPlusExecution() throws {
        let r = try Self.exec([
            // PUSH1 1 PUSH1 2 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: G_verylow x7 + one memory word (3) = 24.
            Self.caseLine(code: "0x600160020160005260206000f3", id: 1),
            // Empty code, call data 00 01: G_transaction 21000 + G_txdatazero 4 + G_txdatanonzero 16 (EIP-2028).
            Self.caseLine(code: "0x", data: "0x0001", id: 2),
            // PUSH1 1 PUSH1 0 SSTORE (Cancun): 3 + 3 + G_sset 20000 + G_coldsload 2100 (EIP-2929).
            Self.caseLine(code: "0x6001600055", id: 3),
            // PUSH1 0 PUSH1 0 SSTORE clearing slot 0 = 1: 3+3 + (5000-2100) + 2100 = 5006; refund
            // R_sclear 4800 (EIP-3529), under the cap (21000+5006)/5.
            Self.caseLine(code: "0x6000600055", storage: #"{"0x0":"0x1"}"#, id: 4),
            // PUSH1 0 PUSH1 0 REVERT: 3 + 3, no refund; status revert.
            Self.caseLine(code: "0x60006000fd", id: 5),
            // 0xFE (INVALID): an exceptional halt consumes all the gas.
            Self.caseLine(code: "0xfe", gas: 50_000, id: 6),
            // Gas limit below the intrinsic 21000: the transaction is rejected.
            Self.caseLine(code: "0x", gas: 20_000, id: 7),
        ])
        #expect(r.code == 0)
        #expect(r.err.isEmpty)
        let byId = Dictionary(uniqueKeysWithValues: r.results.map { (($0["id"] as? Int) ?? -1, $0) })
        #expect(byId[1]?["status"] as? String == "success")
        #expect(byId[1]?["gasUsed"] as? Int == 21_000 + 24)
        #expect(byId[1]?["output"] as? String == "0x" + String(repeating: "0", count: 63) + "3")
        #expect(byId[2]?["gasUsed"] as? Int == 21_020)
        #expect(byId[3]?["gasUsed"] as? Int == 21_000 + 22_106)
        let post = (byId[3]?["post"] as? [String: Any])?[Self.contract] as? [String: Any]
        #expect((post?["storage"] as? [String: String]) == ["0x0": "0x1"])
        #expect(byId[4]?["gasUsed"] as? Int == 21_000 + 5_006 - 4_800)
        #expect(byId[5]?["status"] as? String == "revert")
        #expect(byId[5]?["gasUsed"] as? Int == 21_006)
        #expect(byId[6]?["status"] as? String == "halt")
        #expect(byId[6]?["reason"] as? String == "invalid instruction")
        #expect(byId[6]?["gasUsed"] as? Int == 50_000)
        #expect(byId[7]?["status"] as? String == "rejected")
        #expect(byId[7]?["reason"] as? String == "INTRINSIC_GAS_TOO_LOW")
        // Gas price 1, no base fee: the sender pays gasUsed wei, the coinbase (zero address) earns it.
        let sender = (byId[1]?["post"] as? [String: Any])?[Self.sender] as? [String: Any]
        #expect(sender?["balance"] as? String == "0x" + String(1_000_000_000_000_000_000 - 21_024, radix: 16))
        #expect(sender?["nonce"] as? Int == 1)
    }

    @Test func logsAndCoverage() throws {
        // PUSH1 0xab PUSH1 0 PUSH1 0 LOG1: 3x3 + G_log 375 + G_logtopic 375 = 759.
        let r = try Self.exec([Self.caseLine(code: "0x60ab60006000a1")], extra: ["--coverage"])
        #expect(r.code == 0)
        let res = try #require(r.results.first)
        #expect(res["gasUsed"] as? Int == 21_000 + 759)
        let logs = try #require(res["logs"] as? [[String: Any]])
        #expect(logs.count == 1)
        #expect(logs.first?["address"] as? String == Self.contract)
        #expect(logs.first?["topics"] as? [String] == ["0x" + String(repeating: "0", count: 62) + "ab"])
        #expect(logs.first?["data"] as? String == "0x")
        // PUSH1 (0x60), LOG1 (0xa1) and the STOP past the end of the code (Yellow Paper §9.4.1:
        // bytes beyond the code read as STOP) ran, nothing else.
        let ops = try #require(res["ops"] as? String)
        var expected = [UInt8](repeating: 0, count: 32)
        for op in [0x00, 0x60, 0xa1] { expected[31 - op / 8] |= UInt8(1 << (op % 8)) }
        #expect(ops == expected.map { String(format: "%02x", $0) }.joined())
    }

    @Test(arguments: [
        ("not json", "not a JSON object"),
        (#"{"pre":{}}"#, "tx"),
        (#"{"tx":{"caller":"0x10","gasLimit":1}}"#, "tx.caller"),
        (#"{"tx":{"caller":"0x1010101010101010101010101010101010101010"}}"#, "tx.gasLimit"),
        (#"{"fork":"Frontier","tx":{"caller":"0x1010101010101010101010101010101010101010","gasLimit":1}}"#, "unknown fork"),
        (#"{"env":{"number":-1},"tx":{"caller":"0x1010101010101010101010101010101010101010","gasLimit":1}}"#, "env.number"),
        (#"{"pre":{"0xaa":{}},"tx":{"caller":"0x1010101010101010101010101010101010101010","gasLimit":1}}"#, "pre key"),
        (#"{"pre":{"0x00000000000000000000000000000000000000aa":{"code":"0xzz"}},"tx":{"caller":"0x1010101010101010101010101010101010101010","gasLimit":1}}"#, "bad hex"),
        (#"{"tx":{"caller":"0x1010101010101010101010101010101010101010","gasLimit":"0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}}"#, "bad number"),
        (String(repeating: "[", count: 100_000), "nested deeper"),
    ])
    func badInputIsOneLineAndExitTwo(line: String, fragment: String) throws {
        let r = try Self.exec([Self.caseLine(code: "0x"), line])
        #expect(r.code == 2)
        #expect(r.results.count == 1)            // the good line before it was answered
        #expect(r.err.count == 1)
        #expect(r.err.first?.hasPrefix("porvm: line 2: ") == true)
        #expect(r.err.first?.contains(fragment) == true)
    }
}
}
