import Foundation

/// The seed of a randomized test: its fixed default, mixed with $PORVM_TEST_SEED when that is set
/// (to explore new inputs; the same value replays a run). Printed, and repeated in failure messages.
enum TestSeed {
    static func value(_ test: String, default fixed: UInt64) -> UInt64 {
        let extra = ProcessInfo.processInfo.environment["PORVM_TEST_SEED"].flatMap { UInt64($0) } ?? 0
        let seed = fixed ^ extra
        print("\(test): seed \(seed) (PORVM_TEST_SEED=\(extra) replays it)")
        return seed
    }
}
