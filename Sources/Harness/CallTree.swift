import EVM
import Primitives
import UInt256

/// One message call or creation of a transaction, with what happened inside it, in order.
public final class CallNode {
    public enum Item {
        case call(CallNode)
        case log(Log)
    }
    public let message: Message
    public internal(set) var items: [Item] = []
    /// Gas the frame used: its gas limit minus what it returned (the transaction's own frame
    /// excludes intrinsic gas and the refund).
    public internal(set) var gasUsed: Int64 = 0
    /// Nil while the call runs.
    public internal(set) var status: Status?
    public internal(set) var output: [UInt8] = []
    public internal(set) var createdAddress: Address?

    init(_ message: Message) { self.message = message }

    public var calls: [CallNode] { items.compactMap { if case .call(let c) = $0 { return c }; return nil } }
    public var logs: [Log] { items.compactMap { if case .log(let l) = $0 { return l }; return nil } }
}

/// Records the tree of calls, creations and logs of one transaction from the inspector's call
/// hooks only (`observesSteps` false: the interpreter runs without per-instruction hooks).
public final class CallTreeRecorder: Inspector {
    public static var observesSteps: Bool { false }
    public private(set) var root: CallNode?
    private var open: [CallNode] = []

    public init() {}

    public func callStart(_ message: Message, callerGasLeft: Int64?) {
        let node = CallNode(message)
        if let parent = open.last { parent.items.append(.call(node)) } else { root = node }
        open.append(node)
    }

    public func callEnd(_ message: Message, result: CallResult) {
        guard let node = open.popLast() else { return }
        node.gasUsed = message.gas - result.gasLeft
        node.status = result.status
        node.output = result.output
        node.createdAddress = result.createdAddress
    }

    public func log(_ log: Log) { open.last?.items.append(.log(log)) }
}

/// Records the call tree of every transaction the chain sends (read-only calls only when
/// `includeCalls`); `take` hands the recorded ones over as text, oldest first.
public final class CallTreeWatcher: TransactionWatcher {
    public struct Entry {
        public let transaction: SentTransaction
        public let outcome: CallOutcome?
        public let root: CallNode?
    }
    public let includeCalls: Bool
    public private(set) var entries: [Entry] = []
    private var recorder: CallTreeRecorder?
    /// The chain of the last transaction, for `take` without one.
    private weak var lastChain: Chain?

    public init(includeCalls: Bool = false) { self.includeCalls = includeCalls }

    public func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)? {
        guard includeCalls || !tx.readOnly else { recorder = nil; return nil }
        let r = CallTreeRecorder()
        recorder = r
        return r
    }

    public func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain) {
        guard let r = recorder else { return }
        recorder = nil
        lastChain = chain
        entries.append(Entry(transaction: tx, outcome: outcome, root: r.root))
    }

    /// The entries recorded since the last call, rendered with the names and ABIs the chain
    /// knows now (a contract deployed by the transaction is known after it).
    public func take(chain: Chain? = nil, indent: String = "  ") -> [String] {
        defer { entries.removeAll() }
        guard let chain = chain ?? lastChain else { return [] }
        let renderer = CallTreeRenderer(chain: chain)
        return entries.flatMap { renderer.lines(for: $0).map { indent + $0 } }
    }
}
