import UInt256

// The interpreter's table path: every opcode the loop does not run inline (Interpreter.swift).
extension EVM {
    /// The instructions that need the frame or the host, or whose gas or availability depends on
    /// the fork: checked against the fork's table, then run with `f` up to date. Returns false
    /// when the frame stops. Out of line so that the loop's registers stay free.
    @inline(never)
    func step<I: Inspector>(_ f: inout Frame, _ op: UInt8, _ inspector: I) -> Bool {
        let info = table[Int(op)]
        // min <= height <= max as one unsigned compare on the pointer's byte offset.
        let d = Int(bitPattern: f.top) &- Int(bitPattern: f.stackBase)
        if UInt(bitPattern: d &- Int(info.stackLow)) > UInt(bitPattern: Int(info.stackRange)) {
            let height = d &>> 5 &+ 1
            f.halt(!info.isDefined ? .invalidOpcode : height < Int(info.minStack) ? .stackUnderflow : .stackOverflow)
            return false
        }
        guard f.charge(Int64(info.gas)) else { return false }
        switch op {
        case 0x5f: f.push(.zero)                                        // PUSH0 (EIP-3855)
        case 0x1e: f.clz()                                              // CLZ (EIP-7939)
        case 0x20: return f.keccak256()
        case 0x30: f.push(f.message.recipient.word)                     // ADDRESS
        case 0x31: return balance(&f)
        case 0x32: f.push(tx.origin.word)                               // ORIGIN
        case 0x33: f.push(f.message.sender.word)                        // CALLER
        case 0x34: f.push(f.message.value)                              // CALLVALUE
        case 0x36: f.push(U256(UInt64(f.input.count)))                  // CALLDATASIZE
        case 0x37: return f.calldatacopy()
        case 0x38: f.push(U256(UInt64(f.codeSize)))                     // CODESIZE
        case 0x39: return f.codecopy()
        case 0x3a: f.push(tx.gasPrice)                                  // GASPRICE
        case 0x3b: return extcodesize(&f)
        case 0x3c: return extcodecopy(&f)
        case 0x3d: f.push(U256(UInt64(f.returnData.count)))             // RETURNDATASIZE
        case 0x3e: return f.returndatacopy()
        case 0x3f: return extcodehash(&f)
        case 0x40: blockhash(&f)
        case 0x41: f.push(block.coinbase.word)                          // COINBASE
        case 0x42: f.push(U256(block.timestamp))                        // TIMESTAMP
        case 0x43: f.push(U256(block.number))                           // NUMBER
        case 0x44: f.push(fork.hasPrevRandao ? block.prevRandao : block.difficulty) // EIP-4399
        case 0x45: f.push(U256(block.gasLimit))                         // GASLIMIT
        case 0x46: f.push(block.chainId)                                // CHAINID
        case 0x47: f.push(host.balance(f.message.recipient))           // SELFBALANCE
        case 0x48: f.push(block.baseFee)                                // BASEFEE
        case 0x49: blobhash(&f)
        case 0x4a: f.push(block.blobBaseFee)                            // BLOBBASEFEE
        case 0x51: return f.mload()
        case 0x52: return f.mstore()
        case 0x53: return f.mstore8()
        case 0x54: return sload(&f)
        case 0x55: return sstore(&f)
        case 0x59: f.push(U256(UInt64(f.memory.size)))                  // MSIZE
        case 0x5c: tload(&f)
        case 0x5d: return tstore(&f)
        case 0x5e: return f.mcopy()
        case 0xa0: return log(&f, topics: 0, inspector)
        case 0xa1: return log(&f, topics: 1, inspector)
        case 0xa2: return log(&f, topics: 2, inspector)
        case 0xa3: return log(&f, topics: 3, inspector)
        case 0xa4: return log(&f, topics: 4, inspector)
        case 0xf0: return createOp(&f, kind: .create, inspector)
        case 0xf1: return callOp(&f, kind: .call, inspector)
        case 0xf2: return callOp(&f, kind: .callCode, inspector)
        case 0xf3: f.returnOrRevert(.success); return false             // RETURN
        case 0xf4: return callOp(&f, kind: .delegateCall, inspector)
        case 0xf5: return createOp(&f, kind: .create2, inspector)
        case 0xfa: return callOp(&f, kind: .staticCall, inspector)
        case 0xfd: f.returnOrRevert(.revert); return false              // REVERT
        case 0xfe: f.halt(.invalidInstruction); return false            // INVALID
        case 0xff: selfdestruct(&f); return false
        default: f.halt(.invalidOpcode); return false
        }
        return true
    }
}
