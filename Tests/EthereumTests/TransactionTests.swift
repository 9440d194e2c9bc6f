import Testing
import EVM
import EVMCrypto
import Primitives
import UInt256
@testable import Ethereum

// Transaction decoding, signing hashes, sender recovery and encoding.
// Expected values come from EIP-155's worked example and from the official state-test
// fixtures (`txbytes` with the `transaction` template and `sender` they were filled from).

/// Bytes from hex (test vectors are well formed; a typo records an issue).
func txTestBytes(_ s: String) -> [UInt8] {
    guard let b = Hex.decode(s) else { Issue.record("bad hex in test vector: \(s)"); return [] }
    return b
}

func txTestWord(_ s: String) -> U256 {
    guard let w = U256(hex: s) else { Issue.record("bad hex word in test vector: \(s)"); return .zero }
    return w
}

func txTestAddress(_ s: String) -> Address {
    guard let a = Address(hex: s) else { Issue.record("bad address in test vector: \(s)"); return .zero }
    return a
}

/// The key and address of the state tests' usual sender (`secretKey` / `sender` in the fixtures).
let stateTestSecretKey = txTestBytes("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
let stateTestSender = txTestAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")

/// secp256k1 group order n (SEC 2), for EIP-2 checks.
let secp256k1Order = txTestWord("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")

/// A transaction's RLP fields (typed: without the type byte) and its type byte, for building malformed variants.
private func splitFields(_ raw: [UInt8]) throws -> (type: UInt8?, fields: [RLPItem]) {
    if raw[0] >= 0xc0 { return (nil, try #require(RLP.decode(raw).listValue)) }
    return (raw[0], try #require(RLP.decode(Array(raw.dropFirst())).listValue))
}

private func join(_ type: UInt8?, _ fields: [RLPItem]) -> [UInt8] {
    let body = RLP.encode(.list(fields))
    return type.map { [$0] + body } ?? body
}

// MARK: - fixture vectors

/// One `txbytes` from the official fixtures with the template fields it was signed from.
struct FixtureTransactionVector: CustomTestStringConvertible, Sendable {
    let source: String
    let txbytes: String
    let kind: Transaction.Kind
    let chainId: U256?
    let nonce: U256
    let gasPrice: U256
    let maxPriorityFeePerGas: U256
    let maxFeePerGas: U256
    let gasLimit: U256
    let to: Address?
    let value: U256
    let data: [UInt8]
    let accessList: [AccessListEntry]
    let maxFeePerBlobGas: U256
    let blobVersionedHashes: [U256]
    let v: U256
    var testDescription: String { source }

    /// The template as an unsigned transaction (what the filler signed with `secretKey`).
    var unsigned: Transaction {
        Transaction(kind: kind, nonce: nonce, gasPrice: gasPrice, maxPriorityFeePerGas: maxPriorityFeePerGas,
                    maxFeePerGas: maxFeePerGas, gasLimit: gasLimit, to: to, value: value, data: data,
                    accessList: accessList, maxFeePerBlobGas: maxFeePerBlobGas,
                    blobVersionedHashes: blobVersionedHashes)
    }
}

let fixtureTransactionVectors: [FixtureTransactionVector] = [
    // stTransactionTest/EmptyTransaction3.json: legacy, pre-EIP-155 (v = 27), contract creation.
    FixtureTransactionVector(
        source: "stTransactionTest/EmptyTransaction3 (legacy, v=27, create)",
        txbytes: "0xf84b800a82d6d88080801ba0ba490c25d61b6d10685308ccd427fb918950f31c8ad06501ead2a9531e04f8f4a06d439f80a121596b426f86bd9667884d182f867387fe59e4347762d590108457",
        kind: .legacy, chainId: nil, nonce: .zero, gasPrice: U256(10), maxPriorityFeePerGas: .zero, maxFeePerGas: .zero,
        gasLimit: U256(0xd6d8), to: nil, value: .zero, data: [], accessList: [], maxFeePerBlobGas: .zero,
        blobVersionedHashes: [], v: U256(27)),
    // Pyspecs/cancun/eip1153_tstore/gas_usage.json [tload]: legacy with EIP-155 (v = 37, chain id 1).
    FixtureTransactionVector(
        source: "Pyspecs eip1153_tstore/gas_usage[tload] (legacy, EIP-155 v=37)",
        txbytes: "0xf860800a830f4240940000000000000000000000000000000000000100808025a06ed8419ab28c42e73d2f147ebdddfd5de4fb1eb6b4f332d0c5fab55da6ee7eaaa05930cef304a571952dbcc5d64ddb799bba262cfe26fcdded394288f1999164ce",
        kind: .legacy, chainId: U256(1), nonce: .zero, gasPrice: U256(10), maxPriorityFeePerGas: .zero, maxFeePerGas: .zero,
        gasLimit: U256(0x0f4240), to: txTestAddress("0x0000000000000000000000000000000000000100"), value: .zero, data: [],
        accessList: [], maxFeePerBlobGas: .zero, blobVersionedHashes: [], v: U256(37)),
    // stEIP2930/manualCreate.json, data index 2: EIP-2930 creation with an access list.
    FixtureTransactionVector(
        source: "stEIP2930/manualCreate d=2 (EIP-2930, create, access list)",
        txbytes: "0x01f89e01010a83061a808080975a3031505a90036001555a60ff6000555a900360005500f838f794ec0e71ad0a90ffe1909d27dac207f7680abba42de1a0000000000000000000000000000000000000000000000000000000000000000080a0624806136601d18806233d5ec831f6926ff892c3fbdd32b0a0a694501036127da0638a01db82a445461cf2ab4b2876ffbcd55ab145c93efff82fbfcff0ec59fa25",
        kind: .accessList, chainId: U256(1), nonce: U256(1), gasPrice: U256(10), maxPriorityFeePerGas: .zero,
        maxFeePerGas: .zero, gasLimit: U256(0x061a80), to: nil, value: .zero,
        data: txTestBytes("0x5a3031505a90036001555a60ff6000555a900360005500"),
        accessList: [AccessListEntry(address: txTestAddress("0xec0e71ad0a90ffe1909d27dac207f7680abba42d"),
                                     storageKeys: [.zero])],
        maxFeePerBlobGas: .zero, blobVersionedHashes: [], v: .zero),
    // stExample/mergeTest.json: EIP-1559 call with an access list of two storage keys.
    FixtureTransactionVector(
        source: "stExample/mergeTest (EIP-1559, access list)",
        txbytes: "0x02f8c101010a8207d0833d090094cccccccccccccccccccccccccccccccccccccccc8000f85bf85994ccccccccccccccccccccccccccccccccccccccccf842a00000000000000000000000000000000000000000000000000000000000000000a0000000000000000000000000000000000000000000000000000000000000000180a0d671815898b8dd34321adbba4cb6a57baa7017323c26946f3719b00e70c755c2a03528b9efe3be57ea65a933d1e6bbf3b7d0c78830138883c1201e0c641fee6464",
        kind: .feeMarket, chainId: U256(1), nonce: U256(1), gasPrice: .zero, maxPriorityFeePerGas: U256(10),
        maxFeePerGas: U256(0x07d0), gasLimit: U256(0x3d0900), to: txTestAddress("0xcccccccccccccccccccccccccccccccccccccccc"),
        value: .zero, data: [0x00],
        accessList: [AccessListEntry(address: txTestAddress("0xcccccccccccccccccccccccccccccccccccccccc"),
                                     storageKeys: [.zero, .one])],
        maxFeePerBlobGas: .zero, blobVersionedHashes: [], v: .zero),
    // Pyspecs/cancun/eip4844_blobs/blob_tx_attribute_calldata_opcodes.json: EIP-4844, one blob.
    FixtureTransactionVector(
        source: "Pyspecs eip4844_blobs/blob_tx_attribute_calldata_opcodes (EIP-4844)",
        txbytes: "0x03f886018080078307a1209400000000000000000000000000000000000001000180c001e1a0010000000000000000000000000000000000000000000000000000000000000001a08633745d9ccae895b1cd9b35473bf2c2f19230b32ebecf93fcf6e98e08868a7fa02df5e81e127ad763e99e70e134ea214d74d47e80787950b1959551c7b61f68ea",
        kind: .blob, chainId: U256(1), nonce: .zero, gasPrice: .zero, maxPriorityFeePerGas: .zero,
        maxFeePerGas: U256(7), gasLimit: U256(0x07a120), to: txTestAddress("0x0000000000000000000000000000000000000100"),
        value: .one, data: [], accessList: [], maxFeePerBlobGas: .one,
        blobVersionedHashes: [txTestWord("0x0100000000000000000000000000000000000000000000000000000000000000")],
        v: .one),
]

@Suite struct TransactionEIP155ExampleTests {
    // EIP-155 "Example": nonce 9, gas price 20 gwei, gas 21000, to 0x3535…35, value 1 ether, no data, chain id 1.
    static let privateKey = txTestBytes("0x4646464646464646464646464646464646464646464646464646464646464646")
    static let signingData = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"
    static let signingHash = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"
    static let r = U256(decimal: "18515461264373351373200002665853028612451056578545711640558177340181847433846")!
    static let s = U256(decimal: "46948507304638947509940763649030358759909902576025900602547168820602576006531")!
    static let signed = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"

    static var unsigned: Transaction {
        Transaction(kind: .legacy, nonce: U256(9), gasPrice: U256(20_000_000_000), gasLimit: U256(21_000),
                    to: txTestAddress("0x3535353535353535353535353535353535353535"),
                    value: U256(1_000_000_000_000_000_000))
    }

    @Test func signingDataHashesToTheSigningHash() {
        // The signing data is the RLP the EIP gives; its keccak is the EIP's signing hash.
        #expect(Hex.encode(Keccak256.hash(txTestBytes(Self.signingData)), prefix: true) == Self.signingHash)
    }

    @Test func signingHashOfTheUnsignedTransaction() {
        // v = 0 is neither 27 nor 28, so the EIP-155 form (…, chainId, 0, 0) is hashed.
        #expect(Hex.encode(Self.unsigned.signingHash(chainId: U256(1)), prefix: true) == Self.signingHash)
    }

    @Test func signProducesTheEIPSignatureAndBytes() {
        var tx = Self.unsigned
        let ok = tx.sign(privateKey: Self.privateKey, chainId: U256(1))
        #expect(ok)
        #expect(tx.v == U256(37))
        #expect(tx.r == Self.r)
        #expect(tx.s == Self.s)
        #expect(tx.chainId == U256(1))
        #expect(Hex.encode(tx.signingHash(chainId: U256(1)), prefix: true) == Self.signingHash)
        #expect(Hex.encode(tx.encoded(), prefix: true) == Self.signed)
    }

    @Test func decodeTheSignedExample() throws {
        let tx = try Transaction.decode(txTestBytes(Self.signed))
        #expect(tx.kind == .legacy)
        #expect(tx.nonce == U256(9))
        #expect(tx.gasPrice == U256(20_000_000_000))
        #expect(tx.gasLimit == U256(21_000))
        #expect(tx.to == txTestAddress("0x3535353535353535353535353535353535353535"))
        #expect(tx.value == U256(1_000_000_000_000_000_000))
        #expect(tx.data.isEmpty)
        #expect(tx.v == U256(37))
        #expect(tx.r == Self.r)
        #expect(tx.s == Self.s)
        #expect(tx.chainId == U256(1))
        let expectedSender = try #require(Secp256k1.address(ofPrivateKey: Self.privateKey))
        #expect(tx.recoverSender(chainId: U256(1)) == Address(expectedSender))
        // The key's address, as other implementations of this vector give it.
        #expect(tx.recoverSender(chainId: U256(1)) == txTestAddress("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"))
        // v = 37 commits to chain id 1: on chain 2 (v would have to be 39/40) there is no sender.
        #expect(tx.recoverSender(chainId: U256(2)) == nil)
    }
}

@Suite struct TransactionFixtureDecodingTests {
    @Test(arguments: fixtureTransactionVectors)
    func decodesFieldsOfFixtureTxbytes(_ vector: FixtureTransactionVector) throws {
        let tx = try Transaction.decode(txTestBytes(vector.txbytes))
        #expect(tx.kind == vector.kind)
        #expect(tx.chainId == vector.chainId)
        #expect(tx.nonce == vector.nonce)
        #expect(tx.gasPrice == vector.gasPrice)
        #expect(tx.maxPriorityFeePerGas == vector.maxPriorityFeePerGas)
        #expect(tx.maxFeePerGas == vector.maxFeePerGas)
        #expect(tx.gasLimit == vector.gasLimit)
        #expect(tx.to == vector.to)
        #expect(tx.value == vector.value)
        #expect(tx.data == vector.data)
        #expect(tx.accessList == vector.accessList)
        #expect(tx.maxFeePerBlobGas == vector.maxFeePerBlobGas)
        #expect(tx.blobVersionedHashes == vector.blobVersionedHashes)
        #expect(tx.v == vector.v)
        #expect(!tx.r.isZero && !tx.s.isZero)
    }

    @Test(arguments: fixtureTransactionVectors)
    func recoversTheFixtureSender(_ vector: FixtureTransactionVector) throws {
        let tx = try Transaction.decode(txTestBytes(vector.txbytes))
        #expect(tx.recoverSender(chainId: U256(1)) == stateTestSender)
    }

    @Test(arguments: fixtureTransactionVectors)
    func encodedRoundTripsTheBytes(_ vector: FixtureTransactionVector) throws {
        let raw = txTestBytes(vector.txbytes)
        #expect(try Transaction.decode(raw).encoded() == raw)
    }

    /// Signing is deterministic (RFC 6979), as in the fillers: signing the template with the
    /// fixture's `secretKey` reproduces the fixture's `txbytes` exactly.
    @Test(arguments: fixtureTransactionVectors)
    func signingTheTemplateReproducesTheFixtureBytes(_ vector: FixtureTransactionVector) {
        var tx = vector.unsigned
        let eip155 = vector.kind == .legacy && vector.v != U256(27) && vector.v != U256(28)
        let ok = tx.sign(privateKey: stateTestSecretKey, chainId: U256(1), eip155: eip155)
        #expect(ok)
        #expect(Hex.encode(tx.encoded(), prefix: true) == vector.txbytes)
    }
}

@Suite struct TransactionMalformedEncodingTests {
    static var legacy: [UInt8] { txTestBytes(fixtureTransactionVectors[0].txbytes) }
    static var feeMarket: [UInt8] { txTestBytes(fixtureTransactionVectors[3].txbytes) }
    static var blob: [UInt8] { txTestBytes(fixtureTransactionVectors[4].txbytes) }

    @Test func legacyWithTooFewOrTooManyFields() throws {
        let (_, f) = try splitFields(Self.legacy)
        #expect(f.count == 9)
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: 9, got: 8)) {
            try Transaction.decode(join(nil, Array(f.dropLast())))
        }
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: 9, got: 10)) {
            try Transaction.decode(join(nil, f + [.bytes([])]))
        }
    }

    @Test(arguments: [(1, 11), (2, 12), (3, 14)])
    func typedWithWrongFieldCount(_ index: Int, _ expected: Int) throws {
        // Vectors 2, 3, 4 are types 1, 2, 3.
        let raw = txTestBytes(fixtureTransactionVectors[index + 1].txbytes)
        let (type, f) = try splitFields(raw)
        #expect(type == UInt8(index))
        #expect(f.count == expected)
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: expected, got: expected - 1)) {
            try Transaction.decode(join(type, Array(f.dropLast())))
        }
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: expected, got: expected + 1)) {
            try Transaction.decode(join(type, f + [.bytes([])]))
        }
    }

    @Test func trailingBytesAreRejected() {
        #expect(throws: TransactionDecodingError.rlp(.trailingBytes)) {
            try Transaction.decode(Self.legacy + [0x00])
        }
        #expect(throws: TransactionDecodingError.rlp(.trailingBytes)) {
            try Transaction.decode(Self.feeMarket + [0x80])
        }
    }

    @Test func unknownTypeBytesAreRejected() {
        let body = Array(Self.feeMarket.dropFirst())
        #expect(throws: TransactionDecodingError.unsupportedType(0x05)) { try Transaction.decode([0x05] + body) }
        // EIP-7702: 0x04 is the set-code type (13 fields), so a fee-market body is malformed there.
        #expect(throws: TransactionDecodingError.wrongFieldCount(expected: 13, got: 12)) { try Transaction.decode([0x04] + body) }
        #expect(throws: TransactionDecodingError.unsupportedType(0x06)) { try Transaction.decode([0x06] + body) }
        // EIP-2718: 0x00 is not a typed envelope for legacy transactions.
        #expect(throws: TransactionDecodingError.unsupportedType(0x00)) { try Transaction.decode([0x00] + body) }
        #expect(throws: TransactionDecodingError.unsupportedType(0x7f)) { try Transaction.decode([0x7f] + body) }
    }

    @Test func emptyInputIsRejected() {
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([]) }
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([0x02]) }
    }

    @Test func blobTransactionWithEmptyToIsRejected() throws {
        let (type, f) = try splitFields(Self.blob)
        var fields = f
        #expect(fields[5] == .bytes(txTestBytes("0x0000000000000000000000000000000000000100")))
        fields[5] = .bytes([])   // EIP-4844: `to` is an address, never empty (no creation)
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(type, fields)) }
        // The same edit on a type-2 transaction is a valid contract creation.
        let (t2, f2) = try splitFields(Self.feeMarket)
        var fm = f2
        fm[5] = .bytes([])
        #expect(try Transaction.decode(join(t2, fm)).to == nil)
    }

    @Test func malformedFieldsAreRejected() throws {
        let (_, f) = try splitFields(Self.legacy)
        var wrongTo = f
        wrongTo[3] = .bytes([UInt8](repeating: 0x11, count: 19))
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(nil, wrongTo)) }
        var listNonce = f
        listNonce[0] = .list([])
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(nil, listNonce)) }
        var leadingZero = f
        leadingZero[1] = .bytes([0x00, 0x0a])
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(nil, leadingZero)) }
        var wideValue = f
        wideValue[4] = .bytes([UInt8](repeating: 0x01, count: 33))
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(nil, wideValue)) }
        // A typed body that is a byte string instead of a list.
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode([0x02, 0x80]) }
        // A storage key that is not 32 bytes.
        let (t2, f2) = try splitFields(Self.feeMarket)
        var shortKey = f2
        shortKey[8] = .list([.list([.bytes([UInt8](repeating: 0xcc, count: 20)), .list([.bytes([0x01])])])])
        #expect(throws: TransactionDecodingError.self) { try Transaction.decode(join(t2, shortKey)) }
    }
}

