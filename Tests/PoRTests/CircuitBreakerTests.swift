import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 9. ReserveCircuitBreaker (Chainlink Automation shape): checkUpkeep(bytes) says whether to
/// pause (reserves < totalSupply, or the feed unusable) or resume (covered again and this
/// breaker made the pause); performUpkeep is for the forwarder only, re-evaluates on-chain,
/// and reverts UpkeepNotNeeded() when there is nothing to do.
@Suite struct CircuitBreakerTests {
    enum Action: UInt64 { case none = 0, pause = 1, resume = 2 }

    struct Bed {
        let chain: Chain
        var por: PoRDeployment
        let alice: TestAccount

        init(tokenDecimals: UInt64 = 8, heartbeat: UInt64 = 86_400) throws {
            chain = Chain()
            chain.warp(T0)
            var s = PoRDeployment.Settings()
            s.tokenDecimals = tokenDecimals
            s.heartbeat = heartbeat
            por = try PoRDeployment(chain: chain, settings: s)
            alice = chain.account("alice")
        }

        var breaker: Contract { por.breaker }
        var token: Contract { por.token }

        /// checkUpkeep("") decoded: upkeepNeeded and performData = (action, status, reserves, supply).
        func check(sourceLocation: SourceLocation = #_sourceLocation) throws -> (needed: Bool, action: UInt64, status: UInt64, reserves: U256, supply: U256) {
            let out = try breaker.readAll("checkUpkeep", [UInt8]())
            let needed = try #require(out[0].boolValue, sourceLocation: sourceLocation)
            let data = try #require(out[1].bytesValue, sourceLocation: sourceLocation)
            let v = try ABI.decode(data, as: [.uint(8), .uint(8), .uint(256), .uint(256)])
            // evaluate() is the same decision in typed form.
            let e = try breaker.readAll("evaluate")
            #expect(e == v, "evaluate() \(e) vs performData \(v)", sourceLocation: sourceLocation)
            return (needed, v[0].uint64Value!, v[1].uint64Value!, v[2].u256!, v[3].u256!)  // safe: decoded uint words
        }

        func perform(from: AddressConvertible? = nil, data: [UInt8] = []) throws -> CallOutcome {
            try breaker.transact("performUpkeep", data, from: from ?? por.forwarder)
        }
    }

    @Test func pausesWhenAReportLowersReservesBelowSupplyAndResumesWhenRestored() throws {
        var b = try Bed()
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        expectSuccess(try b.token.transact("mint", b.alice, 1_000, from: b.por.minter))
        // reserves == supply is covered: nothing to do.
        var c = try b.check()
        #expect(!c.needed && c.action == Action.none.rawValue && c.reserves == U256(1_000) && c.supply == U256(1_000))
        expectError(try b.perform(), "UpkeepNotNeeded")

        // The custodian reports less.
        expectSuccess(try b.por.publish([900, 900, 900]))
        c = try b.check()
        #expect(c.needed && c.action == Action.pause.rawValue && c.status == 0 && c.reserves == U256(900) && c.supply == U256(1_000))

        // Only the forwarder may act.
        expectError(try b.perform(from: b.alice), "OnlyForwarder", [.address(b.alice.address)])
        expectError(try b.perform(from: b.por.owner), "OnlyForwarder", [.address(b.por.owner.address)])
        #expect(try b.token.read("paused") == .bool(false))

        b.chain.expectEmit("Paused", ["account": b.breaker], from: b.token)
        b.chain.expectEmit("CircuitBreakerTripped", ["reserves": 900, "supply": 1_000, "readingStatus": 0], from: b.breaker)
        expectSuccess(try b.perform())
        #expect(try b.token.read("paused") == .bool(true))
        #expect(try b.token.read("pausedBy") == .address(b.breaker.address))
        expectError(try b.token.transact("mint", b.alice, 1, from: b.por.minter), "MintingPaused")
        // Once paused there is nothing more to do.
        #expect(try b.check().needed == false)
        expectError(try b.perform(), "UpkeepNotNeeded")

        // Holders redeem 50 while paused; 950 is still above 900.
        expectSuccess(try b.token.transact("burn", 50, from: b.alice))
        #expect(try b.check().needed == false)

        // Reserves restored: resume.
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        c = try b.check()
        #expect(c.needed && c.action == Action.resume.rawValue && c.reserves == U256(1_000) && c.supply == U256(950))
        expectError(try b.perform(from: b.alice), "OnlyForwarder", [.address(b.alice.address)])
        b.chain.expectEmit("Unpaused", ["account": b.breaker], from: b.token)
        b.chain.expectEmit("CircuitBreakerReset", ["reserves": 1_000, "supply": 950], from: b.breaker)
        expectSuccess(try b.perform())
        #expect(try b.token.read("paused") == .bool(false))
        expectSuccess(try b.token.transact("mint", b.alice, 50, from: b.por.minter))
        expectError(try b.perform(), "UpkeepNotNeeded")
    }

