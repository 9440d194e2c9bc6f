import Primitives
import UInt256
import EVMCrypto

/// MLOAD, MSTORE, MSTORE8, MCOPY (EIP-5656), KECCAK256 and the copies from call data, code and
/// return data into memory.
extension Frame {
    @inline(__always) mutating func mload() -> Bool {
        let offset = top[0]
        guard expandMemory(offset: offset, size: U256(32)) else { return false }
        top[0] = memory.load(Int(offset.w0))
        return true
    }

    @inline(__always) mutating func mstore() -> Bool {
        let offset = top[0]
        guard expandMemory(offset: offset, size: U256(32)) else { return false }
        memory.store(Int(offset.w0), top[-1])
        top -= 2
        return true
    }

    @inline(__always) mutating func mstore8() -> Bool {
        let offset = top[0]
        guard expandMemory(offset: offset, size: .one) else { return false }
        memory.base.storeBytes(of: UInt8(truncatingIfNeeded: top[-1].w0), toByteOffset: Int(offset.w0), as: UInt8.self)
        top -= 2
        return true
    }

    /// Copy gas: 3 per word (Yellow Paper G_copy), charged before memory expansion.
    @inline(__always) mutating func chargeCopy(_ size: U256) -> Bool {
        guard size.fitsInUInt64, size.w0 <= UInt64(Memory.maxBufferSize) else { halt(.outOfGas); return false }
        return charge(Gas.copyWord &* Gas.words(Int(size.w0)))
    }

    mutating func mcopy() -> Bool {
        let dst = pop(), src = pop(), size = pop()
        guard chargeCopy(size),
              let from = memoryRange(offset: src, size: size),
              let to = memoryRange(offset: dst, size: size) else { return false }
        if to.count > 0 { (memory.base + to.offset).copyMemory(from: memory.base + from.offset, byteCount: to.count) }
        return true
    }

    mutating func keccak256() -> Bool {
        let offset = top[0], size = top[-1]
        guard size.fitsInUInt64, size.w0 <= UInt64(Memory.maxBufferSize),
              charge(Gas.keccak256Word &* Gas.words(Int(size.w0))),
              let range = memoryRange(offset: offset, size: size) else {
            if status == .running { halt(.outOfGas) }
            return false
        }
        top -= 1
        var digest = U256.zero
        withUnsafeMutableBytes(of: &digest) { out in
            Keccak256.hash(UnsafeRawBufferPointer(start: memory.base + range.offset, count: range.count), into: out.baseAddress!) // safe: 32-byte buffer
        }
        // The digest bytes are big-endian; reinterpret them as a word.
        top[0] = withUnsafeBytes(of: &digest) { U256(bigEndian: $0.baseAddress!) } // safe: 32-byte buffer
        return true
    }

    /// CALLDATALOAD: 32 bytes of call data from `offset`, zero-padded past its end.
    @inline(__always) func calldataWord(_ offset: U256) -> U256 {
        guard offset.fitsInUInt64, offset.w0 < UInt64(input.count), let base = input.baseAddress else { return .zero }
        let start = Int(offset.w0)
        let available = input.count - start
        if available >= 32 { return U256(bigEndian: base + start) }
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { b in
            b.baseAddress.map { p in
                p.copyMemory(from: base + start, byteCount: available)
                return U256(bigEndian: UnsafeRawPointer(p))
            } ?? .zero
        }
    }

    /// The shared shape of CALLDATACOPY, CODECOPY, EXTCODECOPY and RETURNDATACOPY: pop
    /// (destOffset, offset, size), charge copy and expansion gas.
    @inline(__always) mutating func popCopyArguments() -> (dest: Int, offset: U256, count: Int)? {
        let dest = pop(), offset = pop(), size = pop()
        guard chargeCopy(size), let range = memoryRange(offset: dest, size: size) else { return nil }
        return (range.offset, offset, range.count)
    }

    mutating func calldatacopy() -> Bool {
        guard let (dest, offset, count) = popCopyArguments() else { return false }
        memory.copyPadded(to: dest, from: input, srcOffset: offset, count: count)
        return true
    }

    mutating func codecopy() -> Bool {
        guard let (dest, offset, count) = popCopyArguments() else { return false }
        memory.copyPadded(to: dest, from: UnsafeRawBufferPointer(start: code, count: codeSize),
                          srcOffset: offset, count: count)
        return true
    }

    /// EIP-211: reading past the end of the return data is an exceptional halt (checked after
    /// the gas, as the execution specs order it).
    mutating func returndatacopy() -> Bool {
        guard let (dest, offset, count) = popCopyArguments() else { return false }
        let (end, overflow) = offset.addingReportingOverflow(U256(UInt64(count)))
        guard !overflow, end.fitsInUInt64, end.w0 <= UInt64(returnData.count) else {
            halt(.returnDataOutOfBounds)
            return false
        }
        if count > 0 {
            returnData.withUnsafeBytes { rd in
                (memory.base + dest).copyMemory(from: rd.baseAddress! + Int(offset.w0), byteCount: count) // safe: bounds checked above
            }
        }
        return true
    }
}
