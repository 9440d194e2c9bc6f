import Foundation
import EVM
import Primitives
import UInt256

/// A failure to write traces, as one line (the CLI exits 2 with it).
public struct TraceDirectoryError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Writes an EIP-3155 trace (JSON lines, then the summary line `run --trace` prints) of every
/// transaction the chain sends into its own file in a folder, and beside it `<name>.pre.json`:
/// the transaction, the block, the fork and every account of the state before it (code, balance,
/// nonce, storage), enough to replay it on another EVM (`scripts/trace/compare_revm.py`).
///
/// Read-only calls are not transactions and are skipped unless `includeCalls`. Writes are
/// bounded: at most `maxFiles` traces and `maxBytes` bytes in all; past a bound, or on an I/O
/// error, nothing more is written and `error` says why (the run itself goes on).
public final class TraceDirectory: TransactionWatcher {
    public let path: String
    public let maxFiles: Int
    public let maxBytes: Int
    public let includeCalls: Bool
    /// Starts every file name: the scenario file's stem (each stem numbers its own traces).
    public var stem = "trace"
    /// Goes after the sequence number: "step3" for a scenario's third step.
    public var context = ""
    public private(set) var error: TraceDirectoryError?
    /// The trace files written, in order.
    public private(set) var written: [String] = []
    public private(set) var bytesWritten = 0
    /// The number of the last trace of each stem (a file given twice goes on numbering, not overwriting).
    private var sequences: [String: Int] = [:]
    private var current: (file: FileHandle, path: String, buffer: [UInt8], truncated: Bool)?

    /// Creates the folder if needed and checks that it can be written.
    public init(path: String, maxFiles: Int = 1000, maxBytes: Int = 1 << 30, includeCalls: Bool = false) throws(TraceDirectoryError) {
        self.path = path
        self.maxFiles = maxFiles
        self.maxBytes = maxBytes
        self.includeCalls = includeCalls
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw TraceDirectoryError("trace folder \(path) is a file") }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw TraceDirectoryError("cannot create the trace folder \(path)")
            }
        }
        guard fm.isWritableFile(atPath: path) else { throw TraceDirectoryError("cannot write to the trace folder \(path)") }
    }

    /// `<stem>-<NNN>-<context>-<Contract.function>`, reduced to characters safe in a file name.
    func fileName(_ tx: SentTransaction) -> String {
        let parts = [stem, String(format: "%03d", sequences[stem] ?? 0)] + (context.isEmpty ? [] : [context]) + [tx.label]
        let safe = parts.joined(separator: "-").unicodeScalars.map { c -> Character in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "_" || c == "-") ? Character(c) : "_"
        }
        return String(String(safe).prefix(200))
    }

    public func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        guard error == nil, includeCalls || !tx.readOnly else { return nil }
        guard written.count < maxFiles else {
            error = TraceDirectoryError("trace folder \(path): more than \(maxFiles) traces; the rest were not written (--trace-max-files)")
            return nil
        }
        sequences[stem, default: 0] += 1
        let base = (path as NSString).appendingPathComponent(fileName(tx))
        let pre = Self.preState(tx, chain: chain)
        guard reserve(pre.utf8.count, for: base + ".pre.json") else { return nil }
        guard FileManager.default.createFile(atPath: base + ".pre.json", contents: Data(pre.utf8)),
              FileManager.default.createFile(atPath: base + ".jsonl", contents: nil),
              let file = FileHandle(forWritingAtPath: base + ".jsonl") else {
            error = TraceDirectoryError("cannot write \(base).jsonl")
            return nil
        }
        current = (file, base + ".jsonl", [], false)
        written.append(base + ".jsonl")
        return EIP3155Tracer(write: { [unowned self] line in self.append(line) })
    }

    public func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        guard current != nil else { return }
        if let o = outcome {
            let result = CallResult(status: o.status, gasLeft: 0, output: o.output)
            append(EIP3155Tracer.summary(result, gasUsed: Int64(clamping: o.gasUsed)))
        } else {
            append("{\"error\":\"transaction rejected before it ran\"}")
        }
        flush()
        if let c = current { try? c.file.close() }
        current = nil
    }

    /// Whether the bound allows `count` more bytes (counted as written); else `error` is set.
    private func reserve(_ count: Int, for file: String) -> Bool {
        guard bytesWritten + count <= maxBytes else {
            error = error ?? TraceDirectoryError("trace folder \(path): \(maxBytes) bytes reached at \(file); the rest were not written (--trace-max-bytes)")
            return false
        }
        bytesWritten += count
        return true
    }

    private func append(_ line: String) {
        guard var c = current, !c.truncated else { return }
        current = nil   // the buffer is moved out, not copied, while it grows
        guard reserve(line.utf8.count + 1, for: c.path) else {
            c.truncated = true
            current = c
            return
        }
        c.buffer += line.utf8
        c.buffer.append(0x0A)
        current = c
        if c.buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard var c = current, !c.buffer.isEmpty else { return }
        current = nil
        do { try c.file.write(contentsOf: c.buffer) } catch {
            self.error = self.error ?? TraceDirectoryError("cannot write \(c.path): \(error.localizedDescription)")
            c.truncated = true
        }
        c.buffer.removeAll(keepingCapacity: true)
        current = c
    }
}
