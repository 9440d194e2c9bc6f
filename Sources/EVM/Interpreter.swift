import UInt256

extension EVM {
    /// The interpreter loop. Per instruction: one table load for static gas and stack bounds
    /// (evmone's baseline checks), then a jump-table `switch` into the opcode's function.
    /// Nothing here allocates, retains or calls through an existential.
    @inline(__always)
    func run<I: Inspector>(_ f: inout Frame, _ inspector: I) {
        let table = UnsafePointer(self.table)
        let code = f.code
        var op: UInt8 = 0
        loop: while true {
            op = code[f.pc]
            inspector.step(f, opcode: op)
            let info = table[Int(op)]
            let height = f.top - f.stackBase &+ 1
            if height < Int(info.minStack) || height > Int(info.maxStack) {
                f.halt(!info.isDefined ? .invalidOpcode : height < Int(info.minStack) ? .stackUnderflow : .stackOverflow)
                break loop
            }
            f.gas &-= Int64(info.gas)
            if f.gas < 0 { f.halt(.outOfGas); break loop }

            switch op {
            case 0x00: f.status = .success; break loop                       // STOP
            case 0x01: f.add()
            case 0x02: f.mul()
            case 0x03: f.sub()
            case 0x04: f.div()
            case 0x05: f.sdiv()
            case 0x06: f.mod()
            case 0x07: f.smod()
            case 0x08: f.addmod()
            case 0x09: f.mulmod()
            case 0x0a: guard f.exp() else { break loop }
            case 0x0b: f.signextend()
            case 0x10: f.lt()
            case 0x11: f.gt()
            case 0x12: f.slt()
            case 0x13: f.sgt()
            case 0x14: f.eq()
            case 0x15: f.iszero()
            case 0x16: f.and()
            case 0x17: f.or()
            case 0x18: f.xor()
            case 0x19: f.not()
            case 0x1a: f.byte()
            case 0x1b: f.shl()
            case 0x1c: f.shr()
            case 0x1d: f.sar()
            case 0x20: guard f.keccak256() else { break loop }
            case 0x30: f.push(f.message.recipient.word)                     // ADDRESS
            case 0x31: guard balance(&f) else { break loop }
            case 0x32: f.push(tx.origin.word)                               // ORIGIN
            case 0x33: f.push(f.message.sender.word)                        // CALLER
            case 0x34: f.push(f.message.value)                              // CALLVALUE
            case 0x35: f.calldataload()
            case 0x36: f.push(U256(UInt64(f.input.count)))                  // CALLDATASIZE
            case 0x37: guard f.calldatacopy() else { break loop }
            case 0x38: f.push(U256(UInt64(f.codeSize)))                     // CODESIZE
            case 0x39: guard f.codecopy() else { break loop }
            case 0x3a: f.push(tx.gasPrice)                                  // GASPRICE
            case 0x3b: guard extcodesize(&f) else { break loop }
            case 0x3c: guard extcodecopy(&f) else { break loop }
            case 0x3d: f.push(U256(UInt64(f.returnData.count)))             // RETURNDATASIZE
            case 0x3e: guard f.returndatacopy() else { break loop }
            case 0x3f: guard extcodehash(&f) else { break loop }
            case 0x40: blockhash(&f)
            case 0x41: f.push(block.coinbase.word)                          // COINBASE
            case 0x42: f.push(U256(block.timestamp))                        // TIMESTAMP
            case 0x43: f.push(U256(block.number))                           // NUMBER
            case 0x44: f.push(fork.hasPrevRandao ? block.prevRandao : block.difficulty) // EIP-4399
            case 0x45: f.push(U256(block.gasLimit))                         // GASLIMIT
            case 0x46: f.push(block.chainId)                                // CHAINID
            case 0x47: f.push(state.balance(f.message.recipient))           // SELFBALANCE
            case 0x48: f.push(block.baseFee)                                // BASEFEE
            case 0x49: blobhash(&f)
            case 0x4a: f.push(block.blobBaseFee)                            // BLOBBASEFEE
            case 0x50: f.top -= 1                                           // POP
            case 0x51: guard f.mload() else { break loop }
            case 0x52: guard f.mstore() else { break loop }
            case 0x53: guard f.mstore8() else { break loop }
            case 0x54: guard sload(&f) else { break loop }
            case 0x55: guard sstore(&f) else { break loop }
            case 0x56: guard f.jump() else { break loop }; inspector.stepEnd(f, opcode: op); continue loop
            case 0x57: guard f.jumpi() else { break loop }; inspector.stepEnd(f, opcode: op); continue loop
            case 0x58: f.push(U256(UInt64(f.pc)))                           // PC
            case 0x59: f.push(U256(UInt64(f.memory.size)))                  // MSIZE
            case 0x5a: f.push(U256(UInt64(f.gas)))                          // GAS
            case 0x5b: break                                                // JUMPDEST
            case 0x5c: tload(&f)
            case 0x5d: guard tstore(&f) else { break loop }
            case 0x5e: guard f.mcopy() else { break loop }
            case 0x5f: f.push(.zero)                                        // PUSH0
            case 0x60: f.push1(); inspector.stepEnd(f, opcode: op); continue loop
            case 0x61...0x67: f.pushSmall(Int(op) &- 0x5f); inspector.stepEnd(f, opcode: op); continue loop
            case 0x68...0x7f: f.pushLarge(Int(op) &- 0x5f); inspector.stepEnd(f, opcode: op); continue loop
            case 0x80...0x8f: f.dup(Int(op) &- 0x7f)
            case 0x90...0x9f: f.swap(Int(op) &- 0x8f)
            case 0xa0...0xa4: guard log(&f, topics: Int(op) &- 0xa0, inspector) else { break loop }
            case 0xf0: guard createOp(&f, kind: .create, inspector) else { break loop }
            case 0xf1: guard callOp(&f, kind: .call, inspector) else { break loop }
            case 0xf2: guard callOp(&f, kind: .callCode, inspector) else { break loop }
            case 0xf3: f.returnOrRevert(.success); break loop              // RETURN
            case 0xf4: guard callOp(&f, kind: .delegateCall, inspector) else { break loop }
            case 0xf5: guard createOp(&f, kind: .create2, inspector) else { break loop }
            case 0xfa: guard callOp(&f, kind: .staticCall, inspector) else { break loop }
            case 0xfd: f.returnOrRevert(.revert); break loop               // REVERT
            case 0xfe: f.halt(.invalidInstruction); break loop             // INVALID
            case 0xff: selfdestruct(&f); break loop
            default: f.halt(.invalidOpcode); break loop
            }
            f.pc &+= 1
            inspector.stepEnd(f, opcode: op)
        }
        inspector.stepEnd(f, opcode: op)
    }
}