    @Test func performReChecksOnChainAndIgnoresPerformData() throws {
        var b = try Bed()
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        expectSuccess(try b.token.transact("mint", b.alice, 1_000, from: b.por.minter))
        expectSuccess(try b.por.publish([500, 500, 500]))
        let stale = try b.breaker.readAll("checkUpkeep", [UInt8]())
        #expect(stale[0] == .bool(true))
        // Between the simulation and the transaction the reserves come back.
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        // The performData of the old simulation says "pause": not trusted.
        expectError(try b.perform(data: try #require(stale[1].bytesValue)), "UpkeepNotNeeded")
        #expect(try b.token.read("paused") == .bool(false))
        // Forged data asking to pause on a healthy token does nothing either.
        let forged = try ABI.encode([u(1), u(0), u(0), u(1_000)], as: [.uint(8), .uint(8), .uint(256), .uint(256)])
        expectError(try b.perform(data: forged), "UpkeepNotNeeded")
        // And an empty performData still pauses when the chain says so.
        expectSuccess(try b.por.publish([999, 999, 999]))
        expectSuccess(try b.perform(data: []))
        #expect(try b.token.read("paused") == .bool(true))
    }

    @Test func staleFeedCountsAsShort() throws {
        var b = try Bed(heartbeat: 3_600)
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        expectSuccess(try b.token.transact("mint", b.alice, 10, from: b.por.minter))
        b.chain.warp(T0 + 3_600)                                     // at the heartbeat: still fresh
        #expect(try b.check().needed == false)
        b.chain.warp(T0 + 3_601)
        let c = try b.check()
        #expect(c.needed && c.action == Action.pause.rawValue && c.status == 7 && c.reserves == .zero && c.supply == U256(10))
        b.chain.expectEmit("CircuitBreakerTripped", ["reserves": 0, "supply": 10, "readingStatus": 7])
        expectSuccess(try b.perform())
        // A fresh report resumes.
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        #expect(try b.check().action == Action.resume.rawValue)
        expectSuccess(try b.perform())
        #expect(try b.token.read("paused") == .bool(false))
    }

    @Test func zeroOrMissingOrBrokenFeedCountsAsShortEvenWithNoSupply() throws {
        // Before any report the aggregator answers 0 (status 4): pause, though nothing is minted.
        let b = try Bed()
        var c = try b.check()
        #expect(c.needed && c.action == Action.pause.rawValue && c.status == 4 && c.supply == .zero)
        let snap = b.chain.snapshot()
        expectSuccess(try b.perform())
        #expect(try b.token.read("paused") == .bool(true))

        // Feed unset on the breaker: status 1.
        try b.chain.revertTo(snap)
        expectSuccess(try b.breaker.transact("setFeed", Address.zero, from: b.por.owner))
        c = try b.check()
        #expect(c.needed && c.status == 1)
        // A feed that reverts: status 2; one without code: status 3 (no return data).
        let broken = StorageFeed(chain: b.chain, name: "broken")
        b.chain.etch(broken.address, code: Asm.alwaysReverts)
        expectSuccess(try b.breaker.transact("setFeed", broken.address, from: b.por.owner))
        #expect(try b.check().status == 2)
        expectSuccess(try b.breaker.transact("setFeed", b.alice, from: b.por.owner))
        #expect(try b.check().status == 3)
        // A negative answer: status 4; from the future: 6; updatedAt 0: 5.
        let f = StorageFeed(chain: b.chain, name: "controlled")
        expectSuccess(try b.breaker.transact("setFeed", f.address, from: b.por.owner))
        f.set(answer: -1, updatedAt: T0)
        #expect(try b.check().status == 4)
        f.set(answer: 5, updatedAt: 0)
        #expect(try b.check().status == 5)
        f.set(answer: 5, updatedAt: T0 + 1)
        #expect(try b.check().status == 6)
        f.set(answer: 5, updatedAt: T0)
        c = try b.check()
        #expect(!c.needed && c.status == 0 && c.reserves == U256(5))
        expectError(try b.breaker.transact("setFeed", f.address, from: b.alice), "NotOwner", [.address(b.alice.address)])
    }

    @Test func reservesAreScaledToTheTokenDecimals() throws {
        var b = try Bed(tokenDecimals: 18)                             // feed 8 decimals
        expectSuccess(try b.por.publish([100_000_000, 100_000_000, 100_000_000]))   // 1.0
        let one = pow10(18)
        expectSuccess(try b.token.transact("mint", b.alice, one, from: b.por.minter))
        var c = try b.check()
        #expect(!c.needed && c.reserves == one && c.supply == one)
        expectSuccess(try b.por.publish([99_999_999, 99_999_999, 99_999_999]))      // 0.99999999
        c = try b.check()
        #expect(c.needed && c.reserves == U256(99_999_999) &* pow10(10))
    }

    @Test func aPauseByTheOwnerIsNotLiftedByTheBreaker() throws {
        var b = try Bed()
        expectSuccess(try b.por.publish([1_000, 1_000, 1_000]))
        expectSuccess(try b.token.transact("pause", from: b.por.owner))
        let c = try b.check()
        #expect(!c.needed && c.action == Action.none.rawValue && c.status == 0)
        expectError(try b.perform(), "UpkeepNotNeeded")
        #expect(try b.token.read("paused") == .bool(true))
        // Short while the owner's pause holds: nothing to do either (already paused).
        expectSuccess(try b.token.transact("unpause", from: b.por.owner))
        expectSuccess(try b.token.transact("mint", b.alice, 1_000, from: b.por.minter))
        expectSuccess(try b.token.transact("pause", from: b.por.owner))
        expectSuccess(try b.por.publish([10, 10, 10]))
        #expect(try b.check().needed == false)
    }

    @Test func forwarderIsRequiredAndConfigurable() throws {
        let b = try Bed()
        // The zero address is never a forwarder, even before setForwarder.
        let fresh = try b.chain.deploy(FixtureArtifacts.load(FixtureArtifacts.breaker), b.token, b.por.feed, 3_600)
        b.chain.prank(Address.zero)
        expectError(try fresh.transact("performUpkeep", [UInt8]()), "OnlyForwarder", [.address(.zero)])
        expectError(try fresh.transact("performUpkeep", [UInt8](), from: b.alice), "OnlyForwarder", [.address(b.alice.address)])
        let (deploy, _) = try b.chain.tryDeploy(FixtureArtifacts.load(FixtureArtifacts.breaker), arguments: [b.token, b.por.feed, 0])
        expectError(deploy, "InvalidHeartbeat", [u(0)])
        // Moving the forwarder: the old one loses the right.
        expectError(try b.breaker.transact("setForwarder", b.alice, from: b.alice), "NotOwner", [.address(b.alice.address)])
        expectSuccess(try b.breaker.transact("setForwarder", b.alice, from: b.por.owner))
        expectError(try b.perform(), "OnlyForwarder", [.address(b.por.forwarder.address)])
        expectSuccess(try b.perform(from: b.alice))                  // no report yet: the zero feed trips it
    }

    /// If the owner moves the pauser role away, the breaker can no longer pause: performUpkeep
    /// reverts with the token's own error (bubbled up) rather than pretending to have acted.
    @Test func breakerThatIsNotThePauserFailsLoudly() throws {
        let b = try Bed()
        expectSuccess(try b.token.transact("setPauser", b.alice, from: b.por.owner))
        #expect(try b.check().needed)
        expectError(try b.perform(), "NotOwnerOrPauser", [.address(b.breaker.address)])
        #expect(try b.token.read("paused") == .bool(false))
    }

    /// Automation compatibility: checkUpkeep(bytes) -> (bool, bytes) and performUpkeep(bytes)
    /// with the selectors of the solc UpkeepMock (AutomationCompatibleInterface).
    @Test(.enabled(if: SolidityArtifacts.available, SolidityArtifacts.skipMessage))
    func automationInterfaceParity() throws {
        let reference = try SolidityArtifacts.load("UpkeepMock").abi
        let mine = try FixtureArtifacts.load(FixtureArtifacts.breaker).abi
        for name in ["checkUpkeep", "performUpkeep"] {
            let r = try #require(reference.functions.first { $0.name == name })
            let m = try #require(mine.functions.first { $0.name == name })
            #expect(m.selector == r.selector && m.inputTypes == r.inputTypes && m.outputTypes == r.outputTypes, "\(name)")
        }
        #expect(mine.functions.first { $0.name == "checkUpkeep" }?.selector == [0x6e, 0x04, 0xff, 0x0d])
        #expect(mine.functions.first { $0.name == "performUpkeep" }?.selector == [0x45, 0x85, 0xe3, 0x3b])
    }
}
