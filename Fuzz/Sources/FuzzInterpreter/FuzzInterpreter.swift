import EVM
import Primitives
import UInt256
import FuzzSupport

// The interpreter on arbitrary bytecode and call data, under every fork.
//
// Input layout (missing bytes read as zero):
//   [0]  fork selector: Fork.allCases[b % count]; if bit 7 is set, the case runs under every fork
//        (unless traced)
//   [1]  gas: (b + 1) * 40_000, so 40 k ... 10.24 M
//   [2]  call-data length L (0...255)
//   [3]  flags: bit 0 static call, bit 1 call value 1 wei, bit 2 trace with EIP3155Tracer (output dropped;
//        one fork, gas capped at 3,000),
//        bit 3 the code also sits at a second account that the code can CALL (0x...c0de),
//        bits 4-7 k: the block's excess blob gas (read by BLOBBASEFEE): 0 for k = 0, 2^(4k) - 1 for
//        k = 1...14, UInt64.max for k = 15
//   [4 ..< 4+L]  call data
//   [4+L ...]    code
// Any trap in the interpreter (overflow, index out of range, force unwrap) is a crash for libFuzzer.

let sender = Address(hi: 0x1000_0000_0000_0000, mid: 0, lo: 0)
let contract = Address(hi: 0x2000_0000_0000_0000, mid: 0, lo: 0)
let other = Address(hi: 0, mid: 0, lo: 0xc0de)
let forks = Fork.allCases

func runCase(fork: Fork, code: [UInt8], input: [UInt8], gas: Int64, flags: UInt8) -> CallResult {
    let state = WorldState()
    state.setAccount(sender, Account(balance: U256(w0: 0, w1: 1, w2: 0, w3: 0)))
    state.setAccount(contract, Account(nonce: 1, balance: U256(1_000_000), code: Bytecode(code),
                                       storage: [U256(0): U256(1), U256(1): U256(2)]))
    if flags & 8 != 0 { state.setAccount(other, Account(nonce: 1, code: Bytecode(code))) }
    var block = BlockEnvironment()
    block.number = 1_000
    block.timestamp = 1_700_000_000
    block.blockHashes = [999: U256(0xabcdef)]
    let k = UInt64(flags >> 4)
    block.excessBlobGas = k == 0 ? 0 : k == 15 ? .max : (1 << (4 * k)) - 1
    let tx = TransactionContext(origin: sender, gasPrice: U256(10), blobHashes: [U256(w0: 7, w1: 0, w2: 0, w3: 0x0100_0000_0000_0000)])
    let evm = EVM(fork: fork, state: state, block: block, tx: tx)
    let message = Message(isStatic: flags & 1 != 0, gas: gas, recipient: contract, sender: sender,
                          value: flags & 2 != 0 ? U256(1) : .zero, input: input)
    let tracer: EIP3155Tracer? = flags & 4 != 0 ? EIP3155Tracer(write: { _ in }) : nil
    return evm.call(message, inspector: tracer)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = ByteReader(inputBytes(data, size))
    let selector = r.byte()
    var gas = (Int64(r.byte()) + 1) * 40_000
    let inputLength = Int(r.byte())
    let flags = r.byte()
    // An EIP-3155 line holds the whole stack, so a traced run costs steps × stack height (3,000
    // steps on a full stack are ~56 MB of trace, seconds under ASan): traced runs get one fork and
    // at most 3,000 gas, which bounds the steps (every opcode but STOP/INVALID costs gas).
    let traced = flags & 4 != 0
    if traced { gas = min(gas, 3_000) }
    let input = r.take(inputLength)
    let code = r.rest()
    let chosen: [Fork] = selector & 0x80 != 0 && !traced ? forks : [forks[Int(selector) % forks.count]]
    DeepStack.run {
        for fork in chosen {
            let result = runCase(fork: fork, code: code, input: input, gas: gas, flags: flags)
            // Contract: gas left never exceeds what was given, nor goes negative.
            precondition(result.gasLeft >= 0 && result.gasLeft <= gas, "gasLeft \(result.gasLeft) outside 0...\(gas)")
            fuzzLog("\(fork): \(result.status) gasLeft=\(result.gasLeft) output=\(result.output.count) bytes")
        }
    }
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzInterpreter) }
}
