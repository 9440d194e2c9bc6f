#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the files users hand to porvm (code, fixtures, artifacts, scenarios) with a size
/// bound, so that `/dev/zero`, a FIFO or a huge file is a clear error instead of a process
/// that reads until memory runs out.
public enum BoundedFile {
    /// The largest file any porvm input may be: 64 MiB (the largest official state-test fixture
    /// is 2.3 MB; a Hardhat build-info with sources and ASTs stays well below this).
    public static let maxBytes = 64 << 20

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case cannotRead(String)
        case tooLarge(String, limit: Int)

        public var description: String {
            switch self {
            case .cannotRead(let path): return "cannot read '\(path)'"
            case .tooLarge(let path, let limit): return "'\(path)' is larger than \(limit >> 20) MiB"
            }
        }
    }

    /// The file's bytes, reading at most `limit` bytes (one more proves it is too large).
    public static func read(_ path: String, limit: Int = maxBytes) throws(Failure) -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw .cannotRead(path) }
        defer { fclose(f) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 {
                guard bytes.count + n <= limit else { throw .tooLarge(path, limit: limit) }
                bytes.append(contentsOf: buffer[0..<n])
            }
            if n < buffer.count { break }
        }
        if ferror(f) != 0 { throw .cannotRead(path) }
        return bytes
    }

    /// The file as UTF-8 text (invalid sequences become U+FFFD; callers that need strict UTF-8
    /// check the bytes themselves).
    public static func readText(_ path: String, limit: Int = maxBytes) throws(Failure) -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }
}
