import Foundation
import Primitives
import EVM
import ABI

/// Reading compiler output in the shapes people have on disk:
/// - Foundry `out/<File>.sol/<Name>.json`: `abi`, `bytecode.object`, `deployedBytecode.object`, `linkReferences` inside;
/// - Hardhat artifacts and our `Fixtures/<Name>.json`: `contractName`, `abi`, `bytecode`/`deployedBytecode` strings, `linkReferences`;
/// - solc standard-JSON output: `contracts[file][name].abi` and `.evm.bytecode.object`;
/// - solc `--combined-json abi,bin,bin-runtime`: `contracts["file:Name"]`;
/// - Vyper `-f combined_json`: `{ "<file>.vy": { abi, bytecode, bytecode_runtime }, "version": … }`.
extension Artifact {
    /// Loads one contract from a file. `contract` selects it when the file holds several
    /// (standard JSON, combined JSON); otherwise the file's only contract is returned.
    public static func load(path: String, contract: String? = nil) throws -> Artifact {
        let all = try loadAll(path: path)
        return try select(all, contract: contract, source: path)
    }

    public static func loadAll(path: String) throws -> [Artifact] {
        let bytes: [UInt8]
        do { bytes = try BoundedFile.read(path) } catch {
            if case .tooLarge = error { throw HarnessError.invalidArtifact("\(error)") }
            throw HarnessError.fileNotFound(path)
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parseAll(json: bytes, nameHint: stem, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    /// One contract from JSON text.
    public static func parse(json: String, contract: String? = nil, nameHint: String = "Contract") throws -> Artifact {
        try select(parseAll(json: Array(json.utf8), nameHint: nameHint), contract: contract, source: "JSON")
    }

    static func select(_ all: [Artifact], contract: String?, source: String) throws -> Artifact {
        if let contract {
            if let a = all.first(where: { $0.contractName == contract }) { return a }
            throw HarnessError.contractNotFound(contract, available: all.map(\.contractName))
        }
        guard all.count == 1 else {
            if all.isEmpty { throw HarnessError.invalidArtifact("\(source) holds no contract") }
            throw HarnessError.invalidArtifact("\(source) holds \(all.count) contracts; pass contract: one of \(all.map(\.contractName).joined(separator: ", "))")
        }
        return all[0]
    }

    /// `baseDirectory` (the artifact's folder) is where solc sources named by a source map are
    /// looked for, in it and its parents, when the artifact does not carry their text.
    public static func parseAll(json bytes: [UInt8], nameHint: String, baseDirectory: String? = nil) throws -> [Artifact] {
        let root: JSONValue
        do { root = try JSONValue(parsing: bytes) } catch { throw HarnessError.invalidArtifact("\(nameHint): \(error)") }
        guard case .object(let o) = root else { throw HarnessError.invalidArtifact("\(nameHint): top level is not a JSON object") }

        if let contracts = o["contracts"]?.object {
            // solc combined JSON uses "file:Name" keys with bin; standard JSON nests file → name.
            if contracts.values.contains(where: { $0["bin"] != nil || $0["bin-runtime"] != nil }) {
                // `sourceList` gives the source ids of `srcmap-runtime` (index = id).
                let files = (o["sourceList"]?.array ?? []).enumerated().compactMap { i, v in v.string.map { (id: i, name: $0) } }
                return try contracts.keys.sorted().map { key in
                    let c = contracts[key]!  // safe: key from keys
                    let name = key.split(separator: ":").last.map(String.init) ?? key
                    var a = try make(name: name, abiJSON: c["abi"], code: c["bin"]?.string, runtime: c["bin-runtime"]?.string,
                                     refs: [], runtimeRefs: [], compiler: o["version"]?.string, format: .solcCombinedJSON)
                    a.sourceMap = SourceMap.fromSolc(map: c["srcmap-runtime"]?.string, runtimeHex: a.deployedBytecodeHex, references: [],
                                                     files: files, metadata: c["metadata"], baseDirectory: baseDirectory)
                    return a
                }
            }
            // Standard JSON output: `sources[name].id` numbers the files of every source map.
            let files = (o["sources"]?.object ?? [:]).compactMap { name, v in v["id"]?.int.map { (id: $0, name: name) } }
            var out: [Artifact] = []
            for file in contracts.keys.sorted() {
                guard let byName = contracts[file]?.object else { continue }
                for name in byName.keys.sorted() {
                    let c = byName[name]!  // safe: key from keys
                    let evm = c["evm"]
                    var a = try make(name: name, abiJSON: c["abi"], code: evm?["bytecode"]?["object"]?.string,
                                     runtime: evm?["deployedBytecode"]?["object"]?.string,
                                     refs: try linkRefs(evm?["bytecode"]?["linkReferences"]),
                                     runtimeRefs: try linkRefs(evm?["deployedBytecode"]?["linkReferences"]),
                                     compiler: compilerVersion(c["metadata"]), format: .solcStandardJSON)
                    a.sourceMap = SourceMap.fromSolc(map: evm?["deployedBytecode"]?["sourceMap"]?.string, runtimeHex: a.deployedBytecodeHex,
                                                     references: a.deployedLinkReferences, files: files, metadata: c["metadata"],
                                                     baseDirectory: baseDirectory)
                    out.append(a)
                }
            }
            return out
        }

        if o["abi"] != nil {
            let name = o["contractName"]?.string ?? nameHint
            let compiler = compilerVersion(o["compiler"]) ?? compilerVersion(o["metadata"])
            if case .object(let bc)? = o["bytecode"] {
                // Foundry
                var a = try make(name: name, abiJSON: o["abi"], code: bc["object"]?.string,
                                 runtime: o["deployedBytecode"]?["object"]?.string,
                                 refs: try linkRefs(bc["linkReferences"]),
                                 runtimeRefs: try linkRefs(o["deployedBytecode"]?["linkReferences"]),
                                 compiler: compiler, format: .foundry)
                // The artifact names only its own file: `id` is its source id, `ast.absolutePath` its name.
                // `out/build-info/` (when present) numbers the imported files too.
                if let id = o["id"]?.int, let file = o["ast"]?["absolutePath"]?.string {
                    let build = FoundryBuildInfo.compilation(artifactDirectory: baseDirectory, id: id, path: file)
                    a.sourceMap = SourceMap.fromSolc(map: o["deployedBytecode"]?["sourceMap"]?.string, runtimeHex: a.deployedBytecodeHex,
                                                     references: a.deployedLinkReferences, files: build?.files ?? [(id: id, name: file)],
                                                     metadata: o["metadata"], baseDirectory: baseDirectory, texts: build?.texts ?? [:])
                }
                return [a]
            }
            let format: Format = o["_format"]?.string?.hasPrefix("hh") == true ? .hardhat : .fixture
            var a = try make(name: name, abiJSON: o["abi"], code: o["bytecode"]?.string, runtime: o["deployedBytecode"]?.string,
                             refs: try linkRefs(o["linkReferences"]), runtimeRefs: try linkRefs(o["deployedLinkReferences"]),
                             compiler: compiler, format: format)
            // Our Fixtures/ keep vyper's map in solc's form with the sources' text (scripts/build-fixtures.py).
            a.sourceMap = SourceMap.fromFixture(o["sourceMap"], runtimeHex: a.deployedBytecodeHex)
            return [a]
        }

        // Vyper combined_json: file keys holding abi + bytecode.
        var out: [Artifact] = []
        for key in o.keys.sorted() {
            guard let c = o[key], c["abi"] != nil, c["bytecode"] != nil else { continue }
            let file = (key as NSString).lastPathComponent
            let name = (file as NSString).deletingPathExtension
            out.append(try make(name: name, abiJSON: c["abi"], code: c["bytecode"]?.string, runtime: c["bytecode_runtime"]?.string,
                                refs: [], runtimeRefs: [], compiler: o["version"]?.string.map { "vyper " + $0 },
                                format: .vyperCombinedJSON))
        }
        if out.isEmpty {
            throw HarnessError.invalidArtifact("\(nameHint): not a Foundry, Hardhat, solc, Vyper or fixture artifact (no 'abi' or 'contracts')")
        }
        return out
    }

    static func make(name: String, abiJSON: JSONValue?, code: String?, runtime: String?, refs: [LinkReference],
                     runtimeRefs: [LinkReference], compiler: String?, format: Format) throws -> Artifact {
        guard let abiJSON else { throw HarnessError.invalidArtifact("\(name): no 'abi'") }
        let abi: ContractABI
        do { abi = try ContractABI(json: abiJSON) } catch { throw HarnessError.invalidArtifact("\(name): \(error)") }
        let a = Artifact(contractName: name, abi: abi, bytecodeHex: code ?? "", deployedBytecodeHex: runtime ?? "",
                         linkReferences: refs, deployedLinkReferences: runtimeRefs, compiler: compiler, format: format)
        // Reject non-hex early (placeholders aside), with the contract's name in the message.
        for (hex, what) in [(a.bytecodeHex, "bytecode"), (a.deployedBytecodeHex, "deployedBytecode")] {
            var chars = Array(hex.utf8)
            for p in placeholders(in: hex, references: []) {
                for j in p.position..<(p.position + 40) { chars[j] = UInt8(ascii: "0") }
            }
            if Hex.decode(String(decoding: chars, as: UTF8.self)) == nil {
                throw HarnessError.invalidArtifact("\(name): \(what) is not valid hex")
            }
        }
        return a
    }

    static func linkRefs(_ v: JSONValue?) throws -> [LinkReference] {
        guard let files = v?.object else { return [] }
        var out: [LinkReference] = []
        for file in files.keys.sorted() {
            guard let libs = files[file]?.object else { throw HarnessError.invalidArtifact("linkReferences[\(file)] is not an object") }
            for lib in libs.keys.sorted() {
                guard let entries = libs[lib]?.array else { throw HarnessError.invalidArtifact("linkReferences[\(file)][\(lib)] is not an array") }
                let starts = try entries.map { e -> Int in
                    // A start is a byte offset into the code, which a file of BoundedFile.maxBytes cannot pass.
                    guard let s = e["start"]?.int, (0...BoundedFile.maxBytes).contains(s) else {
                        throw HarnessError.invalidArtifact("bad link reference for \(lib): start must be a byte offset from 0 to \(BoundedFile.maxBytes)")
                    }
                    return s
                }
                out.append(LinkReference(file: file, library: lib, starts: starts))
            }
        }
        return out
    }

    static func compilerVersion(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.string {
            // metadata as a JSON string (solc standard JSON)
            if s.hasPrefix("{"), let m = try? JSONValue(parsing: s) { return m["compiler"]?["version"]?.string }
            return s
        }
        return v["version"]?.string ?? v["compiler"]?["version"]?.string
    }
}
