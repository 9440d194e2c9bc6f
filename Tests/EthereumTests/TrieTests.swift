import Testing
import EVM
import EVMCrypto
import Ethereum
import Primitives

/// The ethereum/tests reading of a trie test string: "0x…" is hex, anything else raw bytes.
private func fixtureBytes(_ s: String) -> [UInt8] {
    s.hasPrefix("0x") ? hex(s) : Array(s.utf8)
}

/// Applies puts and deletes (nil) in order, as the fixtures describe them; the trie root
/// takes the last entry for a repeated key, and an empty value means absent.
private func root(_ ops: [(String, String?)]) -> [UInt8] {
    MerklePatriciaTrie.root(ops.map { (key: fixtureBytes($0.0), value: $0.1.map(fixtureBytes) ?? []) })
}

@Suite struct TrieTests {
    @Test func emptyTrie() {
        #expect(MerklePatriciaTrie.root([]) == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
        #expect(MerklePatriciaTrie.root([(key: [1, 2], value: [])]) == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
        #expect(MerklePatriciaTrie.emptyRoot == Keccak256.hash([0x80]))
    }

    // ethereum/tests TrieTests/trieanyorder.json
    @Test func trieAnyOrder() {
        #expect(root([("A", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")])
                == hex("0xd23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab"))
        #expect(root([("doe", "reindeer"), ("dog", "puppy"), ("dogglesworth", "cat")])
                == hex("0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"))
        #expect(root([("do", "verb"), ("horse", "stallion"), ("doge", "coin"), ("dog", "puppy")])
                == hex("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"))
        #expect(root([("foo", "bar"), ("food", "bass")])
                == hex("0x17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"))
        #expect(root([("be", "e"), ("dog", "puppy"), ("bed", "d")])
                == hex("0x3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"))
        #expect(root([("test", "test"), ("te", "testy")])
                == hex("0x8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"))
        #expect(root([("0x0045", "0x0123456789"), ("0x4500", "0x9876543210")])
                == hex("0x285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"))
    }

    /// The same sets in every order give the same root (the "any order" of the fixture's name).
    @Test func orderIndependence() {
        let sets: [[(String, String?)]] = [
            [("do", "verb"), ("horse", "stallion"), ("doge", "coin"), ("dog", "puppy")],
            [("be", "e"), ("dog", "puppy"), ("bed", "d")],
        ]
        let expected = [
            hex("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"),
            hex("0x3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"),
        ]
        for (set, want) in zip(sets, expected) {
            var perm = set
            for _ in 0..<6 {
                perm.shuffle()
                #expect(root(perm) == want)
            }
        }
    }

    // ethereum/tests TrieTests/trietest.json (operations applied in order).
    @Test func emptyValues() {
        #expect(root([
            ("do", "verb"), ("ether", "wookiedoo"), ("horse", "stallion"), ("shaman", "horse"),
            ("doge", "coin"), ("ether", nil), ("dog", "puppy"), ("shaman", nil),
        ]) == hex("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"))
    }

    @Test func branchingTests() {
        let addrs = [
            "0x04110d816c380812a427968ece99b1c963dfbce6", "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
            "0x0a517d755cebbf66312b30fff713666a9cb917e0", "0x24dd378f51adc67a50e339e8031fe9bd4aafab36",
            "0x293f982d000532a7861ab122bdc4bbfd26bf9030", "0x2cf5732f017b0cf1b1f13a1478e10239716bf6b5",
            "0x31c640b92c21a1f1465c91070b4b3b4d6854195f", "0x37f998764813b136ddf5a754f34063fd03065e36",
            "0x37fa399a749c121f8a15ce77e3d9f9bec8020d7a", "0x4f36659fa632310b6ec438dea4085b522a2dd077",
            "0x62c01474f089b07dae603491675dc5b5748f7049", "0x729af7294be595a0efd7d891c9e51f89c07950c7",
            "0x83e3e5a16d3b696a0314b30b2534804dd5e11197", "0x8703df2417e0d7c59d063caa9583cb10a4d20532",
            "0x8dffcd74e5b5923512916c6a64b502689cfa65e1", "0x95a4d7cccb5204733874fa87285a176fe1e9e240",
            "0x99b2fcba8120bedd048fe79f5262a6690ed38c39", "0xa4202b8b8afd5354e3e40a219bdc17f6001bf2cf",
            "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", "0xa9647f4a0a14042d91dc33c0328030a7157c93ae",
            "0xaa6cffe5185732689c18f37a7f86170cb7304c2a", "0xaae4a2e3c51c04606dcb3723456e58f3ed214f45",
            "0xc37a43e940dfb5baf581a0b82b351d48305fc885", "0xd2571607e241ecf590ed94b12d87c94babe36db6",
            "0xf735071cbee190d76b704ce68384fc21e389fbe7",
        ]
        let ops: [(String, String?)] = addrs.map { ($0, "something") } + addrs.map { ($0, nil) }
        #expect(root(ops) == hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"))
    }

    @Test func jeff() {
        #expect(root([
            ("0x0000000000000000000000000000000000000000000000000000000000000045", "0x22b224a1420a802ab51d326e29fa98e34c4f24ea"),
            ("0x0000000000000000000000000000000000000000000000000000000000000046", "0x67706c2076330000000000000000000000000000000000000000000000000000"),
            ("0x0000000000000000000000000000000000000000000000000000001234567890", "0x697c7b8c961b56f675d570498424ac8de1a918f6"),
            ("0x000000000000000000000000697c7b8c961b56f675d570498424ac8de1a918f6", "0x1234567890"),
            ("0x0000000000000000000000007ef9e639e2733cb34e4dfc576d4b23f72db776b2", "0x4655474156000000000000000000000000000000000000000000000000000000"),
            ("0x000000000000000000000000ec4f34c97e43fbb2816cfd95e388353c7181dab1", "0x4e616d6552656700000000000000000000000000000000000000000000000000"),
            ("0x4655474156000000000000000000000000000000000000000000000000000000", "0x7ef9e639e2733cb34e4dfc576d4b23f72db776b2"),
            ("0x4e616d6552656700000000000000000000000000000000000000000000000000", "0xec4f34c97e43fbb2816cfd95e388353c7181dab1"),
            ("0x0000000000000000000000000000000000000000000000000000001234567890", nil),
            ("0x000000000000000000000000697c7b8c961b56f675d570498424ac8de1a918f6", "0x6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000"),
            ("0x6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000", "0x697c7b8c961b56f675d570498424ac8de1a918f6"),
        ]) == hex("0x9f6221ebb8efe7cff60a716ecb886e67dd042014be444669f0159d8e68b42100"))
    }

    @Test func insertMiddleLeaf() {
        #expect(root([
            ("key1aa", "0123456789012345678901234567890123456789xxx"),
            ("key1", "0123456789012345678901234567890123456789Very_Long"),
            ("key2bb", "aval3"),
            ("key2", "short"),
            ("key3cc", "aval3"),
            ("key3", "1234567890123456789012345678901"),
        ]) == hex("0xcb65032e2f76c48b82b5c24b3db8f670ce73982869d38cd39a624f23d62a9e89"))
    }

    // ethereum/tests TrieTests/hex_encoded_securetrie_test.json: keys are hashed.
    @Test func hexEncodedSecureTrie() {
        let data = [
            ("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
             "0xf848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
            ("0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
             "0xf8440101a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a004bccc5d94f4d1f99aab44369a910179931772f2a5c001c3229f57831c102769"),
            ("0xd2571607e241ecf590ed94b12d87c94babe36db6",
             "0xf8440180a0ba4b47865c55a341a4a78759bb913cd15c3ee8eaf30a62fa8d1c8863113d84e8a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
            ("0x62c01474f089b07dae603491675dc5b5748f7049",
             "0xf8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
            ("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
             "0xf8478083019a59a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ]
        let entries = data.map { (key: Keccak256.hash(hex($0.0)), value: hex($0.1)) }
        #expect(MerklePatriciaTrie.root(entries) == hex("0x730a444e08ab4b8dee147c9b232fc52d34a223d600031c1e9d25bfc985cbd797"))
    }

    // ethereum/tests TrieTests/trieanyorder_secureTrie.json, "dogs".
    @Test func secureDogs() {
        let entries = [("doe", "reindeer"), ("dog", "puppy"), ("dogglesworth", "cat")]
            .map { (key: Keccak256.hash(Array($0.0.utf8)), value: Array($0.1.utf8)) }
        #expect(MerklePatriciaTrie.root(entries) == hex("0xd4cd937e4a4368d7931a9cf51686b7e10abb3dce38a39000fd7902a092b64585"))
    }

    /// Long keys and values (multi-byte RLP headers inside nodes) and odd/even path splits.
    @Test func robustness() {
        let big = [UInt8](repeating: 0xab, count: 70_000)
        let r1 = MerklePatriciaTrie.root([(key: [UInt8](repeating: 1, count: 300), value: big),
                                          (key: [UInt8](repeating: 1, count: 301), value: [0x01])])
        #expect(r1.count == 32)
        let r2 = MerklePatriciaTrie.root([(key: [UInt8](repeating: 1, count: 301), value: [0x01]),
                                          (key: [UInt8](repeating: 1, count: 300), value: big)])
        #expect(r1 == r2)
        // The empty key is a valid key (a value at the root branch).
        let r3 = MerklePatriciaTrie.root([(key: [], value: [1]), (key: [0x10], value: [2]), (key: [0x20], value: [3])])
        #expect(r3.count == 32)
    }

    /// Keys that are prefixes of each other nest one branch per key: 4000 levels (which
    /// overflowed the stack when the builder recursed) must work, in any order.
    @Test func deepNesting() {
        let n = 4000
        let entries = (1...n).map { (key: [UInt8](repeating: 0x61, count: $0), value: [UInt8(truncatingIfNeeded: $0) | 1]) }
        let r = MerklePatriciaTrie.root(entries)
        #expect(r.count == 32)
        #expect(MerklePatriciaTrie.root(entries.reversed()) == r)
    }
}
