import Foundation
import Harness

/// The compiled PoR contracts in `Fixtures/` (regenerated from `Contracts/` by
/// scripts/build-fixtures.py). Looked up in `$PORVM_FIXTURES`, then `./Fixtures`, then next
/// to this package's sources: SwiftPM builds a dependency from its checkout (or, for a path
/// dependency such as `Examples/PoRQuickstart`, from this directory), so `#filePath` finds the
/// fixtures from another package too.
public enum FixtureArtifacts {
    public static let aggregator = "PoRAggregator"
    public static let token = "SecureMintToken"
    public static let breaker = "ReserveCircuitBreaker"

    public static func directory() throws -> String {
        var candidates = [String]()
        if let env = ProcessInfo.processInfo.environment["PORVM_FIXTURES"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Fixtures")
        // Sources/PoR/FixtureArtifacts.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent("Fixtures").path)
        for c in candidates where FileManager.default.fileExists(atPath: c + "/\(aggregator).json") { return c }
        throw HarnessError.fileNotFound("cannot find the compiled PoR contracts (\(aggregator).json) in "
                                        + candidates.joined(separator: ", ") + "; set PORVM_FIXTURES")
    }

    public static func load(_ name: String) throws -> Artifact {
        try Artifact.load(path: try directory() + "/\(name).json")
    }
}
