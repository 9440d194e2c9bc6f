import Foundation
import PoRScenario
import Scenario
import FuzzSupport

// Scenario files (YAML, or JSON when the text starts with `{`): parse and check every step
// (`ScenarioRunner.load(text:path:)`), then run the checked scenario. The scenario is named as a
// file in the repository's Scenarios/ folder so that relative artifact paths resolve to the
// shipped fixtures, as they do for the shipped scenarios. Execution is bounded: scenarios
// with more than `maxSteps` steps are only checked, not run.

let maxSteps = 64
let root: String = {
    if let r = ProcessInfo.processInfo.environment["PORVM_ROOT"] { return r }
    // Fuzz/Sources/FuzzScenario/FuzzScenario.swift → the repository root.
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()
let runner = ScenarioRunner(plugins: [PoRSteps()], output: { fuzzLog($0) })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let isJSON = text.drop { $0.isWhitespace }.first == "{"
    let path = root + "/Scenarios/fuzz-input." + (isJSON ? "json" : "yaml")
    let loaded: LoadedScenario
    do { loaded = try runner.load(text: text, path: path) } catch {
        fuzzLog("rejected: \(error)")
        return 0
    }
    guard loaded.stepCount <= maxSteps else { return 0 }
    let summary = runner.run(loaded)
    fuzzLog(summary.line)
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzScenario) }
}