@Suite struct TransactionSignatureTests {
    /// EIP-2: s > n/2 is invalid. (n − s, flipped parity) is the same signature's other form:
    /// it recovers the same key without the EIP-2 check, so only EIP-2 can reject it.
    @Test func highSIsRejected() throws {
        var tx = try Transaction.decode(txTestBytes(TransactionEIP155ExampleTests.signed))
        let sender = try #require(tx.recoverSender(chainId: U256(1)))
        let highS = secp256k1Order &- tx.s
        #expect(Secp256k1.recoverAddress(messageHash: tx.signingHash(chainId: U256(1)), recoveryID: 1,
                                         r: tx.r.bigEndianBytes, s: highS.bigEndianBytes).map(Address.init) == sender)
        tx.s = highS
        tx.v = U256(38)
        #expect(tx.recoverSender(chainId: U256(1)) == nil)
    }

    @Test(arguments: fixtureTransactionVectors)
    func highSIsRejectedForEveryType(_ vector: FixtureTransactionVector) throws {
        var tx = try Transaction.decode(txTestBytes(vector.txbytes))
        #expect(tx.recoverSender(chainId: U256(1)) == stateTestSender)
        tx.s = secp256k1Order &- tx.s
        // The other parity: 27 <-> 28, 37 <-> 38, 0 <-> 1.
        if tx.kind == .legacy { tx.v = tx.v.w0 % 2 == 1 ? tx.v &+ .one : tx.v &- .one } else { tx.v = tx.v.isZero ? .one : .zero }
        #expect(tx.recoverSender(chainId: U256(1)) == nil)
    }

    @Test func boundaryOfS() throws {
        // s = n/2 is the largest value EIP-2 allows, s = n/2 + 1 the smallest it rejects. With the
        // example's r, any allowed s recovers some key (not the signer's), a rejected one none.
        var tx = try Transaction.decode(txTestBytes(TransactionEIP155ExampleTests.signed))
        let half = secp256k1Order.shiftedRight(by: .one)
        tx.s = half
        #expect(tx.recoverSender(chainId: U256(1)) != nil)
        tx.s = half &+ .one
        #expect(tx.recoverSender(chainId: U256(1)) == nil)
        tx.v = U256(38)
        #expect(tx.recoverSender(chainId: U256(1)) == nil)
    }

    @Test func zeroOrOutOfRangeRAndSAreRejected() throws {
        let base = try Transaction.decode(txTestBytes(TransactionEIP155ExampleTests.signed))
        var t = base
        t.r = .zero
        #expect(t.recoverSender(chainId: U256(1)) == nil)
        t = base
        t.s = .zero
        #expect(t.recoverSender(chainId: U256(1)) == nil)
        t = base
        t.r = secp256k1Order
        #expect(t.recoverSender(chainId: U256(1)) == nil)
        t = base
        t.r = base.r &+ secp256k1Order   // ≥ n although ≡ r mod n
        #expect(t.recoverSender(chainId: U256(1)) == nil)
    }

    @Test func invalidVIsRejected() throws {
        let legacy = try Transaction.decode(txTestBytes(TransactionEIP155ExampleTests.signed))
        for v in [0, 1, 26, 29, 35, 36, 39] as [UInt64] {
            var t = legacy
            t.v = U256(v)
            #expect(t.recoverSender(chainId: U256(1)) == nil, "legacy v=\(v)")
        }
        let typed = try Transaction.decode(txTestBytes(fixtureTransactionVectors[3].txbytes))
        for v in [2, 27, 37] as [UInt64] {
            var t = typed
            t.v = U256(v)
            #expect(t.recoverSender(chainId: U256(1)) == nil, "typed v=\(v)")
        }
    }

    @Test func changingASignedFieldChangesTheSender() throws {
        for vector in fixtureTransactionVectors {
            var tx = try Transaction.decode(txTestBytes(vector.txbytes))
            tx.nonce = tx.nonce &+ .one
            #expect(tx.recoverSender(chainId: U256(1)) != stateTestSender, "\(vector.source)")
        }
    }

    static let roundTripCases: [Transaction] = [
        Transaction(kind: .legacy, nonce: U256(3), gasPrice: U256(7), gasLimit: U256(90_000),
                    to: txTestAddress("0x1000000000000000000000000000000000000001"), value: U256(5), data: [1, 2, 3]),
        Transaction(kind: .legacy, nonce: .zero, gasPrice: U256(1), gasLimit: U256(100_000), to: nil, data: [0x60, 0x00]),
        Transaction(kind: .accessList, nonce: U256(1), gasPrice: U256(9), gasLimit: U256(60_000),
                    to: txTestAddress("0x2000000000000000000000000000000000000002"), value: .zero, data: [],
                    accessList: [AccessListEntry(address: txTestAddress("0x3000000000000000000000000000000000000003"),
                                                 storageKeys: [.zero, U256(7)])]),
        Transaction(kind: .feeMarket, nonce: U256(2), maxPriorityFeePerGas: U256(2), maxFeePerGas: U256(100),
                    gasLimit: U256(21_000), to: nil, value: U256(1), data: [0xfe]),
        Transaction(kind: .blob, nonce: U256(4), maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(50), gasLimit: U256(30_000),
                    to: txTestAddress("0x4000000000000000000000000000000000000004"), value: .zero, data: [0xaa],
                    maxFeePerBlobGas: U256(3),
                    blobVersionedHashes: [txTestWord("0x01aa000000000000000000000000000000000000000000000000000000000000"),
                                          txTestWord("0x01bb000000000000000000000000000000000000000000000000000000000000")]),
    ]

    @Test(arguments: roundTripCases)
    func signRecoverAndDecodeRoundTrip(_ unsigned: Transaction) throws {
        for (chainId, eip155) in [(U256(1), true), (U256(1337), true), (U256(1), false)] {
            if unsigned.kind != .legacy && !eip155 { continue }
            var tx = unsigned
            let ok = tx.sign(privateKey: stateTestSecretKey, chainId: chainId, eip155: eip155)
            #expect(ok)
            #expect(tx.recoverSender(chainId: chainId) == stateTestSender)
            if tx.kind == .legacy {
                let base = eip155 ? chainId &* U256(2) &+ U256(35) : U256(27)
                #expect(tx.v == base || tx.v == base &+ .one)
            } else {
                #expect(tx.v == .zero || tx.v == .one)
                #expect(tx.chainId == chainId)
            }
            #expect(!(secp256k1Order.shiftedRight(by: .one) < tx.s), "EIP-2: signatures are made with low s")
            let decoded = try Transaction.decode(tx.encoded())
            #expect(decoded == tx)
            #expect(decoded.recoverSender(chainId: chainId) == stateTestSender)
            #expect(decoded.encoded() == tx.encoded())
            // The typed envelope starts with the type byte; legacy with an RLP list header.
            #expect(tx.kind == .legacy ? tx.encoded()[0] >= 0xc0 : tx.encoded()[0] == tx.kind.rawValue)
        }
    }

    /// Typed transactions sign over their own chain id (execution specs: `signing_hash_2930/1559/4844`
    /// hash `tx.chain_id`; `recover_sender` ignores the block's chain id for them). A transaction
    /// signed for chain 5 therefore recovers its real signer even when the caller passes chain id 1.
    @Test
    func typedTransactionsRecoverWithTheirOwnChainId() throws {
        var tx = Self.roundTripCases[3]
        let ok = tx.sign(privateKey: stateTestSecretKey, chainId: U256(5))
        #expect(ok)
        #expect(tx.recoverSender(chainId: U256(5)) == stateTestSender)
        #expect(tx.recoverSender(chainId: U256(1)) == stateTestSender)
    }
}
