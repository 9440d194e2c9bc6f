import UInt256

extension EVM {
    /// The interpreter loop. pc, gas and the stack pointer live in locals (registers) and are
    /// written back to `f` only around out-of-line instructions, which see and update the frame.
    ///
    /// Dispatch is one jump-table `switch` on the opcode. The hot opcodes (arithmetic, logic,
    /// PUSH/DUP/SWAP, jumps, in-bounds MLOAD/MSTORE) run inline. Their static gas and stack
    /// bounds, from their `Opcodes.inlined` definition, the same in every supported fork
    /// (InlineOpcodeTests), are charged once per basic block (`BlockInfo`); in the checked loop
    /// (traces, and a block whose check failed) per instruction by `enter`, which compiles to a
    /// subtract and two compares against immediates. Every other opcode goes through `step`,
    /// which checks it against the fork's `InstructionTable`.
    /// Nothing here allocates, retains or calls through an existential. Stack items are read and
    /// written limb by limb so that a result always store-forwards to its reader (flags in Package.swift).
    ///
    /// Per-block checks (issue 14; x86 instructions a call, valgrind, before → after): geomean
    /// over evmone baseline 1.374 → 1.179 with each JUMPDEST dispatched as a no-op, JUMPDEST_n0
    /// 6.84M → 5.78M, snailtracer 418.8M → 374.7M, blake2b_huff/8415nulls 10.36M → 8.59M; with
    /// JUMPDEST runs stepped over, JUMPDEST_n0 → 42.7K and loop_with_many_jumpdests 103.8M → 60.9K,
    /// geomean 0.738, the largest ratio structarray_alloc's 1.44 (after Frame.growMemory's change).
    @inline(__always)
    func run<I: Inspector>(_ f: inout Frame, _ inspector: I) {
        if I.observesSteps { _ = loop(&f, inspector, blocks: false); return }
        if !loop(&f, inspector, blocks: true) { runChecked(&f, inspector) }
    }

    /// The rest of a frame whose block check failed (or that the analysis could not bound),
    /// instruction by instruction, which halts with the exact status of the first fault.
    @inline(never)
    func runChecked<I: Inspector>(_ f: inout Frame, _ inspector: I) {
        _ = loop(&f, inspector, blocks: false)
    }

