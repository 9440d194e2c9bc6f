import Foundation
import ABI
import Primitives

/// A contract assembled here (no compiler needed) with a bug that takes two calls: `a()` sets
/// a flag (slot 0); `b(x)` sets `broken` (slot 1) only when the flag is set and x == 7; `c(x)`
/// does nothing. `echidna_ok()` returns broken == 0; `flag()` and `broken()` read the slots.
/// So the shortest sequence breaking either property is exactly [a(), b(7)].
enum TwoStep {
    static let abi = """
    [
     {"type":"function","name":"a","inputs":[],"outputs":[],"stateMutability":"nonpayable"},
     {"type":"function","name":"b","inputs":[{"name":"x","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
     {"type":"function","name":"c","inputs":[{"name":"x","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
     {"type":"function","name":"echidna_ok","inputs":[],"outputs":[{"name":"","type":"bool"}],"stateMutability":"view"},
     {"type":"function","name":"flag","inputs":[],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"},
     {"type":"function","name":"broken","inputs":[],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"}
    ]
    """

    enum Item { case raw([UInt8]), label(String), push(String) }

    static func selector(_ sig: String) -> [UInt8] { Array(Keccak256.hash(Array(sig.utf8)).prefix(4)) }

    /// Two passes: label offsets, then bytes (PUSH2 for jump targets).
    static func assemble(_ items: [Item]) -> [UInt8] {
        var offsets: [String: Int] = [:]
        var pc = 0
        for i in items {
            switch i {
            case .raw(let b): pc += b.count
            case .label(let l): offsets[l] = pc; pc += 1
            case .push: pc += 3
            }
        }
        var out: [UInt8] = []
        for i in items {
            switch i {
            case .raw(let b): out += b
            case .label: out.append(0x5b)   // JUMPDEST
            case .push(let l): let o = offsets[l] ?? 0; out += [0x61, UInt8(o >> 8), UInt8(o & 0xff)]
            }
        }
        return out
    }

    static var runtime: [UInt8] {
        func dispatch(_ sig: String, _ label: String) -> [Item] {
            [.raw([0x80, 0x63] + selector(sig) + [0x14]), .push(label), .raw([0x57])]   // DUP1 PUSH4 sel EQ PUSH2 l JUMPI
        }
        func returnSlot(_ slot: UInt8, isZero: Bool) -> [UInt8] {
            // PUSH1 slot SLOAD [ISZERO] PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
            [0x60, slot, 0x54] + (isZero ? [0x15] : []) + [0x60, 0, 0x52, 0x60, 0x20, 0x60, 0, 0xf3]
        }
        var items: [Item] = [.raw([0x60, 0, 0x35, 0x60, 0xe0, 0x1c])]   // selector = calldata[0:4]
        items += dispatch("a()", "a") + dispatch("b(uint256)", "b") + dispatch("c(uint256)", "c")
        items += dispatch("echidna_ok()", "ok") + dispatch("flag()", "flag") + dispatch("broken()", "broken")
        items += [.raw([0x60, 0, 0x80, 0xfd])]   // unknown selector: REVERT(0, 0)
        items += [.label("a"), .raw([0x60, 1, 0x60, 0, 0x55, 0x00])]   // sstore(0, 1)
        // b: if (x == 7) & sload(0) then sstore(1, 1)
        items += [.label("b"), .raw([0x60, 4, 0x35, 0x60, 7, 0x14, 0x60, 0, 0x54, 0x16]), .push("set"), .raw([0x57, 0x00])]
        items += [.label("set"), .raw([0x60, 1, 0x60, 1, 0x55, 0x00])]
        items += [.label("c"), .raw([0x00])]
        items += [.label("ok"), .raw(returnSlot(1, isZero: true))]
        items += [.label("flag"), .raw(returnSlot(0, isZero: false))]
        items += [.label("broken"), .raw(returnSlot(1, isZero: false))]
        return assemble(items)
    }

    /// Init code returning the runtime: CODECOPY(0, 11, n) RETURN(0, n).
    static var initCode: [UInt8] {
        let r = runtime
        return [0x61, UInt8(r.count >> 8), UInt8(r.count & 0xff), 0x80, 0x60, 0x0c, 0x60, 0, 0x39, 0x60, 0, 0xf3] + r
    }

    /// A folder holding TwoStep.json (Hardhat layout).
    static func artifactFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "porvm-fuzz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let json = """
        {"contractName": "TwoStep", "abi": \(abi), "bytecode": "\(Hex.encode(initCode, prefix: true))", "deployedBytecode": "\(Hex.encode(runtime, prefix: true))"}
        """
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/TwoStep.json"))
        return dir
    }

    /// A config in `dir` fuzzing TwoStep with `extra` lines appended.
    static func config(in dir: String, _ extra: String = "", actors: String = "[alice, bob]") throws -> String {
        let text = """
        name: two-step
        artifacts: .
        accounts: {alice: {}, bob: {}}
        setup:
          - deploy: TwoStep
            as: t
        actors: \(actors)
        sequence_length: 6

        """ + extra
        let path = dir + "/fuzz-\(UUID().uuidString.prefix(8)).yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
