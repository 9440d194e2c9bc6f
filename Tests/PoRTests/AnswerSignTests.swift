import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// A feed whose answer and updatedAt a test sets: the solc MockV3Aggregator (its
/// updateRoundData(uint80 roundId, int256 answer, uint256 timestamp, uint256 startedAt)), or
/// the hand-assembled `StorageFeed`. Each kind has its own suite below; the solc one is reported
/// as skipped when ../shared is absent, never replaced by the other.
enum FeedKind: String, CaseIterable, Sendable { case solcMockV3, handAssembled }

struct SettableFeed {
    let address: Address
    let kind: FeedKind
    let set: (U256, UInt64) throws -> Void

    static func make(_ kind: FeedKind, chain: Chain, decimals: UInt64) throws -> SettableFeed {
        if kind == .solcMockV3 {
            let mock = try chain.deploy(try SolidityArtifacts.load("MockV3Aggregator"), decimals, 1)
            return SettableFeed(address: mock.address, kind: .solcMockV3) { answer, updatedAt in
                let next = try mock.read("latestRound").u256! &+ U256.one   // safe: uint256 output
                let o = try mock.transact("updateRoundData", next, ABIValue.int(answer), updatedAt, updatedAt)
                guard o.succeeded else { throw HarnessError.expectationFailed("updateRoundData: \(o)") }
                // Check the mock's documented argument order: the third is updatedAt.
                let r = try mock.readAll("latestRoundData")
                guard r[1] == .int(answer), r[3] == u(updatedAt) else { throw HarnessError.expectationFailed("mock read back \(r)") }
            }
        }
        let feed = StorageFeed(chain: chain, decimals: decimals)
        return SettableFeed(address: feed.address, kind: .handAssembled) { answer, updatedAt in
            feed.set(answer: answer, updatedAt: updatedAt)
        }
    }
}

/// 3. Zero and negative answers are refused with NonPositiveReserves(int256 answer), judged on
/// the signed value before any conversion to uint256. The same checks run against both feeds.
@Suite struct AnswerSignHandAssembledFeedTests {
    @Test func zeroAnswerIsRefused() throws { try AnswerSignChecks.zeroAnswerIsRefused(kind: .handAssembled) }
    @Test func negativeAnswerIsRefusedBeforeAnyUnsignedConversion() throws {
        try AnswerSignChecks.negativeAnswerIsRefusedBeforeAnyUnsignedConversion(kind: .handAssembled)
    }
    @Test func signIsJudgedBeforeTheTimestamp() throws { try AnswerSignChecks.signIsJudgedBeforeTheTimestamp(kind: .handAssembled) }
}

@Suite(.enabled(if: SolidityArtifacts.available, SolidityArtifacts.skipMessage))
struct AnswerSignSolcMockFeedTests {
    @Test func zeroAnswerIsRefused() throws { try AnswerSignChecks.zeroAnswerIsRefused(kind: .solcMockV3) }
    @Test func negativeAnswerIsRefusedBeforeAnyUnsignedConversion() throws {
        try AnswerSignChecks.negativeAnswerIsRefusedBeforeAnyUnsignedConversion(kind: .solcMockV3)
    }
    @Test func signIsJudgedBeforeTheTimestamp() throws { try AnswerSignChecks.signIsJudgedBeforeTheTimestamp(kind: .solcMockV3) }
}

enum AnswerSignChecks {
    static func deploy(_ kind: FeedKind) throws -> (Chain, SettableFeed, Contract, TestAccount) {
        let chain = Chain()
        chain.warp(T0)
        let feed = try SettableFeed.make(kind, chain: chain, decimals: 8)
        #expect(feed.kind == kind)
        let token = try chain.deploy(FixtureArtifacts.load(FixtureArtifacts.token), "Guarded BTC", "gBTC", 8, feed.address, 3_600, 0)
        return (chain, feed, token, chain.account("alice"))
    }

