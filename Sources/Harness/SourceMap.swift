import Primitives

/// Runtime code pc → source location, built once per artifact; a lookup is two array reads
/// and a binary search over line starts.
public struct SourceMap: Sendable {
    /// solc's `j` field: a jump into a function, out of one, or an ordinary jump/instruction.
    public enum Jump: String, Sendable { case into = "i", out = "o", regular = "-" }

    /// Where a runtime-code instruction came from in the contract's sources: the compiler's
    /// source map (solc's `deployedSourceMap`, or vyper's, which our fixtures keep in the same
    /// form) resolved against the sources' text.
    public struct Location: Hashable, Sendable {
        /// Source unit name as the compiler saw it, e.g. `Contracts/SecureMintToken.vy`.
        public var file: String
        /// 1-based line and column (column counted in bytes from the line's start) of `offset`.
        public var line: Int
        public var column: Int
        /// The mapped range: byte offset and length in the source.
        public var offset: Int
        public var length: Int
        /// The text of `line`, without its line break.
        public var lineText: String
        public var jump: Jump
    }

    /// One source file a map points into; `id` is the map's `f` field.
    public struct Source: Sendable {
        public let id: Int
        public let name: String
        let bytes: [UInt8]
        /// Byte offset of every line's first byte.
        let lineStarts: [Int]

        public init(id: Int, name: String, text: String) {
            self.id = id
            self.name = name
            bytes = Array(text.utf8)
            var starts = [0]
            for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
            lineStarts = starts
        }

        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// One decoded `s:l:f:j` entry.
    struct Entry: Equatable {
        var offset: Int32
        var length: Int32
        var file: Int32
        var jump: Jump
    }

    let entries: [Entry]
    /// Entry index per byte of code; -1 for PUSH data and bytes past the mapped instructions.
    let entryAtPC: [Int32]
    public let sources: [Int: Source]

    /// Builds the map of `code` (the runtime code the map was emitted for: instruction starts
    /// are found by skipping PUSH data) from solc's compressed form. Throws a one-line
    /// `invalidArtifact` error for a malformed map or more entries than instructions.
    public init(compressed: String, code: [UInt8], sources: [Source]) throws {
        let entries = try SourceMap.decode(compressed, limit: SourceMap.instructionCount(code))
        var entryAtPC = [Int32](repeating: -1, count: code.count)
        var pc = 0, index = 0
        while pc < code.count && index < entries.count {
            entryAtPC[pc] = Int32(truncatingIfNeeded: index)
            index += 1
            let op = code[pc]
            // PUSH1…PUSH32 (0x60…0x7f) carry 1…32 bytes of data (Yellow Paper, appendix H).
            pc += 1 + (op >= 0x60 && op <= 0x7f ? Int(op) - 0x5f : 0)
        }
        self.entries = entries
        self.entryAtPC = entryAtPC
        var byID: [Int: Source] = [:]
        for s in sources { byID[s.id] = s }
        self.sources = byID
    }

    static func instructionCount(_ code: [UInt8]) -> Int {
        var pc = 0, n = 0
        while pc < code.count {
            n += 1
            let op = code[pc]
            pc += 1 + (op >= 0x60 && op <= 0x7f ? Int(op) - 0x5f : 0)
        }
        return n
    }

    /// Number of instructions the map covers.
    public var count: Int { entries.count }

    /// The source location of the instruction at `pc`, or nil for PUSH data, unmapped
    /// instructions (compiler-generated code has file -1) and files whose text is not known.
    public func location(pc: Int) -> Location? {
        guard pc >= 0, pc < entryAtPC.count else { return nil }
        let index = Int(entryAtPC[pc])
        guard index >= 0 else { return nil }
        let e = entries[index]
        guard e.file >= 0, e.offset >= 0, let source = sources[Int(e.file)] else { return nil }
        let offset = Int(e.offset)
        guard offset <= source.bytes.count else { return nil }
        let length = min(max(Int(e.length), 0), source.bytes.count - offset)
        // Last line start <= offset.
        var lo = 0, hi = source.lineStarts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if source.lineStarts[mid] <= offset { lo = mid } else { hi = mid }
        }
        let start = source.lineStarts[lo]
        var end = lo + 1 < source.lineStarts.count ? source.lineStarts[lo + 1] - 1 : source.bytes.count
        if end > start && source.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Location(file: source.name, line: lo + 1, column: offset - start + 1, offset: offset, length: length,
                              lineText: String(decoding: source.bytes[start..<max(start, end)], as: UTF8.self),
                              jump: e.jump)
    }
}

extension Chain {
    /// The source location of `pc` in the code at `codeAddress` (a frame's `message.codeAddress`:
    /// under DELEGATECALL the code runs for another account), or nil when unknown.
    public func sourceLocation(codeAddress: AddressConvertible, pc: Int) -> SourceMap.Location? {
        sourceMap(at: codeAddress)?.location(pc: pc)
    }
}

extension Contract {
    /// The source map of this contract's runtime code, when it was deployed or attached from
    /// an artifact that carries one.
    public var sourceMap: SourceMap? { chain.sourceMap(at: address) }
}
