import Foundation
import ABI
import Primitives

/// Contracts assembled here (no compiler needed) for the coverage-guided search.
///
/// `MagicChain`: `step(x)` advances `stage` (slot 0) from i to i + 1 only when x equals the i-th
/// magic constant (four PUSH4 operands of the code); `stage()` reads it. So the bug
/// `stage() >= 4` needs exactly [step(K0), step(K1), step(K2), step(K3)] in that order: a random
/// sequence almost never holds it, while each stage reached is a new JUMPI edge for coverage
/// guidance to keep and build on.
enum MagicChain {
    static let magic: [UInt32] = [0x5eed_1e55, 0xc0ff_ee42, 0x0ddb_a115, 0xfa11_0fed]

    static let abi = """
    [
     {"type":"function","name":"step","inputs":[{"name":"x","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
     {"type":"function","name":"stage","inputs":[],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"}
    ]
    """

    static var runtime: [UInt8] {
        typealias I = TwoStep.Item
        func dispatch(_ sig: String, _ label: String) -> [I] {
            [.raw([0x80, 0x63] + TwoStep.selector(sig) + [0x14]), .push(label), .raw([0x57])]
        }
        var items: [I] = [.raw([0x60, 0, 0x35, 0x60, 0xe0, 0x1c])]            // selector
        items += dispatch("step(uint256)", "step") + dispatch("stage()", "stage")
        items += [.raw([0x60, 0, 0x80, 0xfd])]                                // REVERT(0, 0)
        items += [.label("step"), .raw([0x60, 4, 0x35, 0x60, 0, 0x54])]       // x, s = sload(0)
        for (i, k) in magic.enumerated() {
            let b = withUnsafeBytes(of: k.bigEndian) { Array($0) }
            // if s != i goto next_i; if x != K_i goto end; sstore(0, i + 1); STOP
            items += [.raw([0x80, 0x60, UInt8(i), 0x14, 0x15]), .push("next\(i)"), .raw([0x57])]
            items += [.raw([0x81, 0x63] + b + [0x14, 0x15]), .push("end"), .raw([0x57])]
            items += [.raw([0x60, UInt8(i + 1), 0x60, 0, 0x55, 0x00]), .label("next\(i)")]
        }
        items += [.label("end"), .raw([0x00])]
        // stage: mstore(0, sload(0)); return(0, 32)
        items += [.label("stage"), .raw([0x60, 0, 0x54, 0x60, 0, 0x52, 0x60, 0x20, 0x60, 0, 0xf3])]
        return TwoStep.assemble(items)
    }
}

/// `Branchy`: no dispatcher; every call runs the same three JUMPIs on x = calldata[4:36] and
/// returns the word 1: x == 0? x == 7? x >= 2^128? (A JUMPDEST after each JUMPI, so that not
/// taken, pc + 1, and taken are different edges.) Small numbers and random words reach all
/// six outcomes, so a campaign must report 6/6 branch edges (and no JUMP). `echidna_ok()`
/// (the word 1, true) is the property; `f(x)` the only target.
enum Branchy {
    static let abi = """
    [
     {"type":"function","name":"f","inputs":[{"name":"x","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
     {"type":"function","name":"echidna_ok","inputs":[],"outputs":[{"name":"","type":"bool"}],"stateMutability":"view"}
    ]
    """

    static var runtime: [UInt8] {
        typealias I = TwoStep.Item
        return TwoStep.assemble([
            .raw([0x60, 4, 0x35]),                                  // x
            .raw([0x80, 0x15]), .push("a"), .raw([0x57, 0x5b]),           // JUMPI 1: x == 0
            .label("a"),
            .raw([0x80, 0x60, 7, 0x14]), .push("b"), .raw([0x57, 0x5b]),  // JUMPI 2: x == 7
            .label("b"),
            .raw([0x80, 0x60, 128, 0x1c]), .push("c"), .raw([0x57, 0x5b]), // JUMPI 3: x >> 128 != 0
            .label("c"),
            .raw([0x60, 1, 0x60, 0, 0x52, 0x60, 0x20, 0x60, 0, 0xf3]),   // return the word 1
        ])
    }
}

/// A folder holding one assembled contract as `<name>.json` (Hardhat layout).
func artifactFolder(name: String, abi: String, runtime: [UInt8]) throws -> String {
    let dir = NSTemporaryDirectory() + "porvm-fuzz-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    // Init code returning the runtime: CODECOPY(0, 12, n) RETURN(0, n).
    let initCode: [UInt8] = [0x61, UInt8(runtime.count >> 8), UInt8(runtime.count & 0xff), 0x80, 0x60, 0x0c, 0x60, 0, 0x39, 0x60, 0, 0xf3] + runtime
    let json = """
    {"contractName": "\(name)", "abi": \(abi), "bytecode": "\(Hex.encode(initCode, prefix: true))", "deployedBytecode": "\(Hex.encode(runtime, prefix: true))"}
    """
    try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/\(name).json"))
    return dir
}
