import Foundation
import Testing
import EVM
import Primitives
import UInt256
import Ethereum

/// A state test's `pre` (address -> {nonce, balance, code, storage}, all hex) as a WorldState.
func worldState(fromPre pre: [String: Any]) -> WorldState? {
    var accounts: [Address: Account] = [:]
    for (addr, v) in pre {
        guard let a = Address(hex: addr), let fields = v as? [String: Any],
              let nonceHex = fields["nonce"] as? String, let nonce = U256(hex: nonceHex), nonce.fitsInUInt64,
              let balanceHex = fields["balance"] as? String, let balance = U256(hex: balanceHex),
              let codeHex = fields["code"] as? String, let code = Hex.decode(codeHex)
        else { return nil }
        var storage: [U256: U256] = [:]
        for (k, val) in fields["storage"] as? [String: Any] ?? [:] {
            guard let key = U256(hex: k), let s = val as? String, let value = U256(hex: s) else { return nil }
            storage[key] = value
        }
        accounts[a] = Account(nonce: nonce.low64, balance: balance, code: Bytecode(code), storage: storage)
    }
    return WorldState(accounts: accounts)
}

@Suite struct StateRootTests {
    @Test func emptyState() {
        #expect(StateRoot.compute(WorldState()) == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
        #expect(StateRoot.storageRoot(Account()) == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
        // Zero-valued slots are absent.
        #expect(StateRoot.storageRoot(Account(storage: [U256(1): .zero, U256(7): .zero]))
                == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
    }

    @Test func logsHashOfNoLogs() {
        #expect(StateRoot.logsHash([]) == hex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"))
    }

    /// Logs hashes from GeneralStateTests/stLogTests (Cancun `post.logs`). The callee
    /// 0x0f572e…5ec6 runs one LOG; its logs follow from its code:
    /// log0_emptyMem `PUSH1 0 PUSH1 0 LOG0` -> no topics, no data;
    /// log1_logMemsizeZero `… PUSH1 0 PUSH1 0 PUSH1 1 LOG1` -> topic 0, no data (size 0);
    /// log2_nonEmptyMem `PUSH32 0xff…ff PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 LOG2`
    ///   -> topics 0, 0 and 32 bytes of 0xff.
    @Test func logsHashOfStateTestLogs() throws {
        let a = try #require(Address(hex: "0x0f572e5295c57f15886f9b263e2f6d2d6c7b5ec6"))
        #expect(StateRoot.logsHash([Log(address: a, topics: [], data: [])])
                == hex("0xea63b4dbbdbca1bd985580a0c3b6f35a4955d4d4cf0b4d903003cdfc4c40ba1c"))
        #expect(StateRoot.logsHash([Log(address: a, topics: [.zero], data: [])])
                == hex("0x7a0b07b554f8629b2183374bf734bfd10f641d640654b6f8e5cc088467f90b3d"))
        #expect(StateRoot.logsHash([Log(address: a, topics: [.zero, .zero], data: [UInt8](repeating: 0xff, count: 32))])
                == hex("0x6e02fdc5f0bf3152415cc76a6ed19cd23f9eee9c8ada826de72bfab8c0bbb103"))
    }

    /// ethereum/tests GeneralStateTests: for a rejected transaction the post hash is the
    /// root of the unchanged pre-state.
    @Test(arguments: stateRootFixtures.map { $0.name })
    func preStateRoot(name: String) throws {
        let f = try #require(stateRootFixtures.first { $0.name == name })
        let pre = parseJSONObject(f.pre)
        #expect(!pre.isEmpty)
        let state = try #require(worldState(fromPre: pre))
        #expect(StateRoot.compute(state) == hex(f.root))
    }

    /// Block state roots from blockchain tests, including a storage trie of 100 slots with
    /// values of every width from 1 to 32 bytes.
    @Test(arguments: blockchainStateRootFixtures.map { $0.name })
    func blockStateRoot(name: String) throws {
        let f = try #require(blockchainStateRootFixtures.first { $0.name == name })
        let state = try #require(worldState(fromPre: parseJSONObject(f.pre)))
        #expect(StateRoot.compute(state) == hex(f.root))
    }

    /// Storage changes after construction go through `current`: the root follows them.
    @Test func storageRootFollowsCurrentValues() throws {
        let f = try #require(stateRootFixtures.first { $0.name.hasSuffix("lowGasLimit.json") })
        let state = try #require(worldState(fromPre: parseJSONObject(f.pre)))
        let expected = StateRoot.compute(state)
        // Add a slot, then zero it: the root must return to the fixture's.
        let (addr, acc) = try #require(state.accounts.first { !$0.value.storage.isEmpty })
        state.setStorage(addr, U256(0xdead), U256(5))
        #expect(StateRoot.compute(state) != expected)
        state.setStorage(addr, U256(0xdead), .zero)
        #expect(StateRoot.compute(state) == expected)
        #expect(StateRoot.storageRoot(acc) != MerklePatriciaTrie.emptyRoot)
    }

    /// Every rejected-transaction case in the unpacked GeneralStateTests archive. Runs only
    /// when ETHEREUM_STATE_TESTS_DIR points at the unpacked `GeneralStateTests` folder, e.g.
    /// ETHEREUM_STATE_TESTS_DIR=/tmp/sttrie/GeneralStateTests swift test --filter EthereumTests
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ETHEREUM_STATE_TESTS_DIR"] != nil,
                   "set ETHEREUM_STATE_TESTS_DIR to an unpacked GeneralStateTests folder"))
    func allRejectedTransactionPreStates() throws {
        let dir = try #require(ProcessInfo.processInfo.environment["ETHEREUM_STATE_TESTS_DIR"])
        let fm = FileManager.default
        let files = try #require(fm.enumerator(atPath: dir)).compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted()
        var checked = 0
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))
            let tests = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for (name, t) in tests {
                guard let t = t as? [String: Any], let pre = t["pre"] as? [String: Any],
                      let post = (t["post"] as? [String: Any])?["Cancun"] as? [[String: Any]] else { continue }
                let rejected = post.filter { $0["expectException"] != nil }
                if rejected.isEmpty { continue }
                let state = try #require(worldState(fromPre: pre), "\(file) \(name)")
                let root = StateRoot.compute(state)
                for p in rejected {
                    let want = hex(try #require(p["hash"] as? String))
                    #expect(root == want, "\(file) \(name)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        print("checked \(checked) rejected-transaction pre-state roots in \(files.count) files")
    }
}
