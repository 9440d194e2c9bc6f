import ArgumentParser
import Primitives
import EVM
#if canImport(Glibc)
import Glibc
#endif

/// Entry point of the `porvm` tool: parses `arguments` (without the program name), runs the
/// command, and returns the process exit code. Bad input of any kind is one line on stderr
/// and exit code 2; a run whose code reverted or halted is exit code 1.
public enum Porvm {
    public static let usageExitCode: Int32 = 2

    public static func main(_ arguments: [String], console: Console = .standard) -> Int32 {
        Console.current = console
        defer { Console.current = .standard }
        // `fuzz` takes a config file as its first argument, which the parser would take `merge`
        // for: `porvm fuzz merge` is parsed on its own.
        let root: ParsableCommand.Type = arguments.starts(with: ["fuzz", "merge"]) ? FuzzMergeCommand.self : PorvmCommand.self
        do {
            var command = root == FuzzMergeCommand.self
                ? try FuzzMergeCommand.parseAsRoot(Array(arguments.dropFirst(2))) : try PorvmCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as CLIError {
            console.error(errorLine(error.description))
            return usageExitCode
        } catch let error as ExitStatus {
            return error.code
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                console.output(root.fullMessage(for: error))
                return 0
            }
            console.error(errorLine(root.message(for: error)))
            return usageExitCode
        }
    }

    /// The rule for bad input everywhere: one line on stderr, `porvm: ` then the message, with
    /// line breaks joined, control characters escaped (`MessageText.printable`: a hostile file
    /// cannot drive the terminal) and the length bounded (the message may quote the input).
    static let maxErrorLength = 1_000

    static func errorLine(_ message: String) -> String {
        let joined = message.split(whereSeparator: \.isNewline).prefix(maxErrorLength)
            .map { MessageText.printable(String($0)) }.joined(separator: "; ")
        let line = "porvm: " + joined
        return line.count > maxErrorLength ? String(line.prefix(maxErrorLength)) + "…" : line
    }
}

/// Where commands write: the process's stdout and stderr, or a test's buffers.
public struct Console: @unchecked Sendable {
    public var output: (String) -> Void
    public var error: (String) -> Void

    public init(output: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.output = output
        self.error = error
    }

    public static let standard = Console(
        output: { line in Swift.print(line) },
        error: { line in fputs(line + "\n", stderr) })

    /// The console of the running command (one command runs at a time per process).
    nonisolated(unsafe) static var current = Console.standard
}

func say(_ line: String) { Console.current.output(line) }
func warn(_ line: String) { Console.current.error(line) }

struct PorvmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porvm",
        abstract: "An EVM in Swift, and Proof of Reserve guard rails that run on it.",
        subcommands: [DemoCommand.self, RunCommand.self, BenchCommand.self, StateTestCommand.self, ScenarioCommand.self, FuzzCommand.self,
                      ExecCommand.self, SimulateCommand.self, ViewCommand.self, T8nCommand.self])
}

/// A user error: printed as one line (`Porvm.errorLine`), exit code 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A non-zero exit that is not the user's error (e.g. the code reverted).
struct ExitStatus: Error { let code: Int32 }
