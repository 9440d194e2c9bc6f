import UInt256

/// Jumps (Yellow Paper §9.4.3) and the halting opcodes RETURN and REVERT.
extension Frame {
    /// The pc a jump to `dest` lands on, or -1 when `dest` is not a JUMPDEST of this code.
    @inline(__always)
    static func jumpTarget(_ dest: U256, _ jumpdests: UnsafePointer<UInt64>, _ codeSize: Int) -> Int {
        // One branch: a destination beyond 64 bits or past the code fails the first test.
        guard dest.fitsInUInt64, dest.w0 < UInt64(codeSize),
              jumpdests[Int(truncatingIfNeeded: dest.w0 &>> 6)] & (1 &<< (dest.w0 & 63)) != 0 else { return -1 }
        return Int(truncatingIfNeeded: dest.w0)
    }

    /// RETURN and REVERT: output is memory[offset, offset+size).
    mutating func returnOrRevert(_ s: Status) {
        let offset = pop(), size = pop()
        guard let range = memoryRange(offset: offset, size: size) else { return }
        outputRange = (range.offset, range.count)
        status = s
    }
}
