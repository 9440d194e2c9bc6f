import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// Every file shipped in Simulations/ runs from the command line (their headlines are asserted
/// in Tests/SimulatorTests/ShippedSimulationTests.swift).
@Suite struct ShippedSimulationsCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let files = ["wbtc.yaml", "stablecoin-two-chains.yaml", "tokenized-gold.yaml", "faulty-network.yaml"]

    @Test func everyShippedFileIsListedHere() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Simulations").path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        #expect(Set(shipped) == Set(Self.files))
    }

    @Test(arguments: files) func simulateExitsZero(_ name: String) {
        let r = porvm("simulate", Self.root.appendingPathComponent("Simulations/\(name)").path)
        #expect(r.code == 0 && r.err.isEmpty, "\(name): \(r.err)")
        #expect(r.out.contains { $0.hasPrefix("checks: ") })
    }
}
}
