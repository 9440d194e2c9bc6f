import ArgumentParser
import EVM
#if canImport(Glibc)
import Glibc
#endif

@main
struct Porvm {
    /// Bad input of any kind exits with this code and one line on stderr.
    static let usageExitCode: Int32 = 2

    static func main() {
        do {
            var command = try PorvmCommand.parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileOutput.stderr("porvm: \(error.description)")
            exit(usageExitCode)
        } catch let error as ExitStatus {
            exit(error.code)
        } catch {
            let code = PorvmCommand.exitCode(for: error)
            if code == .success {
                print(PorvmCommand.fullMessage(for: error))
                exit(0)
            }
            FileOutput.stderr("porvm: " + PorvmCommand.message(for: error).split(separator: "\n").joined(separator: "; "))
            exit(usageExitCode)
        }
    }
}

struct PorvmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porvm",
        abstract: "An EVM in Swift, and Proof of Reserve guard rails that run on it.",
        subcommands: [RunCommand.self, BenchCommand.self, StateTestCommand.self])
}

/// A user error: printed as one line, exit code 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A non-zero exit that is not an error of the user (e.g. the code reverted).
struct ExitStatus: Error { let code: Int32 }
