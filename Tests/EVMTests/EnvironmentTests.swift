import Testing
@testable import EVM
import UInt256

/// Environment and block opcodes. Sources: Yellow Paper appendix H.2 (CALLDATALOAD/…COPY pad
/// with zeros), EIP-4844 (BLOBHASH), EIP-3198 (BASEFEE), EIP-1344 (CHAINID), EIP-4399
/// (PREVRANDAO), EIP-1052 (EXTCODEHASH), EIP-2929 (BALANCE cold/warm), EIP-7516 (BLOBBASEFEE).
@Suite struct EnvironmentTests {
    @Test func calldataloadPadsWithZeros() {
        let input = bytes("0102")
        #expect(eval(asm("0 CALLDATALOAD"), input: input) == w("0x0102000000000000000000000000000000000000000000000000000000000000"))
        #expect(eval(asm("1 CALLDATALOAD"), input: input) == w("0x0200000000000000000000000000000000000000000000000000000000000000"))
        #expect(eval(asm("2 CALLDATALOAD"), input: input) == .zero)
        #expect(eval(asm("PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff CALLDATALOAD"), input: input) == .zero)
        let full = (1...40).map { UInt8($0) }
        #expect(eval(asm("8 CALLDATALOAD"), input: full) == U256(bigEndianBytes: Array(full[8..<40])))
        #expect(eval(asm("9 CALLDATALOAD"), input: full) == U256(bigEndianBytes: Array(full[9..<40]) + [0]))
        #expect(eval(asm("CALLDATASIZE"), input: full) == w(40))
    }

    @Test func calldatacopyPadsAndOverwrites() {
        // Memory prefilled with 0xff; copying 4 bytes from offset 1 of aabbcc writes bb cc 00 00.
        let code = asm("PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 MSTORE 4 1 0 CALLDATACOPY 32 0 RETURN")
        let (r, _) = run(code, input: bytes("aabbcc"))
        #expect(r.output == bytes("bbcc0000") + [UInt8](repeating: 0xff, count: 28))
        // Source offset past the end (even 2^255): all zeros.
        let code2 = asm("PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 MSTORE 2 PUSH32 0x8000000000000000000000000000000000000000000000000000000000000000 0 CALLDATACOPY 32 0 RETURN")
        #expect(run(code2, input: bytes("aabbcc")).result.output == [0, 0] + [UInt8](repeating: 0xff, count: 30))
        // Gas: 3 + 3 per word + memory: 33 bytes → 2 words → 3 + 6 + C_mem(2) = 6.
        let (g, _) = run(asm("33 0 0 CALLDATACOPY STOP"))
        #expect(gasUsed(g) == 9 + 3 + 6 + 6)
    }

    @Test func codecopyPadsPastTheEnd() {
        // CODECOPY(dest 0, offset len-2, size 4) then RETURN 4 bytes; the code ends with the
        // unreachable bytes ab cd, so the output is ab cd 00 00.
        let prefixLength = asm("PUSH1 4 PUSH1 0 PUSH1 0 CODECOPY PUSH1 4 PUSH1 0 RETURN").count
        let program = asm("PUSH1 4 PUSH1 \(prefixLength) PUSH1 0 CODECOPY PUSH1 4 PUSH1 0 RETURN") + [0xab, 0xcd]
        #expect(run(program).result.output == [0xab, 0xcd, 0, 0])
        #expect(eval(asm("CODESIZE")) == w(UInt64(asm("CODESIZE").count + returnTop.count)))
    }