    /// With `blocks` (a literal at both call sites, so each is its own loop), static gas and
    /// stack bounds are charged and checked once per basic block (`BlockInfo`) at the block's
    /// entry: the frame's start, a jump's destination, after JUMPI, GAS and every `step` opcode.
    /// Returns false, with `f` at the start of the block, when a block's check fails: the frame
    /// is then bound to fault in that block, and `runChecked` finds which fault comes first.
    /// Without `blocks`, every instruction is checked by `enter` (EIP-3155 traces need its
    /// per-instruction gas).
    @inline(__always)
    func loop<I: Inspector>(_ f: inout Frame, _ inspector: I, blocks: Bool) -> Bool {
        let code = f.code
        let jumpdests = f.jumpdests
        let blockInfo = f.blocks
        let codeSize = f.codeSize
        // The stack pointer's byte offset from here is (height - 1) * 32.
        let base = Int(bitPattern: f.stackBase)
        var pc = f.pc
        var gas = f.gas
        var s = StackTop(f.top)
        var halt = Status.running
        var op: UInt8 = 0
        var bailed = false
        if blocks && !enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc]) { return false }
        loop: while true {
            op = code[pc]
            if I.observesSteps { f.pc = pc; f.gas = gas; f.top = s.p; inspector.step(f, opcode: op) }
            // One literal case per opcode: Swift lowers range patterns to compare chains, and only
            // literal cases make LLVM emit jump tables.
            switch op {
            case 0x00:  // STOP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x00) else { break loop }
                halt = .success; break loop
            case 0x01:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x01) else { break loop }
                s.add()
            case 0x02:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x02) else { break loop }
                s.mul()
            case 0x03:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x03) else { break loop }
                s.sub()
            case 0x04:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x04) else { break loop }
                s.div()
            case 0x05:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x05) else { break loop }
                s.sdiv()
            case 0x06:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x06) else { break loop }
                s.mod()
            case 0x07:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x07) else { break loop }
                s.smod()
            case 0x08:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x08) else { break loop }
                s.addmod()
            case 0x09:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x09) else { break loop }
                s.mulmod()
            case 0x0a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x0a) else { break loop }
                guard s.exp(gas: &gas) else { halt = .outOfGas; break loop }
            case 0x0b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x0b) else { break loop }
                s.signextend()
            case 0x10:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x10) else { break loop }
                s.lt()
            case 0x11:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x11) else { break loop }
                s.gt()
            case 0x12:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x12) else { break loop }
                s.slt()
            case 0x13:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x13) else { break loop }
                s.sgt()
            case 0x14:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x14) else { break loop }
                s.eq()
            case 0x15:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x15) else { break loop }
                s.iszero()
            case 0x16:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x16) else { break loop }
                s.and()
            case 0x17:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x17) else { break loop }
                s.or()
            case 0x18:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x18) else { break loop }
                s.xor()
            case 0x19:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x19) else { break loop }
                s.not()
            case 0x1a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1a) else { break loop }
                s.byte()
            case 0x1b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1b) else { break loop }
                s.shl()
            case 0x1c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1c) else { break loop }
                s.shr()
            case 0x1d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1d) else { break loop }
                s.sar()
            case 0x35:  // CALLDATALOAD
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x35) else { break loop }
                s[0] = f.calldataWord(s[0])
            case 0x50:  // POP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x50) else { break loop }
                s.p -= 1
            case 0x51:  // MLOAD
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x51) else { break loop }
                if let o = f.memory.offsetInBounds(s[0], 32) {
                    s[0] = f.memory.load(o)
                } else {
                    f.pc = pc; f.gas = gas; f.top = s.p
                    let ok = f.mload()
                    gas = f.gas; s.p = f.top
                    guard ok else { break loop }
                }
            case 0x52:  // MSTORE
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x52) else { break loop }
                if let o = f.memory.offsetInBounds(s[0], 32) {
                    f.memory.store(o, s[-1])
                    s.p -= 2
                } else {
                    f.pc = pc; f.gas = gas; f.top = s.p
                    let ok = f.mstore()
                    gas = f.gas; s.p = f.top
                    guard ok else { break loop }
                }
            case 0x56:  // JUMP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x56) else { break loop }
                if I.observesJumps { inspector.jump(pc: pc, destination: s[0], taken: true, isBranch: false) }
                let dest = Frame.jumpTarget(s[0], jumpdests, codeSize)
                s.p -= 1
                guard dest >= 0 else { halt = .badJumpDestination; break loop }
                if blocks {
                    // The block charged includes the JUMPDEST and any run of JUMPDESTs after it.
                    let b = blockInfo[dest]
                    pc = dest
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, b) else { bailed = true; break loop }
                    pc &+= Int(b.skip)
                } else {
                    pc = dest &- 1
                }
            case 0x57:  // JUMPI
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x57) else { break loop }
                let condition = s[-1]
                let target = s[0]
                s.p -= 2
                if I.observesJumps { inspector.jump(pc: pc, destination: target, taken: !condition.isZero, isBranch: true) }
                if !condition.isZero {
                    let dest = Frame.jumpTarget(target, jumpdests, codeSize)
                    guard dest >= 0 else { halt = .badJumpDestination; break loop }
                    if blocks {
                        let b = blockInfo[dest]
                        pc = dest
                        guard enterBlock(&gas, Int(bitPattern: s.p) &- base, b) else { bailed = true; break loop }
                        pc &+= Int(b.skip)
                    } else {
                        pc = dest &- 1
                    }
                } else if blocks {
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc &+ 1]) else { pc &+= 1; bailed = true; break loop }
                }
            case 0x58:  // PC
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x58) else { break loop }
                s.push(U256(UInt64(pc)))
            case 0x5a:  // GAS
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x5a) else { break loop }
                s.push(U256(UInt64(gas)))
                if blocks {                             // GAS ends its block: the next one starts here
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc &+ 1]) else { pc &+= 1; bailed = true; break loop }
                }
            case 0x5b:  // JUMPDEST
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x5b) else { break loop }
                // Fallen into: charged with its block; step over the JUMPDESTs after it too.
                if blocks { pc &+= Int(blockInfo[pc].skip) }
            case 0x60:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x60) else { break loop }
                s.push1(code, &pc)
            case 0x61:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x61) else { break loop }
                s.pushSmall(2, code, &pc)
            case 0x62:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x62) else { break loop }
                s.pushSmall(3, code, &pc)
            case 0x63:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x63) else { break loop }
                s.pushSmall(4, code, &pc)
            case 0x64:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x64) else { break loop }
                s.pushSmall(5, code, &pc)
            case 0x65:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x65) else { break loop }
                s.pushSmall(6, code, &pc)
            case 0x66:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x66) else { break loop }
                s.pushSmall(7, code, &pc)
            case 0x67:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x67) else { break loop }
                s.pushSmall(8, code, &pc)
            case 0x68:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x68) else { break loop }
                s.pushLarge(9, code, &pc)
            case 0x69:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x69) else { break loop }
                s.pushLarge(10, code, &pc)
            case 0x6a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6a) else { break loop }
                s.pushLarge(11, code, &pc)
            case 0x6b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6b) else { break loop }
                s.pushLarge(12, code, &pc)
            case 0x6c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6c) else { break loop }
                s.pushLarge(13, code, &pc)
            case 0x6d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6d) else { break loop }
                s.pushLarge(14, code, &pc)
            case 0x6e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6e) else { break loop }
                s.pushLarge(15, code, &pc)
            case 0x6f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6f) else { break loop }
                s.pushLarge(16, code, &pc)
            case 0x70:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x70) else { break loop }
                s.pushLarge(17, code, &pc)
            case 0x71:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x71) else { break loop }
                s.pushLarge(18, code, &pc)
            case 0x72:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x72) else { break loop }
                s.pushLarge(19, code, &pc)
            case 0x73:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x73) else { break loop }
                s.pushLarge(20, code, &pc)
            case 0x74:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x74) else { break loop }
                s.pushLarge(21, code, &pc)
            case 0x75:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x75) else { break loop }
                s.pushLarge(22, code, &pc)
            case 0x76:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x76) else { break loop }
                s.pushLarge(23, code, &pc)
            case 0x77:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x77) else { break loop }
                s.pushLarge(24, code, &pc)
            case 0x78:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x78) else { break loop }
                s.pushLarge(25, code, &pc)
            case 0x79:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x79) else { break loop }
                s.pushLarge(26, code, &pc)
            case 0x7a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7a) else { break loop }
                s.pushLarge(27, code, &pc)
            case 0x7b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7b) else { break loop }
                s.pushLarge(28, code, &pc)
            case 0x7c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7c) else { break loop }
                s.pushLarge(29, code, &pc)
            case 0x7d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7d) else { break loop }
                s.pushLarge(30, code, &pc)
            case 0x7e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7e) else { break loop }
                s.pushLarge(31, code, &pc)
            case 0x7f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7f) else { break loop }
                s.push32(code, &pc)
            case 0x80:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x80) else { break loop }
                s.dup(1)
            case 0x81:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x81) else { break loop }
                s.dup(2)
            case 0x82:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x82) else { break loop }
                s.dup(3)
            case 0x83:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x83) else { break loop }
                s.dup(4)
            case 0x84:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x84) else { break loop }
                s.dup(5)
            case 0x85:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x85) else { break loop }
                s.dup(6)
            case 0x86:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x86) else { break loop }
                s.dup(7)
            case 0x87:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x87) else { break loop }
                s.dup(8)
            case 0x88:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x88) else { break loop }
                s.dup(9)
            case 0x89:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x89) else { break loop }
                s.dup(10)
            case 0x8a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8a) else { break loop }
                s.dup(11)
            case 0x8b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8b) else { break loop }
                s.dup(12)
            case 0x8c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8c) else { break loop }
                s.dup(13)
            case 0x8d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8d) else { break loop }
                s.dup(14)
            case 0x8e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8e) else { break loop }
                s.dup(15)
            case 0x8f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8f) else { break loop }
                s.dup(16)
            case 0x90:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x90) else { break loop }
                s.swap(1)
            case 0x91:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x91) else { break loop }
                s.swap(2)
            case 0x92:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x92) else { break loop }
                s.swap(3)
            case 0x93:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x93) else { break loop }
                s.swap(4)
            case 0x94:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x94) else { break loop }
                s.swap(5)
            case 0x95:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x95) else { break loop }
                s.swap(6)
            case 0x96:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x96) else { break loop }
                s.swap(7)
            case 0x97:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x97) else { break loop }
                s.swap(8)
            case 0x98:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x98) else { break loop }
                s.swap(9)
            case 0x99:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x99) else { break loop }
                s.swap(10)
            case 0x9a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9a) else { break loop }
                s.swap(11)
            case 0x9b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9b) else { break loop }
                s.swap(12)
            case 0x9c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9c) else { break loop }
                s.swap(13)
            case 0x9d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9d) else { break loop }
                s.swap(14)
            case 0x9e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9e) else { break loop }
                s.swap(15)
            case 0x9f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9f) else { break loop }
                s.swap(16)
            // Every other byte. Listed or as `default`, LLVM tests STOP first and splits the
            // table at 0x67/0x68 (15 instructions of dispatch to a DUP or SWAP). As `default`
            // (issue 14): 0–1.5% fewer a call on 25 of 27 cases (snailtracer 370.0M → 367.8M,
            // structarray_alloc 7.139M → 7.097M), swap_math/insufficient_liquidity 25.7K → 26.6K.
            default:
                f.pc = pc; f.gas = gas; f.top = s.p
                let ok = step(&f, op, inspector)
                pc = f.pc; gas = f.gas; s.p = f.top
                guard ok else { break loop }
                if blocks {
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc &+ 1]) else { pc &+= 1; bailed = true; break loop }
                }
            }
            pc &+= 1
            if I.observesSteps { f.pc = pc; f.gas = gas; f.top = s.p; inspector.stepEnd(f, opcode: op) }
        }
        f.pc = pc; f.gas = gas; f.top = s.p
        if bailed { return false }
        if halt != .running { f.halt(halt) }
        inspector.stepEnd(f, opcode: op)
        return true
    }

    /// Stack bounds and static gas of the inline opcode `op`, from its definition
    /// (`Opcodes.inlined`), given the stack pointer's byte offset `d` from the base; on failure
    /// sets `halt`. Every call passes `op` as a literal, so both checks fold to immediates.
    /// Transparent in release builds: `@inline(__always)` alone proved a hint the inliner drops
    /// once `run` is large (99 calls, +20% code). Out of line in debug builds, where inlining it
    /// 99 times would triple `run`'s frame (17 KB) and overflow deep-call tests.
    #if DEBUG
    @inline(never)
    #else
    @_transparent
    #endif
    func enter(_ gas: inout Int64, _ halt: inout Status, _ d: Int, _ op: UInt8) -> Bool {
        let spec = Opcodes.inlined(op)
        let inputs = spec.inputs, outputs = spec.outputs, cost = spec.gas
        // inputs <= height <= 1024 - max(0, outputs - inputs). The stack never holds more than
        // 1024 items, so only growing opcodes check the top bound, and only consuming ones the
        // bottom; DUP needs both and does them as one unsigned compare on d.
        let low = (inputs &- 1) &* 32
        let high = (InstructionTable.stackLimit &- (outputs &- inputs) &- 1) &* 32
        if outputs > inputs && inputs > 0 {
            if UInt(bitPattern: d &- low) > UInt(bitPattern: high &- low) {
                halt = d < low ? .stackUnderflow : .stackOverflow
                return false
            }
        } else if outputs > inputs {
            if d > high { halt = .stackOverflow; return false }
        } else if inputs > 0 {
            if d < low { halt = .stackUnderflow; return false }
        }
        gas &-= Int64(cost)
        if gas < 0 { halt = .outOfGas; return false }
        return true
    }
}
