import ArgumentParser
import EVM
import Harness
import Primitives
import Views

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Execute code as a call to a contract holding it.",
        discussion: """
        The code is installed at \(CallSetup.contract) and called from \(CallSetup.sender).
        Prints the status (success, revert, or the exceptional halt), the gas used and the
        return data. --html FILE writes a self-contained page to step through the run
        (see `porvm view`). Exit code: 0 on success, 1 on revert or halt, 2 on bad input or
        a file that cannot be written.
        """)

    @Option(help: "Code as hex, or @FILE holding hex.") var code: String
    @Option(help: "Call data as hex.") var input: String = ""
    @Option(parsing: .unconditional, help: "Gas limit of the call (at most 1,000,000,000).") var gas: Int64 = 10_000_000
    @Option(help: ArgumentHelp("Fork rules: \(Fork.allCases.map(\.description).joined(separator: ", ")).")) var fork: String = Fork.latest.description
    @Flag(help: "Write an EIP-3155 trace (JSON lines) to stderr.") var trace = false
    @Option(help: "Write a step-through page of the run to this HTML file.") var html: String?
    @Option(name: .customLong("max-steps"), help: "With --html: record at most this many instructions.") var maxSteps: Int = 1_000_000

    func validate() throws {
        guard (1...10_000_000).contains(maxSteps) else { throw ValidationError("--max-steps must be between 1 and 10,000,000") }
    }

    func run() throws {
        let codeBytes = try readHexArgument(code, what: "code")
        let inputBytes = try readHexArgument(input, what: "input")
        let fork = try parseFork(self.fork)
        try CallSetup.checkGas(gas)
        let gas = self.gas
        // A page that cannot be written is exit 2 with one line before the run (and its --trace lines).
        if let html { try SimulateCommand.write("", to: html) }
        let evm = CallSetup.makeEVM(code: codeBytes, fork: fork)
        let tracer = trace ? EIP3155Tracer(write: { warn($0) }) : nil
        let recorder = html != nil ? StepRecorder(maxSteps: maxSteps, state: evm.state) : nil
        let inspectors: [any Inspector] = [tracer as (any Inspector)?, recorder].compactMap { $0 }
        let inspector: (any Inspector)? = inspectors.count > 1 ? InspectorGroup(inspectors) : inspectors.first
        let result = DeepStack.run {
            evm.call(CallSetup.message(input: inputBytes, gas: gas), inspector: inspector)
        }
        let gasUsed = gas - result.gasLeft
        if trace { warn(EIP3155Tracer.summary(result, gasUsed: gasUsed)) }
        if let html, let recorder {
            let t = StepTrace(label: "run", sender: CallSetup.sender, to: CallSetup.contract, input: inputBytes, gasLimit: gas, recorder: recorder)
            try SimulateCommand.write(TransactionPage.render([t], title: "porvm run"), to: html)
        }
        say("status: \(result.status)")
        say("gasUsed: \(gasUsed)")
        say("output: \(Hex.encode(result.output, prefix: true))")
        if !result.status.isSuccess { throw ExitStatus(code: 1) }
    }
}
