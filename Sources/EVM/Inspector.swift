import Primitives
import UInt256

/// The one hook for observers of execution (in the manner of revm's `Inspector`): the EIP-3155
/// tracer observes steps, the fuzzer's `EdgeCoverage` only jumps. The interpreter is generic
/// over it, so `NoInspector` compiles to nothing in the hot loop.
public protocol Inspector: AnyObject {
    /// Whether `step`/`stepEnd` observe anything. When false (a static property, so the
    /// specialised loop folds it), the interpreter skips writing its registers back to the frame
    /// around each instruction.
    static var observesSteps: Bool { get }
    /// Whether `jump` observes anything (static, so the specialised loop folds the call away).
    static var observesJumps: Bool { get }
    /// Before an instruction runs; `frame.gas` is the gas before any of its cost.
    func step(_ frame: borrowing Frame, opcode: UInt8)
    /// After an instruction ran, or stopped the frame (`frame.status` then tells why).
    func stepEnd(_ frame: borrowing Frame, opcode: UInt8)
    /// At a JUMP (`taken`, `isBranch` false) or JUMPI (`taken` when the condition is non-zero)
    /// at `pc`, before the destination is checked; `destination` is the popped target.
    func jump(pc: Int, destination: U256, taken: Bool, isBranch: Bool)
    /// A message call or creation is about to run; `callerGasLeft` is the caller's gas after
    /// paying for the call (nil for the transaction's own call).
    func callStart(_ message: Message, callerGasLeft: Int64?)
    func callEnd(_ message: Message, result: CallResult)
    func log(_ log: Log)
}

extension Inspector {
    public static var observesSteps: Bool { true }
    public static var observesJumps: Bool { false }
    public func step(_ frame: borrowing Frame, opcode: UInt8) {}
    public func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {}
    public func jump(pc: Int, destination: U256, taken: Bool, isBranch: Bool) {}
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
