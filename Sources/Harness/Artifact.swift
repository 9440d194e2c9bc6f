import EVM
import ABI
import EVMCrypto
import Primitives

/// Where a library address goes in a bytecode: byte offsets of 20-byte slots, per solc's
/// `linkReferences` (file → library → [{start, length}]).
public struct LinkReference: Hashable, Sendable {
    public var file: String
    public var library: String
    public var starts: [Int]
    public var fullyQualifiedName: String { file.isEmpty ? library : "\(file):\(library)" }
    public init(file: String, library: String, starts: [Int]) {
        self.file = file
        self.library = library
        self.starts = starts
    }
}

/// Compiled contract: ABI plus creation and runtime code, as hex that may still hold
/// library placeholders (`__$<34 hex>$__` since solc 0.5, `__LibName______` before).
public struct Artifact: Sendable {
    public enum Format: String, Sendable {
        case foundry, hardhat, fixture, solcStandardJSON, solcCombinedJSON, vyperCombinedJSON
    }

    public var contractName: String
    public var abi: ContractABI
    /// Creation code, hex without `0x`, placeholders left in place.
    public var bytecodeHex: String
    public var deployedBytecodeHex: String
    public var linkReferences: [LinkReference]
    public var deployedLinkReferences: [LinkReference]
    public var compiler: String?
    public var format: Format
    /// Runtime pc → source location, when the artifact carries a source map and its sources
    /// can be read (see `SourceMap`); nil otherwise.
    public var sourceMap: SourceMap?

    public init(contractName: String, abi: ContractABI, bytecodeHex: String, deployedBytecodeHex: String = "",
                linkReferences: [LinkReference] = [], deployedLinkReferences: [LinkReference] = [],
                compiler: String? = nil, format: Format = .fixture, sourceMap: SourceMap? = nil) {
        self.contractName = contractName
        self.abi = abi
        self.bytecodeHex = Artifact.normalizeHex(bytecodeHex)
        self.deployedBytecodeHex = Artifact.normalizeHex(deployedBytecodeHex)
        self.linkReferences = linkReferences
        self.deployedLinkReferences = deployedLinkReferences
        self.compiler = compiler
        self.format = format
        self.sourceMap = sourceMap
    }

    static func normalizeHex(_ s: String) -> String {
        var t = Substring(s.filter { !$0.isWhitespace })
        if t.hasPrefix("0x") || t.hasPrefix("0X") { t = t.dropFirst(2) }
        return String(t)
    }

    // MARK: placeholders

    /// One 40-character placeholder found in the hex.
    struct Placeholder {
        var position: Int          // in hex characters
        var text: String
        /// Best name for messages: the fully qualified name from linkReferences, else what the placeholder says.
        var name: String
        var reference: LinkReference?
    }

    static func placeholders(in hex: String, references: [LinkReference]) -> [Placeholder] {
        let chars = Array(hex.utf8)
        var out: [Placeholder] = []
        // Byte offset -> reference, so that each placeholder is one lookup (i is in hex characters).
        var byStart: [Int: LinkReference] = [:]
        for r in references { for s in r.starts where byStart[s] == nil { byStart[s] = r } }
        var i = 0
        while i + 40 <= chars.count {
            guard chars[i] == UInt8(ascii: "_"), chars[i + 1] == UInt8(ascii: "_") else { i += 2; continue }
            let text = String(decoding: chars[i..<(i + 40)], as: UTF8.self)
            let ref = i % 2 == 0 ? byStart[i / 2] : nil
            var name: String
            if text.hasPrefix("__$") && text.hasSuffix("$__") {
                name = "library with placeholder \(text) (its keccak256 of the fully qualified name)"
            } else {
                name = String(text.dropFirst(2).reversed().drop { $0 == "_" }.reversed())
            }
            if let ref { name = ref.fullyQualifiedName }
            out.append(Placeholder(position: i, text: text, name: name, reference: ref))
            i += 40
        }
        return out
    }

