import Primitives
import UInt256
import EVMCrypto

/// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 and SELFDESTRUCT.
extension EVM {
    /// EIP-150: all but one 64th of the available gas.
    @inline(__always) static func allButOne64th(_ gas: Int64) -> Int64 { gas - gas / 64 }

    func callOp<I: Inspector>(_ f: inout Frame, kind: CallKind, _ inspector: I) -> Bool {
        let requestedGas = f.pop()
        let to = Address(word: f.pop())
        let value = (kind == .call || kind == .callCode) ? f.pop() : .zero
        let inOffset = f.pop(), inSize = f.pop(), outOffset = f.pop(), outSize = f.pop()

        guard let inRange = f.memoryRange(offset: inOffset, size: inSize),
              let outRange = f.memoryRange(offset: outOffset, size: outSize) else { return false }
        var extra: Int64 = host.accessAccount(to) ? Gas.coldAccountAccess - Int64(Gas.warmAccess) : 0
        // EIP-7702: a designator's delegate supplies the code; its access is charged warm or cold too.
        var codeAddress = to
        let delegated = followsDelegations ? host.code(to).delegatedAddress : nil
        if let delegate = delegated {
            extra += host.accessAccount(delegate) ? Gas.coldAccountAccess : Int64(Gas.warmAccess)
            codeAddress = delegate
        }
        if !value.isZero {
            extra += Gas.callValue
            if kind == .call && host.isDead(to) { extra += Gas.newAccount }   // EIP-161
        }
        guard f.charge(extra) else { return false }
        let requested = requestedGas.fitsInUInt64 && requestedGas.w0 <= UInt64(Int64.max) ? Int64(requestedGas.w0) : Int64.max
        let gas = min(requested, EVM.allButOne64th(f.gas))
        guard f.charge(gas) else { return false }
        if kind == .call && f.message.isStatic && !value.isZero { f.halt(.staticStateChange); return false }

        let childGas = value.isZero ? gas : gas + Gas.callStipend
        recycle(&f.returnData)
        let me = f.message.recipient
        if f.message.depth + 1 > EVM.maxCallDepth || (!value.isZero && host.balance(me) < value) {
            f.gas += childGas
            f.push(.zero)
            return true
        }

        var input = pooledBytes(f.memory.base + inRange.offset, inRange.count)
        let viaDesignator = delegated != nil
        let message: Message
        switch kind {
        case .delegateCall:
            message = Message(kind: kind, depth: f.message.depth + 1, isStatic: f.message.isStatic, gas: childGas,
                              recipient: me, sender: f.message.sender, codeAddress: codeAddress,
                              value: f.message.value, transfersValue: false, input: input, disablesPrecompiles: viaDesignator)
        case .callCode:
            message = Message(kind: kind, depth: f.message.depth + 1, isStatic: f.message.isStatic, gas: childGas,
                              recipient: me, sender: me, codeAddress: codeAddress, value: value, input: input,
                              disablesPrecompiles: viaDesignator)
        case .staticCall:
            message = Message(kind: kind, depth: f.message.depth + 1, isStatic: true, gas: childGas,
                              recipient: to, sender: me, codeAddress: codeAddress, value: .zero, transfersValue: false,
                              input: input, disablesPrecompiles: viaDesignator)
        default:
            message = Message(kind: kind, depth: f.message.depth + 1, isStatic: f.message.isStatic, gas: childGas,
                              recipient: to, sender: me, codeAddress: codeAddress, value: value, input: input,
                              disablesPrecompiles: viaDesignator)
        }
        let result = run(message, inspector, callerGasLeft: f.gas)
        recycle(&input)
        f.gas += result.gasLeft
        if result.status.isSuccess { f.refund += result.gasRefund }
        f.returnData = result.output
        f.push(result.status.isSuccess ? .one : .zero)
        let n = min(outRange.count, result.output.count)
        if n > 0 {
            result.output.withUnsafeBytes { src in
                (f.memory.base + outRange.offset).copyMemory(from: src.baseAddress!, byteCount: n) // safe: n > 0
            }
        }
        return true
    }

    func createOp<I: Inspector>(_ f: inout Frame, kind: CallKind, _ inspector: I) -> Bool {
        let value = f.pop(), offset = f.pop(), size = f.pop()
        let salt = kind == .create2 ? f.pop() : .zero
        guard let range = f.memoryRange(offset: offset, size: size) else { return false }
        let words = Gas.words(range.count)
        if fork.limitsInitCode {                                           // EIP-3860
            guard f.charge(Gas.initCodeWord &* words) else { return false }
        }
        if kind == .create2 {                                              // hashing the init code
            guard f.charge(Gas.keccak256Word &* words) else { return false }
        }
        if fork.limitsInitCode && range.count > EVM.maxInitCodeSize {
            f.halt(.outOfGas)
            return false
        }
        let gas = EVM.allButOne64th(f.gas)
        f.gas -= gas
        if f.message.isStatic { f.halt(.staticStateChange); return false }
        f.returnData = []

        let me = f.message.recipient
        let nonce = host.nonce(me)
        if host.balance(me) < value || nonce == UInt64.max || f.message.depth + 1 > EVM.maxCallDepth {
            f.gas += gas
            f.push(.zero)
            return true
        }
        let initCode = f.memory.bytes(range.offset, range.count)
        let address = kind == .create2
            ? EVM.create2Address(sender: me, salt: salt, initCode: initCode)
            : EVM.createAddress(sender: me, nonce: nonce)
        _ = host.accessAccount(address)
        host.incrementNonce(me)
        let message = Message(kind: kind, depth: f.message.depth + 1, gas: gas,
                              recipient: address, sender: me, value: value, input: initCode)
        let result = run(message, inspector, callerGasLeft: f.gas)
        f.gas += result.gasLeft
        if result.status.isSuccess {
            f.refund += result.gasRefund
            f.returnData = []
            f.push(address.word)
        } else {
            f.returnData = result.status == .revert ? result.output : []
            f.push(.zero)
        }
        return true
    }

    /// SELFDESTRUCT: sends the whole balance to the beneficiary; since EIP-6780 the account is
    /// deleted only if it was created in this transaction. The host acts first; a halt below
    /// reverts it with the frame.
    func selfdestruct(_ f: inout Frame) {
        let beneficiary = Address(word: f.pop())
        let r = host.selfDestruct(f.message.recipient, beneficiary: beneficiary, onlyIfCreated: fork.restrictsSelfDestruct)
        var cost: Int64 = 0
        if r.wasCold { cost += Gas.coldAccountAccess }
        if r.fundedDeadAccount { cost += Gas.selfdestructNewAccount }
        guard f.charge(cost) else { return }
        if f.message.isStatic { f.halt(.staticStateChange); return }
        if !fork.hasReducedRefunds && !r.previouslyDestroyed { f.refund += Gas.selfdestructRefundBerlin }
        f.status = .success
    }
}
