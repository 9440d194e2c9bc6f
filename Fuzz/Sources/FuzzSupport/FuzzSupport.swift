import Foundation
import CLibFuzzer

/// The signature libFuzzer calls for each input.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver on `target` with this process's arguments (libFuzzer's flags,
/// corpus folders, or input files to replay) and exits with its status.
public func runLibFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// Reads an input front to back; past the end every read returns zero, so each input maps to
/// exactly one test case and no read can fail.
public struct ByteReader {
    public let bytes: [UInt8]
    public private(set) var position = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var remaining: Int { bytes.count - position }
    public var isAtEnd: Bool { position >= bytes.count }

    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func take(_ n: Int) -> [UInt8] {
        let k = max(0, min(n, remaining))
        defer { position += k }
        return Array(bytes[position..<position + k])
    }

    public mutating func rest() -> [UInt8] { take(remaining) }
}

/// The fuzzer's input as an array.
@inline(__always)
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A file path unique to this process, for APIs that read files (libFuzzer forks with -jobs/-fork).
public func scratchPath(_ name: String, ext: String) -> String {
    let dir = ProcessInfo.processInfo.environment["PORVM_FUZZ_TMP"] ?? NSTemporaryDirectory()
    return (dir as NSString).appendingPathComponent("porvm-fuzz-\(name)-\(getpid()).\(ext)")
}

/// Set `PORVM_FUZZ_VERBOSE=1` to print what each input did (when reproducing one input).
public let fuzzVerbose: Bool = ProcessInfo.processInfo.environment["PORVM_FUZZ_VERBOSE"] != nil

public func fuzzLog(_ s: @autoclosure () -> String) {
    if fuzzVerbose { FileHandle.standardError.write((s() + "\n").data(using: .utf8)!) }
}