    @Test func blobhash() {
        let h0 = w("0x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        let h1 = w("0x01bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        let tx = TransactionContext(blobHashes: [h0, h1])
        func blob(_ index: String) -> U256 {
            let (r, _) = run(asm("\(index) BLOBHASH") + returnTop, tx: tx)
            return word(r.output)
        }
        #expect(blob("0") == h0)
        #expect(blob("1") == h1)
        #expect(blob("2") == .zero)
        #expect(blob("PUSH32 0x8000000000000000000000000000000000000000000000000000000000000000") == .zero)
        #expect(blob("PUSH9 0x010000000000000000") == .zero)
        // 3 gas (EIP-4844 HASH_OPCODE_GAS); Cancun only.
        #expect(gasUsed(run(asm("0 BLOBHASH STOP"), tx: tx).result) == 6)
        #expect(run(asm("0 BLOBHASH STOP"), fork: .shanghai, tx: tx).result.status == .invalidOpcode)
    }

    @Test func basefeeFromLondon() {
        let block = BlockEnvironment(baseFee: w(7))
        let (r, _) = run(asm("BASEFEE") + returnTop, fork: .london, block: block)
        #expect(word(r.output) == w(7))
        #expect(gasUsed(run(asm("BASEFEE STOP"), block: block).result) == 2)
        #expect(run(asm("BASEFEE STOP"), fork: .berlin, block: block).result.status == .invalidOpcode)
    }

    @Test func chainIdAndPrevrandao() {
        let block = BlockEnvironment(prevRandao: w(0x1234), difficulty: w(0x99), chainId: w(5))
        #expect(word(run(asm("CHAINID") + returnTop, block: block).result.output) == w(5))
        #expect(word(run(asm("CHAINID") + returnTop).result.output) == w(1))
        // EIP-4399: from Paris 0x44 returns PREVRANDAO; before it, DIFFICULTY.
        #expect(word(run(asm("PREVRANDAO") + returnTop, fork: .paris, block: block).result.output) == w(0x1234))
        #expect(word(run(asm("PREVRANDAO") + returnTop, fork: .cancun, block: block).result.output) == w(0x1234))
        #expect(word(run(asm("DIFFICULTY") + returnTop, fork: .london, block: block).result.output) == w(0x99))
    }

    @Test func blockValues() {
        let block = BlockEnvironment(number: 300, timestamp: 1_700_000_000, coinbase: Addr.third, gasLimit: 30_000_000,
                                     excessBlobGas: 0, blockHashes: [299: w(0xaa), 44: w(0xbb), 43: w(0xcc)])
        func value(_ source: String) -> U256 { word(run(asm(source) + returnTop, block: block).result.output) }
        #expect(value("NUMBER") == w(300))
        #expect(value("TIMESTAMP") == w(1_700_000_000))
        #expect(value("COINBASE") == Addr.third.word)
        #expect(value("GASLIMIT") == w(30_000_000))
        // BLOCKHASH: only the 256 most recent complete blocks (Yellow Paper).
        #expect(value("299 BLOCKHASH") == w(0xaa))
        #expect(value("44 BLOCKHASH") == w(0xbb))       // 300 - 256
        #expect(value("43 BLOCKHASH") == .zero)         // too old
        #expect(value("300 BLOCKHASH") == .zero)        // the current block
        // EIP-4844: blob base fee with no excess blob gas is the minimum, 1.
        #expect(value("BLOBBASEFEE") == w(1))
    }

    @Test func callerOriginValueAddressGasprice() {
        let tx = TransactionContext(origin: Addr.sender, gasPrice: w(33))
        func value(_ source: String) -> U256 {
            word(run(asm(source) + returnTop, value: w(9), tx: tx).result.output)
        }
        #expect(value("CALLER") == Addr.sender.word)
        #expect(value("ORIGIN") == Addr.sender.word)
        #expect(value("ADDRESS") == Addr.contract.word)
        #expect(value("CALLVALUE") == w(9))
        #expect(value("GASPRICE") == w(33))
        #expect(value("SELFBALANCE") == w(9))           // the call's value arrived first
    }

    @Test func balanceColdAndWarm() {
        // EIP-2929: BALANCE of a cold address 2600, then 100; the contract itself is warm.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("\(Addr.third.word.hexString) BALANCE \(Addr.third.word.hexString) BALANCE ADDRESS BALANCE") + returnTop)
        evm.state.setAccount(Addr.third, Account(balance: w(77)))
        let r = call(evm, inspector: rec)
        #expect(word(r.output) == .zero)
        let costs = rec.steps.filter { $0.op == 0x31 }.map { $0.gasBefore - ($0.gasAfter ?? 0) }
        #expect(costs == [2600, 100, 100])
        #expect(word(run(asm("\(Addr.sender.word.hexString) BALANCE") + returnTop).result.output) == senderBalance)
    }

    @Test func extcodesizeAndHash() {
        let code = asm("42") + returnTop
        func value(_ source: String, setup: (EVM) -> Void) -> U256 {
            let evm = makeEVM(code: asm(source) + returnTop)
            setup(evm)
            return word(call(evm).output)
        }
        #expect(value("\(Addr.other.word.hexString) EXTCODESIZE") { install($0, code, at: Addr.other) } == w(UInt64(code.count)))
        // EIP-1052: 0 for an account that does not exist; keccak("") for one with no code.
        #expect(value("\(Addr.other.word.hexString) EXTCODEHASH") { _ in } == .zero)
        #expect(value("\(Addr.other.word.hexString) EXTCODEHASH") { $0.state.setAccount(Addr.other, Account(balance: w(1))) }
                == w("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"))
        // EXTCODECOPY pads with zeros.
        let copied = value("32 0 0 \(Addr.other.word.hexString) EXTCODECOPY 0 MLOAD") { install($0, [0xaa, 0xbb], at: Addr.other) }
        #expect(copied == w("0xaabb000000000000000000000000000000000000000000000000000000000000"))
    }
}
