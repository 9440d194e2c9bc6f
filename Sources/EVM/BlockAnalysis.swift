/// What the interpreter charges and checks once on entering a basic block instead of per
/// instruction (the idea of evmone's advanced analysis): the block's total static gas and the
/// stack heights at which all of it can run. A block is a run of inline opcodes
/// (`Opcodes.inlined`, the same in every fork, so one analysis serves every fork) that ends
/// after STOP, JUMP, JUMPI or GAS, or before any other opcode, which `EVM.step` checks on its
/// own. JUMPDEST does not end a block: a jump charges the block starting at its destination
/// and skips the JUMPDEST, so falling through one costs nothing but its gas, already charged.
/// GAS ends its block so that it reads the gas that per-instruction charging would leave.
/// 12 bytes per code byte; valid where an instruction starts.
@frozen @usableFromInline struct BlockInfo {
    /// Static gas of the block's instructions.
    @usableFromInline var gas: Int32
    /// Stack heights h the block accepts: minHeight - 1 <= h - 1 <= minHeight - 1 + heightRange,
    /// kept as (h - 1) so that the check is one unsigned compare on the stack pointer's offset.
    @usableFromInline var lowItems: Int16
    @usableFromInline var rangeItems: Int16
    /// At a JUMPDEST: how many JUMPDESTs follow it directly. Their gas is in every block that
    /// holds them, so the loop steps over the run: JUMPDEST_n0 5.78M → 42.7K instructions a call,
    /// loop_with_many_jumpdests 87.8M → 60.9K, jump_around 276K → 294K (the load on each jump).
    @usableFromInline var skip: Int32 = 0

    /// No stack height passes: the interpreter falls back to checking instruction by instruction.
    static let neverPasses = BlockInfo(gas: 0, lowItems: .max, rangeItems: 0)
    /// STOP after the end of the code: nothing to charge, any height.
    static let empty = BlockInfo(gas: 0, lowItems: -1, rangeItems: Int16(InstructionTable.stackLimit))
}

/// The static effect of a run of instructions, composed while the code is analysed backwards.
struct BlockEffect {
    var gas = 0
    /// Items the run needs on entry; net change; largest rise above the entry height.
    var required = 0, delta = 0, growth = 0

    init() {}

    init(_ spec: OpcodeSpec) {
        gas = Int(spec.gas)
        required = spec.inputs
        delta = spec.outputs - spec.inputs
        growth = max(0, delta)
    }

    /// `self` followed by `next`.
    func then(_ next: BlockEffect) -> BlockEffect {
        var r = BlockEffect()
        r.gas = gas + next.gas
        r.required = max(required, next.required - delta)
        r.delta = delta + next.delta
        r.growth = max(growth, delta + next.growth)
        return r
    }

    var info: BlockInfo {
        let range = InstructionTable.stackLimit - growth - required
        // A block no height can run, or too large for the fields, is checked per instruction.
        guard range >= 0, required <= InstructionTable.stackLimit, gas <= Int(Int32.max) else { return .neverPasses }
        return BlockInfo(gas: Int32(truncatingIfNeeded: gas), lowItems: Int16(truncatingIfNeeded: required - 1),
                         rangeItems: Int16(truncatingIfNeeded: range))
    }
}

extension BlockInfo {
    /// Fills `table[pc]` for every instruction start of `code` (n bytes, zero padded), and
    /// `empty` elsewhere (push data, padding). `table` holds n + 33 entries.
    static func analyse(_ code: UnsafePointer<UInt8>, count n: Int, into table: UnsafeMutablePointer<BlockInfo>) {
        table.initialize(repeating: .empty, count: n + 33)
        var starts: [Int32] = []
        starts.reserveCapacity(n)
        var pc = 0
        while pc < n {
            starts.append(Int32(truncatingIfNeeded: pc))
            let op = code[pc]
            pc += 1
            if op >= 0x60 && op <= 0x7f { pc += Int(op) - 0x5f }
        }
        // After the last instruction comes STOP (the padding): the empty effect.
        var next = BlockEffect()
        var jumpdestRun = 0
        for start in starts.reversed() {
            let p = Int(start)
            let op = code[p]
            jumpdestRun = op == 0x5b ? jumpdestRun + 1 : 0
            let spec = Opcodes.inlined(op)
            if spec.opcode != op || op == 0xfe {
                next = BlockEffect()                        // checked by `step`: ends the block before it
            } else if op == 0x00 || op == 0x56 || op == 0x57 || op == 0x5a {
                next = BlockEffect(spec)                    // STOP, JUMP, JUMPI, GAS end their block
            } else {
                next = BlockEffect(spec).then(next)
            }
            table[p] = next.info
            if jumpdestRun > 1 { table[p].skip = Int32(truncatingIfNeeded: min(jumpdestRun - 1, Int(Int32.max))) }
        }
    }
}

extension EVM {
    /// Checks the stack height (pointer offset `d` from the base, as in `enter`) against block
    /// `b` and charges its gas. On failure leaves `gas` as it was: the caller then runs the
    /// block instruction by instruction, which finds the exact fault.
    #if DEBUG
    @inline(never)
    #else
    @_transparent
    #endif
    func enterBlock(_ gas: inout Int64, _ d: Int, _ b: BlockInfo) -> Bool {
        if UInt(bitPattern: d &- Int(b.lowItems) &<< 5) > UInt(bitPattern: Int(b.rangeItems) &<< 5) { return false }
        let left = gas &- Int64(b.gas)
        if left < 0 { return false }
        gas = left
        return true
    }
}