    static func zeroAnswerIsRefused(kind: FeedKind) throws {
        let (chain, feed, token, alice) = try deploy(kind)
        try feed.set(.zero, T0)
        expectError(try token.transact("mint", alice, 1, from: chain.deployer), "NonPositiveReserves", [i(0)])
        expectError(try token.call("reserves"), "NonPositiveReserves", [i(0)])
        #expect(try token.read("mintableAmount") == u(0))
        // Even minting zero tokens is refused while the reserves are unusable.
        expectError(try token.transact("mint", alice, 0, from: chain.deployer), "NonPositiveReserves", [i(0)])
    }

    static func negativeAnswerIsRefusedBeforeAnyUnsignedConversion(kind: FeedKind) throws {
        let (chain, feed, token, alice) = try deploy(kind)
        // -1 is the word 2^256 - 1: read as uint256 it would be "infinite" reserves, and this
        // mint of 10^30 units (far above anything) would pass.
        let huge = pow10(30)
        try feed.set(word(-1), T0)
        let o = try token.transact("mint", alice, huge, from: chain.deployer)
        expectError(o, "NonPositiveReserves", [i(-1)])
        #expect(try token.read("totalSupply") == u(0))
        #expect(try token.read("mintableAmount") == u(0))

        // The most negative answer, -2^255, whose bit pattern is 2^255 as a uint.
        try feed.set(int256Min, T0)
        expectError(try token.transact("mint", alice, huge, from: chain.deployer), "NonPositiveReserves", [.int(int256Min)])

        // A "small" negative: -5 BTC.
        try feed.set(word(-500_000_000), T0)
        expectError(try token.transact("mint", alice, 1, from: chain.deployer), "NonPositiveReserves", [i(-500_000_000)])

        // Back to a positive answer: minting works within it.
        try feed.set(U256(1_000), T0)
        expectSuccess(try token.transact("mint", alice, 1_000, from: chain.deployer))
        expectError(try token.transact("mint", alice, 1, from: chain.deployer), "ReservesExceeded", [u(1_001), u(1_000)])
    }

    /// Documented order of the checks: the sign of the answer comes before updatedAt.
    static func signIsJudgedBeforeTheTimestamp(kind: FeedKind) throws {
        let (chain, feed, token, alice) = try deploy(kind)
        try feed.set(word(-7), 0)
        expectError(try token.transact("mint", alice, 1, from: chain.deployer), "NonPositiveReserves", [i(-7)])
        try feed.set(.zero, T0 + 100)   // zero and from the future: zero wins
        expectError(try token.transact("mint", alice, 1, from: chain.deployer), "NonPositiveReserves", [i(0)])
    }

}

extension AnswerSignHandAssembledFeedTests {
    /// A PoRAggregator with a negative band accepts a negative median (minAnswer < 0): the token
    /// must still refuse it.
    @Test func negativeMedianFromSignedReportIsRefused() throws {
        let chain = Chain()
        chain.warp(T0)
        var settings = PoRDeployment.Settings()
        settings.minAnswer = -1_000_000
        var por = try PoRDeployment(chain: chain, settings: settings)
        let o = try por.publish([-300, -200, -100])
        expectSuccess(o)
        // AnswerUpdated's indexed int256 `current` is the sign-extended 256-bit word of -200.
        let topic = try ABI.eventTopic("AnswerUpdated(int256,uint256,uint256)")
        #expect(o.logs.first { $0.topics.first == topic }?.topics[1] == word(-200))
        #expect(try por.feed.read("latestAnswer") == i(-200))
        expectError(try por.token.transact("mint", chain.account("alice"), 1, from: por.minter), "NonPositiveReserves", [i(-200)])
        // Before the first report the aggregator reads all zeros: refused as zero.
        let fresh = try PoRDeployment(chain: chain, settings: settings)
        expectError(try fresh.token.transact("mint", chain.account("alice"), 1, from: fresh.minter), "NonPositiveReserves", [i(0)])
    }
}
