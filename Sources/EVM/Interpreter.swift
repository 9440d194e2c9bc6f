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
            // A switch over the 256-case `OpcodeByte` (the byte reinterpreted, no conversion) is one
            // LLVM switch over every byte: one jump table, dispatch in four instructions (load the
            // byte, load the entry, add, jump). Integer literal cases reach LLVM as a chain of
            // compares that it folds into two tables behind a STOP test (11 to 16 instructions).
            switch unsafeBitCast(op, to: OpcodeByte.self) {
            case .x00:  // STOP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x00) else { break loop }
                halt = .success; break loop
            case .x01:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x01) else { break loop }
                s.add()
            case .x02:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x02) else { break loop }
                s.mul()
            case .x03:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x03) else { break loop }
                s.sub()
            case .x04:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x04) else { break loop }
                s.div()
            case .x05:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x05) else { break loop }
                s.sdiv()
            case .x06:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x06) else { break loop }
                s.mod()
            case .x07:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x07) else { break loop }
                s.smod()
            case .x08:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x08) else { break loop }
                s.addmod()
            case .x09:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x09) else { break loop }
                s.mulmod()
            case .x0a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x0a) else { break loop }
                guard s.exp(gas: &gas) else { halt = .outOfGas; break loop }
            case .x0b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x0b) else { break loop }
                s.signextend()
            case .x10:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x10) else { break loop }
                s.lt()
            case .x11:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x11) else { break loop }
                s.gt()
            case .x12:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x12) else { break loop }
                s.slt()
            case .x13:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x13) else { break loop }
                s.sgt()
            case .x14:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x14) else { break loop }
                s.eq()
            case .x15:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x15) else { break loop }
                s.iszero()
            case .x16:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x16) else { break loop }
                s.and()
            case .x17:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x17) else { break loop }
                s.or()
            case .x18:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x18) else { break loop }
                s.xor()
            case .x19:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x19) else { break loop }
                s.not()
            case .x1a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1a) else { break loop }
                s.byte()
            case .x1b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1b) else { break loop }
                s.shl()
            case .x1c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1c) else { break loop }
                s.shr()
            case .x1d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x1d) else { break loop }
                s.sar()
            case .x35:  // CALLDATALOAD
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x35) else { break loop }
                s[0] = f.calldataWord(s[0])
            case .x50:  // POP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x50) else { break loop }
                s.p -= 1
            case .x51:  // MLOAD
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x51) else { break loop }
                if let o = f.memory.offsetInBounds(s[0], 32) {
                    s[0] = f.memory.load(o)
                } else {
                    f.pc = pc; f.gas = gas; f.top = s.p
                    let ok = f.mload()
                    gas = f.gas; s.p = f.top
                    guard ok else { break loop }
                }
            case .x52:  // MSTORE
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
            case .x56:  // JUMP
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x56) else { break loop }
                if I.observesJumps { inspector.jump(pc: pc, destination: s[0], taken: true, isBranch: false) }
                let dest = Frame.jumpTarget(s[0], jumpdests, codeSize)
                s.p -= 1
                guard dest >= 0 else { halt = .badJumpDestination; break loop }
                if blocks {
                    // The block charged includes the JUMPDEST and any run of JUMPDESTs after it; the
                    // JUMPDEST case steps over the rest of a run. Adding the run's length here made the
                    // next opcode's address wait for blockInfo[dest] to load: jump_around/empty took
                    // 38.1 µs against 29.4 µs dispatching each JUMPDEST (anchors.py, one run; issue 14).
                    let b = blockInfo[dest]
                    pc = dest
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, b) else { bailed = true; break loop }
                } else {
                    pc = dest &- 1
                }
            case .x57:  // JUMPI
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
                    } else {
                        pc = dest &- 1
                    }
                } else if blocks {
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc &+ 1]) else { pc &+= 1; bailed = true; break loop }
                }
            case .x58:  // PC
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x58) else { break loop }
                s.push(U256(UInt64(pc)))
            case .x5a:  // GAS
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x5a) else { break loop }
                s.push(U256(UInt64(gas)))
                if blocks {                             // GAS ends its block: the next one starts here
                    guard enterBlock(&gas, Int(bitPattern: s.p) &- base, blockInfo[pc &+ 1]) else { pc &+= 1; bailed = true; break loop }
                }
            case .x5b:  // JUMPDEST
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x5b) else { break loop }
                // Fallen into: charged with its block; step over the JUMPDESTs after it too.
                if blocks { pc &+= Int(blockInfo[pc].skip) }
            case .x60:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x60) else { break loop }
                s.push1(code, &pc)
            case .x61:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x61) else { break loop }
                s.pushSmall(2, code, &pc)
            case .x62:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x62) else { break loop }
                s.pushSmall(3, code, &pc)
            case .x63:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x63) else { break loop }
                s.pushSmall(4, code, &pc)
            case .x64:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x64) else { break loop }
                s.pushSmall(5, code, &pc)
            case .x65:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x65) else { break loop }
                s.pushSmall(6, code, &pc)
            case .x66:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x66) else { break loop }
                s.pushSmall(7, code, &pc)
            case .x67:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x67) else { break loop }
                s.pushSmall(8, code, &pc)
            case .x68:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x68) else { break loop }
                s.pushLarge(9, code, &pc)
            case .x69:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x69) else { break loop }
                s.pushLarge(10, code, &pc)
            case .x6a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6a) else { break loop }
                s.pushLarge(11, code, &pc)
            case .x6b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6b) else { break loop }
                s.pushLarge(12, code, &pc)
            case .x6c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6c) else { break loop }
                s.pushLarge(13, code, &pc)
            case .x6d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6d) else { break loop }
                s.pushLarge(14, code, &pc)
            case .x6e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6e) else { break loop }
                s.pushLarge(15, code, &pc)
            case .x6f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x6f) else { break loop }
                s.pushLarge(16, code, &pc)
            case .x70:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x70) else { break loop }
                s.pushLarge(17, code, &pc)
            case .x71:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x71) else { break loop }
                s.pushLarge(18, code, &pc)
            case .x72:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x72) else { break loop }
                s.pushLarge(19, code, &pc)
            case .x73:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x73) else { break loop }
                s.pushLarge(20, code, &pc)
            case .x74:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x74) else { break loop }
                s.pushLarge(21, code, &pc)
            case .x75:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x75) else { break loop }
                s.pushLarge(22, code, &pc)
            case .x76:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x76) else { break loop }
                s.pushLarge(23, code, &pc)
            case .x77:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x77) else { break loop }
                s.pushLarge(24, code, &pc)
            case .x78:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x78) else { break loop }
                s.pushLarge(25, code, &pc)
            case .x79:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x79) else { break loop }
                s.pushLarge(26, code, &pc)
            case .x7a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7a) else { break loop }
                s.pushLarge(27, code, &pc)
            case .x7b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7b) else { break loop }
                s.pushLarge(28, code, &pc)
            case .x7c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7c) else { break loop }
                s.pushLarge(29, code, &pc)
            case .x7d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7d) else { break loop }
                s.pushLarge(30, code, &pc)
            case .x7e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7e) else { break loop }
                s.pushLarge(31, code, &pc)
            case .x7f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x7f) else { break loop }
                s.push32(code, &pc)
            case .x80:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x80) else { break loop }
                s.dup(1)
            case .x81:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x81) else { break loop }
                s.dup(2)
            case .x82:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x82) else { break loop }
                s.dup(3)
            case .x83:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x83) else { break loop }
                s.dup(4)
            case .x84:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x84) else { break loop }
                s.dup(5)
            case .x85:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x85) else { break loop }
                s.dup(6)
            case .x86:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x86) else { break loop }
                s.dup(7)
            case .x87:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x87) else { break loop }
                s.dup(8)
            case .x88:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x88) else { break loop }
                s.dup(9)
            case .x89:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x89) else { break loop }
                s.dup(10)
            case .x8a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8a) else { break loop }
                s.dup(11)
            case .x8b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8b) else { break loop }
                s.dup(12)
            case .x8c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8c) else { break loop }
                s.dup(13)
            case .x8d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8d) else { break loop }
                s.dup(14)
            case .x8e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8e) else { break loop }
                s.dup(15)
            case .x8f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x8f) else { break loop }
                s.dup(16)
            case .x90:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x90) else { break loop }
                s.swap(1)
            case .x91:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x91) else { break loop }
                s.swap(2)
            case .x92:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x92) else { break loop }
                s.swap(3)
            case .x93:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x93) else { break loop }
                s.swap(4)
            case .x94:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x94) else { break loop }
                s.swap(5)
            case .x95:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x95) else { break loop }
                s.swap(6)
            case .x96:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x96) else { break loop }
                s.swap(7)
            case .x97:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x97) else { break loop }
                s.swap(8)
            case .x98:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x98) else { break loop }
                s.swap(9)
            case .x99:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x99) else { break loop }
                s.swap(10)
            case .x9a:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9a) else { break loop }
                s.swap(11)
            case .x9b:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9b) else { break loop }
                s.swap(12)
            case .x9c:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9c) else { break loop }
                s.swap(13)
            case .x9d:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9d) else { break loop }
                s.swap(14)
            case .x9e:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9e) else { break loop }
                s.swap(15)
            case .x9f:
                guard blocks || enter(&gas, &halt, Int(bitPattern: s.p) &- base, 0x9f) else { break loop }
                s.swap(16)
            // Every other byte: the table path.
            case .x0c, .x0d, .x0e, .x0f, .x1e, .x1f, .x20, .x21, .x22, .x23, .x24, .x25, .x26,
                 .x27, .x28, .x29, .x2a, .x2b, .x2c, .x2d, .x2e, .x2f, .x30, .x31, .x32, .x33,
                 .x34, .x36, .x37, .x38, .x39, .x3a, .x3b, .x3c, .x3d, .x3e, .x3f, .x40, .x41,
                 .x42, .x43, .x44, .x45, .x46, .x47, .x48, .x49, .x4a, .x4b, .x4c, .x4d, .x4e,
                 .x4f, .x53, .x54, .x55, .x59, .x5c, .x5d, .x5e, .x5f, .xa0, .xa1, .xa2, .xa3,
                 .xa4, .xa5, .xa6, .xa7, .xa8, .xa9, .xaa, .xab, .xac, .xad, .xae, .xaf, .xb0,
                 .xb1, .xb2, .xb3, .xb4, .xb5, .xb6, .xb7, .xb8, .xb9, .xba, .xbb, .xbc, .xbd,
                 .xbe, .xbf, .xc0, .xc1, .xc2, .xc3, .xc4, .xc5, .xc6, .xc7, .xc8, .xc9, .xca,
                 .xcb, .xcc, .xcd, .xce, .xcf, .xd0, .xd1, .xd2, .xd3, .xd4, .xd5, .xd6, .xd7,
                 .xd8, .xd9, .xda, .xdb, .xdc, .xdd, .xde, .xdf, .xe0, .xe1, .xe2, .xe3, .xe4,
                 .xe5, .xe6, .xe7, .xe8, .xe9, .xea, .xeb, .xec, .xed, .xee, .xef, .xf0, .xf1,
                 .xf2, .xf3, .xf4, .xf5, .xf6, .xf7, .xf8, .xf9, .xfa, .xfb, .xfc, .xfd, .xfe, .xff:
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
