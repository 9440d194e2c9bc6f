import Primitives
import UInt256
import EVMCrypto

/// Contract code prepared for execution once, then shared by every frame that runs it
/// (it lives in the account): zero padding so that a truncated PUSH or a fall off the end
/// reads zeros (STOP), and the JUMPDEST bitmap (Yellow Paper §9.4.3).
/// The analysis is cached by code identity: the object, not a hash of the bytes, so a call
/// looks nothing up. Preparing swap_math's 1,921 bytes (padding, bitmap, blocks, hash) costs
/// 255,545 x86 instructions once, where a call to it runs 29,440 (valgrind, issue 14); the
/// fuzzer and the simulator call the same few accounts' code millions of times.
public final class Bytecode: @unchecked Sendable {   // immutable after init; the buffers are never written again
    public let bytes: [UInt8]
    /// `bytes` followed by 33 zero bytes; never mutated after init.
    @usableFromInline let padded: UnsafeMutablePointer<UInt8>
    /// One bit per code byte: set where a JUMPDEST opcode (not push data) stands.
    @usableFromInline let jumpdests: UnsafeMutablePointer<UInt64>
    /// Per instruction start, the basic block it begins (`BlockInfo`): n + 33 entries.
    @usableFromInline let blocks: UnsafeMutablePointer<BlockInfo>
    /// keccak256(code), worked out once in init: EXTCODEHASH and the state root need it, and a
    /// lazily written cache would race between the threads that share a Bytecode (`empty` is
    /// shared by every parallel `statetest` worker). Code is hashed on its way into state anyway.
    public let hash: U256

    public static let empty = Bytecode([])

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let n = bytes.count
        let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 33)
        padded.initialize(repeating: 0, count: n + 33)
        bytes.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { padded.update(from: s, count: n) }
        }
        let words = (n + 63) / 64 + 1
        let jumpdests = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        jumpdests.initialize(repeating: 0, count: words)
        var pc = 0
        while pc < n {
            let op = padded[pc]
            if op == 0x5b {
                jumpdests[pc >> 6] |= 1 << UInt64(pc & 63)
            } else if op >= 0x60 && op <= 0x7f {
                pc += Int(op) - 0x5f            // skip push data
            }
            pc += 1
        }
        self.padded = padded
        self.jumpdests = jumpdests
        let blocks = UnsafeMutablePointer<BlockInfo>.allocate(capacity: n + 33)
        BlockInfo.analyse(padded, count: n, into: blocks)
        self.blocks = blocks
        self.hash = n == 0 ? Bytecode.emptyHash : U256(bigEndianBytes: Keccak256.hash(bytes))
    }

    deinit {
        padded.deallocate()
        jumpdests.deallocate()
        blocks.deallocate()
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }

    @inline(__always)
    func isJumpdest(_ pc: Int) -> Bool {
        jumpdests[pc >> 6] & (1 << UInt64(pc & 63)) != 0
    }

    /// keccak256 of the empty string.
    public static let emptyHash = U256(hex: "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")!  // safe: constant
}
