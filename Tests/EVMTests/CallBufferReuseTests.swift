import Testing
@testable import EVM
import UInt256

/// A message call's input and output reuse buffers left by earlier calls (`EVM.pooledBytes`).
/// Reuse must never change a value someone still holds: return data, or what an inspector kept.
/// Expected values follow from the opcodes' definitions (the callee echoes its call data).
@Suite struct CallBufferReuseTests {
    /// Echoes its call data: CALLDATACOPY(0, 0, size), RETURN(0, size).
    static let echo = asm("CALLDATASIZE 0 0 CALLDATACOPY CALLDATASIZE 0 RETURN")

    /// Three STATICCALLs to the echo (32, 32 and then 64 bytes, so a buffer is refilled both in
    /// place and resized), each output to its own memory; returns the outputs and the last
    /// RETURNDATASIZE.
    static let caller = asm("""
        1 0 MSTORE
        32 0x100 32 0 PUSH20 0x3000000000000000000000000000000000000000 GAS STATICCALL POP
        2 0 MSTORE
        32 0x120 32 0 PUSH20 0x3000000000000000000000000000000000000000 GAS STATICCALL POP
        3 0 MSTORE 4 32 MSTORE
        64 0x140 64 0 PUSH20 0x3000000000000000000000000000000000000000 GAS STATICCALL POP
        RETURNDATASIZE 0x180 MSTORE
        0xa0 0x100 RETURN
        """)

    static var expected: [UInt8] {
        [1, 2, 3, 4, 64].flatMap { U256(UInt64($0)).bigEndianBytes }
    }

    @Test func outputsAndReturnDataSurviveReuse() {
        let evm = makeEVM(code: Self.caller)
        install(evm, Self.echo, at: Addr.other)
        for _ in 0..<3 {   // later runs start with buffers left in the pool
            let r = call(evm)
            #expect(r.status == .success)
            #expect(r.output == Self.expected)
        }
    }

    @Test func valuesAnInspectorKeptAreNotOverwritten() {
        let evm = makeEVM(code: Self.caller)
        install(evm, Self.echo, at: Addr.other)
        let recorder = StepRecorder()
        _ = call(evm)                                        // fill the pool first
        let r = call(evm, inspector: recorder)
        #expect(r.output == Self.expected)
        let words = [[1], [2], [3, 4]].map { $0.flatMap { U256(UInt64($0)).bigEndianBytes } }
        #expect(recorder.calls.map(\.message.input) == words)
        #expect(recorder.results.map(\.output) == words)
    }
}
