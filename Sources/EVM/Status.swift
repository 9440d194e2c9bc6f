/// How a frame ended. Everything but `success` and `revert` is an exceptional halt that
/// consumes all gas given to the frame (Yellow Paper §9.4.2).
public enum Status: UInt8, Sendable, CustomStringConvertible {
    case running
    case success
    case revert
    case outOfGas
    case invalidOpcode          // an unassigned byte
    case invalidInstruction     // the designated INVALID, 0xFE
    case stackUnderflow
    case stackOverflow
    case badJumpDestination
    case staticStateChange      // a state-modifying opcode inside STATICCALL
    case returnDataOutOfBounds  // EIP-211 RETURNDATACOPY past the end
    case contractCollision      // EIP-684
    case codeSizeExceeded       // EIP-170
    case initCodeSizeExceeded   // EIP-3860
    case invalidCodePrefix      // EIP-3541
    case precompileFailure
    case callDepthExceeded
    case insufficientBalance
    case nonceOverflow

    public var isSuccess: Bool { self == .success }
    /// Exceptional halts consume all remaining gas; success and revert do not.
    public var consumesAllGas: Bool { self != .success && self != .revert && self != .running }

    /// Names in the style of geth's and evmone's tracers.
    public var description: String {
        switch self {
        case .running: return "running"
        case .success: return "success"
        case .revert: return "revert"
        case .outOfGas: return "out of gas"
        case .invalidOpcode: return "invalid opcode"
        case .invalidInstruction: return "invalid instruction"
        case .stackUnderflow: return "stack underflow"
        case .stackOverflow: return "stack overflow"
        case .badJumpDestination: return "invalid jump destination"
        case .staticStateChange: return "write protection"
        case .returnDataOutOfBounds: return "return data out of bounds"
        case .contractCollision: return "contract address collision"
        case .codeSizeExceeded: return "max code size exceeded"
        case .initCodeSizeExceeded: return "max initcode size exceeded"
        case .invalidCodePrefix: return "invalid code: must not begin with 0xef"
        case .precompileFailure: return "precompile failed"
        case .callDepthExceeded: return "max call depth exceeded"
        case .insufficientBalance: return "insufficient balance for transfer"
        case .nonceOverflow: return "nonce uint64 overflow"
        }
    }
}
