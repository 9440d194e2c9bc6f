import Foundation
import Testing
import Fuzzer
import PoRScenario
import Scenario
@testable import PoRFuzz

/// `- por: {…}` entries: bad ones are refused with the file and field named (exit 2 in the tool).
struct BatteryConfigTests {
    static let plugins: [ScenarioPlugin] = [PoRSteps(), FuzzSteps()]

    static func load(_ por: String, actors: String = "[owner, alice, attacker, forwarder]") throws -> FuzzConfig {
        try FuzzConfig.load(text: """
        name: battery config
        accounts: {alice: {}, attacker: {}}
        setup:
          - setup_por: {heartbeat: 3600}
        actors: \(actors)
        targets: [token]
        properties:
          - \(por)

        """, path: "battery.yaml", plugins: plugins, propertyKinds: [PoRPropertyKind()])
    }

    @Test func goodEntryBindsTheContracts() throws {
        let c = try Self.load("por: {token: token, feed: feed, breaker: breaker}")
        let spec = try #require(c.hooks.first as? PoRBatterySpec)
        #expect(spec.propertyNames == PoRProperty.allCases.map(\.name))
        #expect(spec.functions["mint"]?.signature == "mint(address,uint256)")
        #expect(spec.owner == "owner" && spec.attacker == "attacker" && spec.forwarder == "forwarder")
        #expect(spec.holders == ["owner", "alice", "attacker"])
    }

    @Test func withoutBreakerItsPropertyIsSkippedAndSaid() throws {
        let c = try Self.load("por: {token: token, feed: feed}")
        let spec = try #require(c.hooks.first)
        #expect(!spec.propertyNames.contains("the breaker"))
        #expect(spec.notes.contains { $0.contains("'the breaker' is not checked") })
    }

    @Test(arguments: [
        ("por: {token: nope, feed: feed}", "properties[0].por.token", "unknown contract 'nope'"),
        ("por: {token: token}", "properties[0].por", "feed"),
        ("por: {token: token, feed: feed, colour: red}", "properties[0].por", "colour"),
        ("por: {token: token, feed: feed, mint: \"issue(address,uint256)\"}", "properties[0].por.mint", "has no function 'issue(address,uint256)'"),
        ("por: {token: token, feed: feed, burn: pause}", "properties[0].por.burn", "burn must take"),
        ("por: {token: token, feed: feed, forwarder: bob}", "properties[0].por.forwarder", "'bob' is not an actor"),
        ("por: {token: feed, feed: feed}", "properties[0].por.token", "no function 'mint'"),
        ("rainbow: {token: token}", "properties[0]", "{por: …}"),
    ])
    func badEntriesNameTheField(_ entry: String, _ field: String, _ message: String) {
        do {
            _ = try Self.load(entry)
            Issue.record("\(entry) was accepted")
        } catch let e as ScenarioError {
            #expect(e.description.contains("field '\(field)"), "\(e.description)")
            #expect(e.description.contains(message), "\(e.description)")
        } catch {
            Issue.record("\(entry): \(error)")
        }
    }
}