    /// Names of libraries still to link in the creation code.
    public var unlinkedLibraries: [String] {
        var names: [String] = [], seen = Set<String>()
        for p in Artifact.placeholders(in: bytecodeHex, references: linkReferences) where seen.insert(p.name).inserted {
            names.append(p.name)
        }
        return names
    }

    /// The `__$…$__` placeholder solc writes for a fully qualified library name (`path/File.sol:Lib`).
    public static func placeholder(forFullyQualifiedName fq: String) -> String {
        "__$" + Hex.encode(Keccak256.hash(Array(fq.utf8)).prefix(17)) + "$__"
    }

    static func matches(_ p: Placeholder, key: String) -> Bool {
        if let r = p.reference, key == r.fullyQualifiedName || key == r.library { return true }
        if p.text.lowercased() == placeholder(forFullyQualifiedName: key) { return true }
        if !p.text.hasPrefix("__$") {
            // Old style: the (possibly truncated to 36 characters) name padded with underscores.
            let inner = String(p.text.dropFirst(2).reversed().drop { $0 == "_" }.reversed())
            if inner == key || inner == String(key.prefix(36)) { return true }
            if let colon = inner.lastIndex(of: ":"), String(inner[inner.index(after: colon)...]) == key { return true }
        }
        return false
    }

    static func link(_ hex: String, references: [LinkReference], libraries: [String: Address]) -> (String, Set<String>) {
        var chars = Array(hex.utf8)
        var used = Set<String>()
        for p in placeholders(in: hex, references: references) {
            guard let (key, address) = libraries.first(where: { matches(p, key: $0.key) }) else { continue }
            used.insert(key)
            let a = Array(Hex.encode(address.bytes).utf8)
            for j in 0..<40 { chars[p.position + j] = a[j] }
        }
        return (String(decoding: chars, as: UTF8.self), used)
    }

    /// Fills library placeholders. Keys are library names (`Lib`) or fully qualified names
    /// (`contracts/Lib.sol:Lib`; needed to match a `__$hash$__` placeholder when the artifact
    /// has no linkReferences). Throws for a key that matches no placeholder.
    public func link(libraries: [String: Address]) throws -> Artifact {
        var copy = self
        let (code, used) = Artifact.link(bytecodeHex, references: linkReferences, libraries: libraries)
        let (runtime, used2) = Artifact.link(deployedBytecodeHex, references: deployedLinkReferences, libraries: libraries)
        copy.bytecodeHex = code
        copy.deployedBytecodeHex = runtime
        for key in libraries.keys where !used.contains(key) && !used2.contains(key) {
            throw HarnessError.unknownLibrary("\(key) in \(contractName)")
        }
        return copy
    }

    // MARK: code

    static func decode(_ hex: String, name: String, what: String, references: [LinkReference]) throws -> [UInt8] {
        var unique: [String] = [], seen = Set<String>()
        for p in placeholders(in: hex, references: references) where seen.insert(p.name).inserted { unique.append(p.name) }
        if !unique.isEmpty { throw HarnessError.unlinkedLibraries(contract: name, libraries: unique) }
        do { return try Hex.decodeStrict(hex) } catch {
            throw HarnessError.invalidArtifact("\(what) of \(name): \(error)")
        }
    }

    /// Creation code; throws naming the libraries if any placeholder is left.
    public func bytecode() throws -> [UInt8] {
        try Artifact.decode(bytecodeHex, name: contractName, what: "bytecode", references: linkReferences)
    }

    public func deployedBytecode() throws -> [UInt8] {
        try Artifact.decode(deployedBytecodeHex, name: contractName, what: "deployedBytecode", references: deployedLinkReferences)
    }

    /// Creation code followed by the ABI-encoded constructor arguments.
    public func creationCode(_ arguments: [Any] = []) throws -> [UInt8] {
        let code = try bytecode()
        guard !code.isEmpty else {
            throw HarnessError.invalidArtifact("\(contractName) has no creation bytecode (abstract contract or interface?)")
        }
        return code + (try abiCall { try abi.encodeConstructor(arguments.map(normalizeArgument)) })
    }
}
