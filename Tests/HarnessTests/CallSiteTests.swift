import Testing
import EVM
import ABI
import UInt256
@testable import Harness
import HarnessTesting
import Primitives

/// Harness failures point at the user's call, not at the `@Test` function.
@Suite struct CallSiteTests {
    static let address = Address(hex: "0x0000000000000000000000000000000000000b03")!

    func located(_ body: () throws -> Void) -> CallSite? {
        do { try body() } catch let e as HarnessError { return e.location } catch { return nil }
        return nil
    }

    @Test func thrownErrorsCarryTheCallersLine() throws {
        let chain = Chain()
        let c = chain.at(Self.address, abi: try abi("set(uint8,address)"))
        var line = 0
        // Bad arguments.
        let bad = located { line = #line; try c.transact("set", 256, Address.zero) }
        #expect(bad?.line == line)
        #expect(bad?.fileID == #fileID)
        #expect(bad?.filePath == #filePath)
        // An invalid transaction (too poor to pay the value).
        let poor = chain.account("poor")
        chain.deal(poor, .zero)
        let invalid = located { line = #line; try chain.send(U256(1), to: Self.address, from: poor) }
        #expect(invalid?.line == line)
        // A read that returns nothing (no code at the address).
        let empty = located { line = #line; _ = try c.read("set", 1, Address.zero) }
        #expect(empty?.line == line)
        // A failed deployment.
        let failing = Artifact(contractName: "Fails", abi: ContractABI(), bytecodeHex: "0xfe")
        let deploy = located { line = #line; _ = try chain.deploy(failing) }
        #expect(deploy?.line == line)
    }

    @Test func failedExpectationsPointAtTheCheckedCallAndNameTheExpectation() throws {
        let chain = Chain()
        let ok = chain.at(Self.address, abi: try abi("ok()"))
        let expectLine = #line; chain.expectRevert("nope")
        var line = 0
        do {
            line = #line; try ok.transact("ok")
            Issue.record("expectRevert passed on a call that succeeded")
        } catch let e as HarnessError {
            #expect(e.location?.line == line)
            #expect(e.description.contains("expectRevert at HarnessTests/CallSiteTests.swift:\(expectLine)"))
        }
        let emitLine = #line; chain.expectEmit("Nothing")
        do {
            line = #line; try ok.transact("ok")
            Issue.record("expectEmit passed on a call that emitted nothing")
        } catch let e as HarnessError {
            #expect(e.location?.line == line)
            #expect(e.description.contains("expectEmit at HarnessTests/CallSiteTests.swift:\(emitLine)"))
        }
    }

    /// The `.harnessFailures` trait records a thrown harness error at its call site: the known
    /// issue matches only when Swift Testing received that line.
    @Test func traitRecordsTheIssueAtTheCallSite() async throws {
        let chain = Chain()
        let c = chain.at(Self.address, abi: try abi("set(uint8,address)"))
        let test = try #require(Test.current)
        let line = #line; let body: @Sendable () async throws -> Void = { try c.transact("set", 256, Address.zero) }
        try await withKnownIssue {
            try await HarnessFailuresAtCallSite().provideScope(for: test, testCase: Test.Case.current, performing: body)
        } matching: { issue in
            issue.sourceLocation?.line == line && issue.sourceLocation?.fileID == #fileID
        }
        // Other errors pass through unchanged.
        struct Other: Error {}
        await #expect(throws: Other.self) {
            try await HarnessFailuresAtCallSite().provideScope(for: test, testCase: Test.Case.current) { throw Other() }
        }
    }
}
