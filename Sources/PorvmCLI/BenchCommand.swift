import ArgumentParser
import EVM
#if canImport(Glibc)
import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a message call to code, repeated over a reused state.",
        discussion: """
        Runs the call once to warm up, then N times, and prints `output: <hex>` and, as the last
        line, the median nanoseconds per call (the protocol of ../shared/bench/anchors.py).
        """)

    @Option(help: "Code as hex, or @FILE holding hex.") var code: String
    @Option(help: "Call data as hex.") var input: String = ""
    @Option(help: "Number of timed calls.") var iterations: Int = 100
    @Option(help: "Gas limit of each call.") var gas: Int64 = 1_000_000_000
    @Option(help: "Fork rules (default London, as the standard benchmarks).") var fork: String = "London"

    func run() throws {
        let codeBytes = try readHexArgument(code, what: "code")
        let inputBytes = try readHexArgument(input, what: "input")
        let fork = try parseFork(self.fork)
        guard iterations > 0 else { throw CLIError("iterations must be positive") }
        guard gas >= 0 else { throw CLIError("gas must not be negative") }
        let evm = CallSetup.makeEVM(code: codeBytes, fork: fork)
        let message = CallSetup.message(input: inputBytes, gas: gas)
        let n = iterations
        let (result, times) = DeepStack.run { () -> (CallResult, [UInt64]) in
            let first = evm.call(message)
            var times = [UInt64]()
            times.reserveCapacity(n)
            for _ in 0..<n {
                let t0 = monotonicNanoseconds()
                _ = evm.call(message)
                times.append(monotonicNanoseconds() - t0)
            }
            return (first, times)
        }
        say("status: \(result.status)")
        say("gasUsed: \(gas - result.gasLeft)")
        say("output: \(Hex.encode(result.output))")
        let sorted = times.sorted()
        let median = sorted.count % 2 == 1
            ? Double(sorted[sorted.count / 2])
            : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        say(String(median))
    }
}

func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
