import Testing
@testable import Scenario

/// The `delegate` step (EIP-7702 from a scenario file): the account's code becomes
/// `0xef0100 ‖ to` (EIP-7702's designator) and the set-code transaction's call to the account
/// runs `to`'s code as the account's own; the zero address clears it; before Prague the
/// transaction type does not exist and the step fails.
@Suite struct DelegateStepTests {
    static let impl = "0x00000000000000000000000000000000000000d0"

    @Test func delegateRunsTheCodeAsTheAccountsOwnAndClears() throws {
        let text = """
        name: delegation
        fork: Prague
        accounts: [alice, bob]
        steps:
          - etch: {address: "\(Self.impl)", code: "0x3060005500"}
          - delegate: {account: alice, to: "\(Self.impl)"}
          - expect: {storage: {address: alice, slot: 0, equals: alice}}
          - delegate: {account: alice, to: "0x0000000000000000000000000000000000000000", from: bob}
        """
        let (summary, lines) = try runText(text)
        #expect(summary.failed == 0 && summary.passed == 4, "\(lines)")
        #expect(lines.contains { $0.contains("delegate alice to \(Self.impl)") && $0.contains("code 0xef0100" + Self.impl.dropFirst(2)) }, "\(lines)")
        #expect(lines.contains { $0.contains("from bob") && $0.contains("code cleared") }, "\(lines)")
    }

    @Test func beforePragueTheStepFails() throws {
        let text = """
        name: delegation
        fork: Cancun
        accounts: [alice]
        steps:
          - delegate: {account: alice, to: "\(Self.impl)"}
        """
        let (summary, lines) = try runText(text)
        #expect(summary.failed == 1, "\(lines)")
    }

    @Test func malformedDelegateStepsAreFileErrors() {
        #expect(malformed("name: x\nsteps:\n  - delegate: {account: nobody, to: \"\(Self.impl)\"}\n") != nil)
        #expect(malformed("name: x\naccounts: [alice]\nsteps:\n  - delegate: {account: alice}\n") != nil)
        #expect(malformed("name: x\naccounts: [alice]\nsteps:\n  - delegate: {account: alice, to: zz, extra: 1}\n") != nil)
    }
}
