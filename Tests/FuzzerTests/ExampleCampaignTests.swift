import Foundation
import Testing
import PoRScenario
@testable import Fuzzer

/// Examples/fuzz/por-token.yaml on the shipped PoR contracts: the token keeps its supply within
/// the reported reserves (its ReservesExceeded check), so no property may break.
struct ExampleCampaignTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/fuzz/por-token.yaml").path

    @Test func shippedTokenKeepsItsSupplyProperties() throws {
        let c = try FuzzConfig.load(Self.example, plugins: [PoRSteps(), FuzzSteps()])
        #expect(c.properties.count == 3)
        #expect(c.targets.map(\.function.name) == ["mint", "burn", "burnFrom", "transfer", "approve", "transferFrom"])
        let r = try Campaign.run(config: c, plugins: [PoRSteps(), FuzzSteps()], options: CampaignOptions(seed: 1, maxCalls: 400))
        #expect(r.calls == 400)
        #expect(r.findings.isEmpty, "\(r.findings.map { "\($0.property): \($0.sequence.calls.map(\.text))" })")
    }
}
