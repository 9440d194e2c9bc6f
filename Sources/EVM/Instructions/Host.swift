import Primitives
import UInt256

/// Opcodes that read or write the world state: account queries with EIP-2929 warm/cold
/// pricing, storage (EIP-2200/2929/3529), transient storage (EIP-1153), logs, block data.
/// They reach the state only through `host` (the `Host` protocol).
extension EVM {
    /// The state as the opcodes see it: only `Host`'s operations, statically dispatched.
    @inline(__always) var host: some Host { state }

    /// Charges the EIP-2929 cold surcharge (the warm cost is static) and warms `a`.
    @inline(__always)
    func chargeAccountAccess(_ f: inout Frame, _ a: Address) -> Bool {
        if host.accessAccount(a) { return f.charge(Gas.coldAccountAccess - Int64(Gas.warmAccess)) }
        return true
    }

    func balance(_ f: inout Frame) -> Bool {
        let a = Address(word: f.top[0])
        guard chargeAccountAccess(&f, a) else { return false }
        f.top[0] = host.balance(a)
        return true
    }

    func extcodesize(_ f: inout Frame) -> Bool {
        let a = Address(word: f.top[0])
        guard chargeAccountAccess(&f, a) else { return false }
        f.top[0] = U256(UInt64(host.code(a).count))
        return true
    }

    func extcodecopy(_ f: inout Frame) -> Bool {
        let a = Address(word: f.pop())
        guard let (dest, offset, count) = f.popCopyArguments(), chargeAccountAccess(&f, a) else { return false }
        let code = host.code(a)
        code.bytes.withUnsafeBytes { src in
            f.memory.copyPadded(to: dest, from: src, srcOffset: offset, count: count)
        }
        return true
    }

    /// EIP-1052: zero for dead accounts, else keccak256 of the code.
    func extcodehash(_ f: inout Frame) -> Bool {
        let a = Address(word: f.top[0])
        guard chargeAccountAccess(&f, a) else { return false }
        f.top[0] = host.codeHash(a)
        return true
    }

    /// Hashes of the 256 most recent complete blocks; zero otherwise.
    func blockhash(_ f: inout Frame) {
        let n = f.top[0]
        let current = block.number
        guard n.fitsInUInt64, n.w0 < current, current - n.w0 <= 256 else { f.top[0] = .zero; return }
        f.top[0] = block.blockHashes[n.w0] ?? .zero
    }

    /// EIP-4844: the versioned hash at an index, or zero past the end.
    func blobhash(_ f: inout Frame) {
        let i = f.top[0]
        f.top[0] = i.fitsInUInt64 && i.w0 < UInt64(tx.blobHashes.count) ? tx.blobHashes[Int(i.w0)] : .zero
    }

    func sload(_ f: inout Frame) -> Bool {
        let key = f.top[0]
        let (value, wasCold) = host.sload(f.message.recipient, key)
        if wasCold {
            guard f.charge(Gas.coldSload - Int64(Gas.warmAccess)) else { return false }
        }
        f.top[0] = value
        return true
    }

    /// SSTORE gas and refunds per EIP-2200 with EIP-2929 access costs and EIP-3529 refunds. The
    /// host writes first; a halt below reverts the write with the frame.
    func sstore(_ f: inout Frame) -> Bool {
        let key = f.pop(), new = f.pop()
        // EIP-2200: never with the call stipend alone.
        if f.gas <= Gas.callStipend { f.halt(.outOfGas); return false }
        let slot = host.sstore(f.message.recipient, key, new)
        let original = slot.original, current = slot.current
        var cost: Int64 = 0
        if slot.wasCold { cost += Gas.coldSload }
        if original == current && current != new {
            cost += original.isZero ? Gas.sstoreSet : Gas.sstoreReset
        } else {
            cost += Int64(Gas.warmAccess)
        }
        let clearRefund = fork.hasReducedRefunds ? Gas.sstoreClearsRefundLondon : Gas.sstoreClearsRefundBerlin
        if current != new {
            if !original.isZero && !current.isZero && new.isZero { f.refund += clearRefund }
            if !original.isZero && current.isZero { f.refund -= clearRefund }
            if original == new {
                f.refund += original.isZero ? Gas.sstoreSet - Int64(Gas.warmAccess)
                                            : Gas.sstoreReset - Int64(Gas.warmAccess)
            }
        }
        guard f.charge(cost) else { return false }
        if f.message.isStatic { f.halt(.staticStateChange); return false }
        return true
    }

    func tload(_ f: inout Frame) {
        f.top[0] = host.tload(f.message.recipient, f.top[0])
    }

    func tstore(_ f: inout Frame) -> Bool {
        if f.message.isStatic { f.halt(.staticStateChange); return false }
        let key = f.pop(), value = f.pop()
        host.tstore(f.message.recipient, key, value)
        return true
    }

    func log<I: Inspector>(_ f: inout Frame, topics n: Int, _ inspector: I) -> Bool {
        let offset = f.pop(), size = f.pop()
        var topics = [U256]()
        topics.reserveCapacity(n)
        for _ in 0..<n { topics.append(f.pop()) }
        guard size.fitsInUInt64, size.w0 <= UInt64(Memory.maxBufferSize) else { f.halt(.outOfGas); return false }
        guard f.charge(Gas.logData &* Int64(size.w0)), let range = f.memoryRange(offset: offset, size: size) else { return false }
        if f.message.isStatic { f.halt(.staticStateChange); return false }
        let entry = Log(address: f.message.recipient, topics: topics, data: f.memory.bytes(range.offset, range.count))
        host.log(entry)
        inspector.log(entry)
        return true
    }
}
