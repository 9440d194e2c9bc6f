import Testing
import EVM
import Primitives
import UInt256
@testable import Harness

/// `anchor`/`rewind`: the journal spans transactions and undoes them; checked against a deep
/// copy of the state taken at the anchor (the snapshot mechanism, independent of the journal).
@Suite struct AnchorTests {
    /// slot0 = calldata word; slot1 += 1.
    static let counter: [UInt8] = [0x60, 0x00, 0x35, 0x60, 0x00, 0x55, 0x60, 0x01, 0x54, 0x60, 0x01, 0x01, 0x60, 0x01, 0x55, 0x00]
    static let c = Address(hex: "0x00000000000000000000000000000000000c0c0c")!
    static let newcomer = Address(hex: "0x00000000000000000000000000000000000000ee")!
    static let empty = Address(hex: "0x00000000000000000000000000000000000000e0")!

    static func word(_ v: UInt64) -> [UInt8] { U256(v).bigEndianBytes }

    /// Same accounts, balances, nonces, code and current storage.
    static func same(_ a: WorldState, _ b: WorldState) -> Bool {
        guard Set(a.accounts.keys) == Set(b.accounts.keys) else { return false }
        for (k, x) in a.accounts {
            guard let y = b.accounts[k], x.nonce == y.nonce, x.balance == y.balance, x.code.bytes == y.code.bytes else { return false }
            let keys = Set(x.storage.keys).union(y.storage.keys)
            for s in keys where (x.storage[s]?.current ?? .zero) != (y.storage[s]?.current ?? .zero) { return false }
        }
        return true
    }

    @Test func rewindUndoesTransactionsAndKeepsGasExact() throws {
        let chain = Chain()
        let alice = chain.account("alice")
        chain.etch(Self.c, code: Self.counter)
        chain.store(Self.c, slot: .zero, value: U256(5))
        chain.deal(Self.empty, .zero)                       // exists, empty
        try chain.transact(to: Self.c, data: Self.word(3), from: alice)
        let atAnchor = chain.state.copy()
        let time = chain.block.timestamp
        let anchor = chain.anchor()

        let first = try chain.transact(to: Self.c, data: Self.word(7), from: alice)
        try chain.transact(to: Self.c, data: Self.word(0), from: alice)
        try chain.send(ether(1), to: Self.newcomer, from: alice)
        try chain.send(.zero, to: Self.empty, from: alice)     // EIP-161: the empty account is deleted
        #expect(!chain.state.exists(Self.empty))
        chain.warp(time + 100)
        #expect(!Self.same(chain.state, atAnchor))

        try chain.rewind(to: anchor)
        #expect(Self.same(chain.state, atAnchor))
        #expect(chain.state.exists(Self.empty))
        #expect(!chain.state.exists(Self.newcomer))
        #expect(chain.block.timestamp == time)
        // SSTORE gas depends on each slot's original value (EIP-2200/2929): equal gas means the
        // originals came back too.
        let again = try chain.transact(to: Self.c, data: Self.word(7), from: alice)
        #expect(again.gasUsed == first.gasUsed)
        // Many rounds stay exact.
        for round in 0..<3 {
            try chain.rewind(to: anchor)
            try chain.transact(to: Self.c, data: Self.word(UInt64(round)), from: alice)
        }
        try chain.rewind(to: anchor)
        #expect(Self.same(chain.state, atAnchor))
    }

    @Test func aRestoredSnapshotInvalidatesTheAnchor() throws {
        let chain = Chain()
        let id = chain.snapshot()
        let anchor = chain.anchor()
        try chain.revertTo(id)
        #expect(throws: HarnessError.self) { try chain.rewind(to: anchor) }
    }
}
