import Testing
import Harness

// The bridge between the harness and Swift Testing, kept out of `Harness` so that tools built
// on the harness (the `porvm` CLI, scenarios) do not link the testing library.

extension SourceLocation {
    /// The Swift Testing location of a harness call site.
    public init(_ site: CallSite) {
        // Swift Testing requires a `Module/File.swift` file ID and positive line and column.
        let fileID = site.fileID.contains("/") ? site.fileID : "Unknown/" + site.fileID
        self.init(fileID: fileID, filePath: site.filePath, line: max(1, site.line), column: max(1, site.column))
    }
}

/// A trait that records a `HarnessError` thrown out of a test at the harness call that failed
/// (the error's `location`) rather than at the `@Test` function, which is where Swift Testing
/// puts any thrown error. Errors without a location, and other errors, are rethrown unchanged.
///
///     @Suite(.harnessFailures) struct MintTests { ... }
public struct HarnessFailuresAtCallSite: TestTrait, SuiteTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        do {
            try await function()
        } catch let error as HarnessError {
            guard let site = error.location else { throw error }
            Issue.record(error, sourceLocation: SourceLocation(site))
        }
    }
}

extension Trait where Self == HarnessFailuresAtCallSite {
    /// Harness failures are reported at the failing call's line (see `HarnessFailuresAtCallSite`).
    public static var harnessFailures: Self { Self() }
}
