import Primitives

/// The one hook for observers of execution (in the manner of revm's `Inspector`). Today the
/// EIP-3155 tracer implements it; the step-through view and the fuzzer's coverage are to use it
/// too rather than hooks of their own. The interpreter is generic over it, so `NoInspector`
/// compiles to nothing in the hot loop.
public protocol Inspector: AnyObject {
    /// Whether `step`/`stepEnd` observe anything. When false (a static property, so the
    /// specialised loop folds it), the interpreter skips writing its registers back to the frame
    /// around each instruction.
    static var observesSteps: Bool { get }
    /// Before an instruction runs; `frame.gas` is the gas before any of its cost.
    func step(_ frame: borrowing Frame, opcode: UInt8)
    /// After an instruction ran, or stopped the frame (`frame.status` then tells why).
    func stepEnd(_ frame: borrowing Frame, opcode: UInt8)
    /// A message call or creation is about to run; `callerGasLeft` is the caller's gas after
    /// paying for the call (nil for the transaction's own call).
    func callStart(_ message: Message, callerGasLeft: Int64?)
    func callEnd(_ message: Message, result: CallResult)
    func log(_ log: Log)
}

extension Inspector {
    public static var observesSteps: Bool { true }
    public func step(_ frame: borrowing Frame, opcode: UInt8) {}
    public func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {}
    public func callStart(_ message: Message, callerGasLeft: Int64?) {}
    public func callEnd(_ message: Message, result: CallResult) {}
    public func log(_ log: Log) {}
}

/// Observes nothing; the interpreter specialised for it has no hooks at all.
public final class NoInspector: Inspector {
    public static var observesSteps: Bool { false }
    public init() {}
    public static let shared = NoInspector()
}
