import ArgumentParser
import EVM
#if canImport(Glibc)
import Glibc
import Primitives
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a message call to code, repeated over a reused state.",
        discussion: """
        Runs the call once to warm up, then N times, and prints `output: <hex>` and, as the last
        line, the median nanoseconds per call (the protocol of ../shared/bench/anchors.py).
        N is at most 1,000,000,000; beyond a million calls they are timed in equal batches (at
        most a million samples), and the median is taken over the batches' per-call times.
        """)

    @Option(help: "Code as hex, or @FILE holding hex.") var code: String
    @Option(help: "Call data as hex.") var input: String = ""
    @Option(parsing: .unconditional, help: "Number of timed calls (1 to 1,000,000,000).") var iterations: Int = 100
    @Option(parsing: .unconditional, help: "Gas limit of each call (at most 1,000,000,000).") var gas: Int64 = 1_000_000_000

    static let maxIterations = 1_000_000_000
    static let maxSamples = 1_000_000
    @Option(help: "Fork rules (default London, as the standard benchmarks).") var fork: String = "London"

    func run() throws {
        let codeBytes = try readHexArgument(code, what: "code")
        let inputBytes = try readHexArgument(input, what: "input")
        let fork = try parseFork(self.fork)
        guard (1...Self.maxIterations).contains(iterations) else {
            throw CLIError("iterations must be between 1 and \(Self.maxIterations), got \(iterations)")
        }
        try CallSetup.checkGas(gas)
        let evm = CallSetup.makeEVM(code: codeBytes, fork: fork)
        let message = CallSetup.message(input: inputBytes, gas: gas)
        // Samples of `batch` calls each, so that the samples array stays bounded.
        let batch = (iterations + Self.maxSamples - 1) / Self.maxSamples
        let samples = (iterations + batch - 1) / batch
        let (result, times) = DeepStack.run { () -> (CallResult, [Double]) in
            let first = evm.call(message)
            var times = [Double]()
            times.reserveCapacity(samples)
            for _ in 0..<samples {
                let t0 = monotonicNanoseconds()
                for _ in 0..<batch { _ = evm.call(message) }
                times.append(Double(monotonicNanoseconds() - t0) / Double(batch))
            }
            return (first, times)
        }
        say("status: \(result.status)")
        say("gasUsed: \(gas - result.gasLeft)")
        say("output: \(Hex.encode(result.output))")
        let sorted = times.sorted()
        let median = sorted.count % 2 == 1
            ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        say(String(median))
    }
}

func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
