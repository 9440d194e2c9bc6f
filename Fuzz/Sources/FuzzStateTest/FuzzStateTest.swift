import Foundation
import Conformance
import EVM
import FuzzSupport

// State-test fixture JSON (the ethereum/tests GeneralStateTests shape): parse, then run every
// case through the public runner on one thread, as `porvm statetest` does.
//
// Gas is bounded so that each input ends quickly: when the input is JSON whose
// `transaction.gasLimit` entries or `env.currentGasLimit` exceed 10 M, they are rewritten to
// 10 M before running (inputs within the bound run byte for byte as given). Everything else —
// including `currentExcessBlobGas`, balances, code, access lists — is left as the fuzzer wrote it.
// The runner reads files, so the input goes through a per-process scratch file.

let gasBound: UInt64 = 10_000_000
let path = scratchPath("statetest", ext: "json")

func tooBig(_ v: Any) -> Bool {
    guard let s = v as? String else { return false }
    var t = Substring(s)
    if t.hasPrefix("0x") || t.hasPrefix("0X") {
        t = t.dropFirst(2)
        guard let n = UInt64(t.drop { $0 == "0" }.isEmpty ? "0" : String(t.drop { $0 == "0" }), radix: 16) else { return true }
        return n > gasBound
    }
    guard let n = UInt64(t) else { return !t.isEmpty && t.allSatisfy(\.isNumber) }
    return n > gasBound
}

/// The input with gas limits above the bound lowered to it, or nil if nothing needs changing.
/// The runner's JSONDecoder accepts some text that JSONSerialization rejects (raw control
/// characters in strings, invalid UTF-8), so such input is cleaned before looking for gas limits;
/// otherwise it would run unbounded and time out (found that way: a mutated loopMul fixture).
func boundedGas(_ data: Data) -> Data? {
    func parse(_ d: Data) -> [String: Any]? { try? JSONSerialization.jsonObject(with: d) as? [String: Any] }
    func cleaned(_ d: Data) -> Data {
        let text = String(decoding: d, as: UTF8.self)   // invalid UTF-8 → U+FFFD
        return Data(text.utf8.map { $0 < 0x20 && $0 != 0x09 && $0 != 0x0a && $0 != 0x0d ? 0x20 : $0 })
    }
    guard let root = parse(data) ?? parse(cleaned(data)) else { return nil }
    var changed = false
    var out = root
    let bound = "0x" + String(gasBound, radix: 16)
    for (name, value) in root {
        guard var test = value as? [String: Any] else { continue }
        if var env = test["env"] as? [String: Any], let g = env["currentGasLimit"], tooBig(g) {
            env["currentGasLimit"] = bound
            test["env"] = env
            changed = true
        }
        if var tx = test["transaction"] as? [String: Any], let limits = tx["gasLimit"] as? [Any] {
            let clamped = limits.map { tooBig($0) ? bound as Any : $0 }
            if limits.contains(where: tooBig) { tx["gasLimit"] = clamped; test["transaction"] = tx; changed = true }
        }
        out[name] = test
    }
    guard changed else { return nil }
    return try? JSONSerialization.data(withJSONObject: out)
}

let runner = StateTestRunner(options: .init(fork: nil, threads: 1))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = Data(inputBytes(data, size))
    if let bounded = boundedGas(bytes) { bytes = bounded }
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { fatalError("cannot write \(path)") }
    runner.run(files: [path]) { report in
        if let e = report.error { fuzzLog("file error: \(e)") }
        for r in report.results {
            _ = r.json
            fuzzLog("\(r.test) \(r.fork) pass=\(r.pass) \(r.error ?? "")")
        }
    }
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzStateTest) }
}
