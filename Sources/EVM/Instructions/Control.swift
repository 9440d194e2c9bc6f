import UInt256

/// Jumps (Yellow Paper §9.4.3) and the halting opcodes RETURN and REVERT.
extension Frame {
    @inline(__always) mutating func jumpTo(_ dest: U256) -> Bool {
        guard dest.fitsInUInt64, dest.w0 < UInt64(codeSize),
              jumpdests[Int(dest.w0) >> 6] & (1 << (dest.w0 & 63)) != 0 else {
            halt(.badJumpDestination)
            return false
        }
        pc = Int(dest.w0)
        return true
    }

    @inline(__always) mutating func jump() -> Bool {
        let dest = pop()
        return jumpTo(dest)
    }

    @inline(__always) mutating func jumpi() -> Bool {
        let dest = top[0]
        let condition = top[-1]
        top -= 2
        if condition.isZero { pc &+= 1; return true }
        return jumpTo(dest)
    }

    /// RETURN and REVERT: output is memory[offset, offset+size).
    mutating func returnOrRevert(_ s: Status) {
        let offset = pop(), size = pop()
        guard expandMemory(offset: offset, size: size) else { return }
        output = memory.bytes(offset.clampedToInt, size.clampedToInt)
        status = s
    }
}
