import EVM
import Ethereum
import ABI
import UInt256
import Primitives

/// Every call, transaction and deployment goes through `TransactionProcessor.apply`, the code
/// the state tests prove: nonce, CREATE address, intrinsic gas, EIP-3860, refund cap and fees
/// are applied there and nowhere else. What differs between the harness's modes is only the
/// options a node would never grant:
/// - a test account's transaction (mode `.transactions`): signed, standard options;
/// - an impersonated sender (a prank, an address without a key, mode `.messageCalls`): no
///   signature, no fee (geth's `NoBaseFee` with zero fee fields), a sender with code allowed,
///   and a call leaves the sender's nonce alone, as Foundry's `prank` does (a creation uses and
///   increments it, as CREATE does);
/// - a read-only call (`eth_call`): the impersonated transaction, with every change undone.
extension Chain {
    struct Request {
        var to: Address?
        var data: [UInt8]
        var from: Address?
        var value: U256
        var gasLimit: UInt64?
        var readOnly: Bool
        var function: ABIFunction?
        var label: String
        var targetABI: ContractABI?
        /// The user's call, for failures to point at.
        var site: CallSite
        /// EIP-7702 tuples: when any, the transaction is a set-code transaction (type 4).
        var authorizations: [Authorization] = []
    }

    /// Runs `body` with the watchers looking away: what a watcher reads for itself (a page's
    /// panel) is neither traced nor recorded by the others.
    public func unwatched<T>(_ body: () throws -> T) rethrows -> T {
        unwatchedDepth += 1
        defer { unwatchedDepth -= 1 }
        return try body()
    }

    func run(_ r: Request) throws -> CallOutcome {
        try withCallSite(r.site) { try execute(r) }
    }

    private func execute(_ r: Request) throws -> CallOutcome {
        let prank = nextPrank ?? persistentPrank
        nextPrank = nil
        let expectedRevert = pendingRevert
        pendingRevert = nil
        let expectedEmits = pendingEmits
        pendingEmits = []

        let sender = prank?.sender ?? r.from ?? deployer.address
        let origin = prank?.origin ?? sender
        let signer = r.readOnly || mode == .messageCalls || prank != nil ? nil : signer(for: sender)
        let (raw, sent) = try submit(r, sender: sender, origin: origin, signer: signer)

        var outcome = CallOutcome(status: raw.status, output: raw.output, values: [], outputNames: [], gasUsed: raw.gasUsed,
                                  logs: raw.logs, events: raw.logs.compactMap(decode), revertReason: nil,
                                  createdAddress: raw.createdAddress, function: r.function)
        if !raw.status.isSuccess {
            outcome.revertReason = RevertReason(data: raw.output, abis: abisForErrors(preferring: r.targetABI))
        }
        // Before decoding the return values, which may throw: every watcher sees the end of what it saw begin.
        if let sent { for w in watchers.reversed() { w.didSend(sent, outcome: outcome, on: self) } }
        if raw.status.isSuccess, let f = r.function, !f.name.isEmpty, !f.outputs.isEmpty {
            do { outcome.values = try f.decodeOutput(raw.output) } catch let e as ABIError {
                throw HarnessError.abi(.typeMismatch(expected: "return data of \(f.signature)", got: e.description))
            }
            outcome.outputNames = f.outputs.map(\.name)
        }
        lastOutcome = outcome
        if !r.readOnly {
            logs += outcome.logs
            events += outcome.events
            gasReport[r.label, default: []].append(outcome.gasUsed)
        }
        if let expectedRevert { try check(expectedRevert, against: outcome) }
        if !expectedEmits.isEmpty { try check(expectedEmits, against: outcome) }
        return outcome
    }

    /// Builds the transaction (signed when `signer` is given) and applies it.
    private func submit(_ r: Request, sender: Address, origin: Address, signer: TestAccount?) throws -> (TransactionOutcome, SentTransaction?) {
        let feeMarket = evm.fork.hasFeeMarket   // EIP-1559
        let gasLimit = min(r.gasLimit ?? min(defaultGasLimit, transactionGasCap), evm.block.gasLimit)
        var tx = Transaction(kind: feeMarket ? .feeMarket : .legacy, chainId: feeMarket ? chainId : nil,
                             nonce: U256(state.nonce(sender)), gasLimit: U256(gasLimit), to: r.to, value: r.value, data: r.data)
        if !r.authorizations.isEmpty {                       // EIP-7702
            tx.kind = .setCode
            tx.chainId = chainId
            tx.authorizationList = r.authorizations
        }
        var options = TransactionProcessor.Options.standard
        if let signer {
            if feeMarket {
                tx.maxPriorityFeePerGas = priorityFee
                tx.maxFeePerGas = baseFee &+ priorityFee
            } else {
                tx.gasPrice = baseFee &+ priorityFee
            }
            guard tx.sign(privateKey: signer.privateKey, chainId: chainId) else {
                throw HarnessError.signingFailed("could not sign for \(signer.name)")
            }
        } else {
            options = .init(noBaseFee: true, allowsSenderWithCode: true, incrementsNonceOfCall: false,
                            origin: origin, commits: !r.readOnly)
        }
        // A signed transaction's sender is the one its signature recovers, as a node sees it.
        let from = signer == nil ? sender : tx.recoverSender(chainId: chainId)
        var inspector = self.inspector
        var sent: SentTransaction?
        if !watchers.isEmpty && unwatchedDepth == 0 {
            let s = SentTransaction(label: r.label, readOnly: r.readOnly, signed: signer != nil, sender: from ?? sender, to: r.to,
                                    value: r.value, data: r.data, nonce: state.nonce(from ?? sender), gasLimit: gasLimit,
                                    gasPrice: signer == nil ? .zero : baseFee &+ priorityFee,
                                    priorityFee: signer == nil ? .zero : priorityFee, function: r.function)
            let observers = watchers.compactMap { $0.willSend(s, on: self) }
            let all = (inspector.map { [$0] } ?? []) + observers
            inspector = all.count > 1 ? InspectorGroup(all) : all.first
            sent = s
        }
        do {
            return (try TransactionProcessor.apply(tx, sender: from, evm: evm, options: options, inspector: inspector), sent)
        } catch .insufficientAccountFunds where signer == nil {
            if let sent { for w in watchers.reversed() { w.didSend(sent, outcome: nil, on: self) } }
            throw HarnessError.insufficientFunds(sender, needed: r.value.description, available: state.balance(sender).description)
        } catch {
            if let sent { for w in watchers.reversed() { w.didSend(sent, outcome: nil, on: self) } }
            throw HarnessError.invalidTransaction(error, sender: sender)
        }
    }
}
