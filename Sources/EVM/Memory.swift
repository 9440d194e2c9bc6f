import UInt256
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A frame's byte-addressed memory in an unsafe buffer that only grows, in 32-byte words
/// (Yellow Paper §9.1). The EVM keeps one buffer per call depth and hands it to the next frame
/// at that depth, so calls reuse memory instead of allocating it.
@frozen public struct Memory {
    /// Zero-filled up to `capacity`.
    @usableFromInline var base: UnsafeMutableRawPointer
    /// Active size in bytes, a multiple of 32 (what MSIZE returns).
    public internal(set) var size: Int
    @usableFromInline var capacity: Int

    /// Offsets and sizes beyond this cost more gas than any block holds, so they are out of gas
    /// before any arithmetic on them can overflow.
    public static let maxBufferSize = Int(UInt32.max)

    init(capacity: Int) {
        let cap = Swift.max(capacity, 32)
        // Small, so it cannot fail in practice; allocate() with 16-byte alignment is malloc too.
        base = malloc(cap) ?? .allocate(byteCount: cap, alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: cap)
        self.capacity = cap
        size = 0
    }

    func deallocate() { free(base) }

    /// Grows the buffer (not the active size) to hold at least `bytes`, zero-filling. Returns
    /// false when the process cannot get the memory: gas limits far above any block's can pay
    /// for gigabytes, and a machine that cannot hold them must not take the process down.
    @usableFromInline mutating func reserve(_ bytes: Int) -> Bool {
        guard bytes > capacity else { return true }
        var cap = capacity
        while cap < bytes { cap *= 2 }
        guard let nb = malloc(cap) else { return false }      // a failed allocate() would trap
        nb.copyMemory(from: base, byteCount: size)
        (nb + size).initializeMemory(as: UInt8.self, repeating: 0, count: cap - size)
        free(base)
        base = nb
        capacity = cap
        return true
    }

    /// Clears the active part so that the buffer can serve the next frame.
    mutating func reset() {
        base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        size = 0
    }

    /// `offset` as an Int when [offset, offset + count) lies in the active size, which needs no
    /// expansion and no gas (the interpreter's MLOAD/MSTORE fast path); nil otherwise.
    /// With it, memory_grow_mload/nogrow and memory_grow_mstore/nogrow run 469,492 and 502,253 x86
    /// instructions a call against evmone baseline's 573,818 and 610,669 (valgrind, issue 14).
    @inline(__always)
    func offsetInBounds(_ offset: U256, _ count: Int) -> Int? {
        // size <= maxBufferSize, so size - count cannot overflow and the compare is exact.
        guard offset.fitsInUInt64, offset.w0 <= UInt64(bitPattern: Int64(size &- count)), size >= count else { return nil }
        return Int(truncatingIfNeeded: offset.w0)
    }

    @inline(__always)
    func load(_ offset: Int) -> U256 { U256(bigEndian: base + offset) }

    @inline(__always)
    func store(_ offset: Int, _ v: U256) { v.storeBigEndian(to: base + offset) }

    public func bytes(_ offset: Int, _ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base + offset, count: count))
    }

    /// Copies `count` bytes of `src` from `srcOffset` to memory at `offset`, padding with zeros
    /// past the end of `src` (CALLDATACOPY, CODECOPY, EXTCODECOPY semantics).
    func copyPadded(to offset: Int, from src: UnsafeRawBufferPointer, srcOffset: U256, count: Int) {
        guard count > 0 else { return }
        let available = srcOffset.fitsInUInt64 && srcOffset.w0 < UInt64(src.count) ? src.count - Int(srcOffset.w0) : 0
        let n = Swift.min(available, count)
        if n > 0, let s = src.baseAddress { (base + offset).copyMemory(from: s + Int(srcOffset.w0), byteCount: n) }
        if n < count { (base + offset + n).initializeMemory(as: UInt8.self, repeating: 0, count: count - n) }
    }
}
