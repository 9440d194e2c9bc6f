import Foundation
import Primitives
import EVM

/// Runs GeneralStateTests fixture files: every (test, fork, indexes) case of the supported
/// forks, in parallel over big-stack threads, file by file.
public struct StateTestRunner {
    public struct Options {
        public var fork: Fork?
        public var threads: Int
        /// Runs the cases of forks whose EIPs are not all implemented yet, instead of skipping them.
        public var includesUnfinishedForks: Bool
        public init(fork: Fork? = nil, threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount),
                    includesUnfinishedForks: Bool = false) {
            self.fork = fork
            self.threads = threads
            self.includesUnfinishedForks = includesUnfinishedForks
        }
    }

    /// What one file produced: its cases, cases skipped (unsupported forks), or a file error.
    public struct FileReport: Sendable {
        public let path: String
        public var results: [CaseResult] = []
        public var skipped = 0
        public var error: String?
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// Fixture files under `paths` (files as given, folders searched recursively), sorted.
    public static func collectFiles(_ paths: [String]) throws -> [String] {
        let fm = FileManager.default
        var out = [String]()
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw FixtureError("no such file or folder: \(p)") }
            if !isDir.boolValue { out.append(p); continue }
            guard let e = fm.enumerator(atPath: p) else { throw FixtureError("cannot list \(p)") }
            var found = [String]()
            while let rel = e.nextObject() as? String {
                if rel.hasSuffix(".json") { found.append((p as NSString).appendingPathComponent(rel)) }
            }
            out += found.sorted()
        }
        return out
    }

    /// Runs every file; `onFile` is called with each file's report as it completes.
    public func run(files: [String], onFile: @escaping @Sendable (FileReport) -> Void) {
        let options = self.options
        DeepStack.concurrentPerform(iterations: files.count, threads: options.threads) { i in
            onFile(Self.runFile(files[i], options: options))
        }
    }

    static func runFile(_ path: String, options: Options) -> FileReport {
        var report = FileReport(path: path)
        let data: Data
        do { data = Data(try BoundedFile.read(path)) } catch {
            report.error = error == .cannotRead(path) ? "cannot read file" : "\(error)"
            return report
        }
        let file: StateTestFile
        do {
            file = try JSONDecoder().decode(StateTestFile.self, from: data)
        } catch {
            report.error = "not a state test fixture: \(Self.describe(error))"
            return report
        }
        for name in file.keys.sorted() {
            guard let fixture = file[name] else { continue }
            let prepared: PreparedTest
            do {
                prepared = try PreparedTest(name: name, fixture: fixture)
            } catch {
                report.error = "\(name): \(error)"
                return report
            }
            for forkName in fixture.post.keys.sorted() {
                let cases = fixture.post[forkName] ?? []
                guard let fork = Fork(name: forkName), fork.isImplemented || options.includesUnfinishedForks, options.fork == nil || options.fork == fork else {
                    report.skipped += cases.count
                    continue
                }
                for c in cases {
                    report.results.append(prepared.run(file: path, fork: fork, forkName: forkName, c))
                }
            }
        }
        return report
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return "corrupt JSON (\(c.debugDescription))"
        case DecodingError.keyNotFound(let k, let c): return "missing field '\(k.stringValue)' at \(path(c))"
        case DecodingError.typeMismatch(_, let c): return "wrong type at \(path(c))"
        case DecodingError.valueNotFound(_, let c): return "missing value at \(path(c))"
        default: return "\(error)"
        }
    }

    private static func path(_ c: DecodingError.Context) -> String {
        c.codingPath.map(\.stringValue).joined(separator: ".")
    }
}

extension CaseResult {
    /// One line for a failing case: file, test, fork, indexes, what differed.
    public var failureLine: String {
        "FAIL \(file) \(test) \(fork) d=\(indexes.data) g=\(indexes.gas) v=\(indexes.value): \(error ?? "")"
    }

    /// The shape of evmone's and geth's state-test runners' JSON output, written by Foundation's
    /// `JSONEncoder` (keys sorted, so every run prints the same line).
    public var json: String {
        struct Line: Encodable {
            struct Indexes: Encodable { var data: Int, gas: Int, value: Int }
            var name: String, pass: Bool, fork: String, stateRoot: String, file: String
            var indexes: Indexes
            var error: String?
        }
        let line = Line(name: test, pass: pass, fork: fork, stateRoot: stateRoot, file: file,
                        indexes: .init(data: indexes.data, gas: indexes.gas, value: indexes.value), error: error)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and booleans always encode; the fallback is unreachable in practice.
        guard let data = try? encoder.encode(line) else { return #"{"pass":false,"error":"result not encodable"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
