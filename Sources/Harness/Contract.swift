import EVM
import ABI
import Primitives
import UInt256

/// A deployed contract on a `Chain`, called by function name with Swift values
/// (see `ABIValue.from(_:as:)`; accounts and contract handles stand for their addresses).
public struct Contract: AddressConvertible, CustomStringConvertible {
    public let chain: Chain
    public let address: Address
    public let abi: ContractABI
    public let name: String

    public var asAddress: Address { address }
    public var description: String { "\(name) at \(address)" }

    func encode(_ function: String, _ arguments: [Any]) throws -> (ABIFunction, [UInt8]) {
        try abiCall {
            let f = try abi.function(function, argumentCount: arguments.count)
            return (f, try f.encodeCall(arguments: arguments.map(normalizeArgument)))
        }
    }

    /// Read-only call: state changes are undone afterwards. Reverts are reported in the outcome.
    /// (Like every entry point that can fail, it takes the caller's location as default
    /// arguments: a thrown `HarnessError` carries it; see `CallSite`.)
    @discardableResult
    public func call(_ function: String, _ arguments: Any..., from: AddressConvertible? = nil,
                     value: U256 = .zero, gasLimit: UInt64? = nil,
                     fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try run(function, arguments, readOnly: true, from: from, value: value, gasLimit: gasLimit,
                site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    @discardableResult
    public func call(_ function: String, arguments: [Any], from: AddressConvertible? = nil,
                     value: U256 = .zero, gasLimit: UInt64? = nil,
                     fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try run(function, arguments, readOnly: true, from: from, value: value, gasLimit: gasLimit,
                site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    /// State-changing call. Reverts are reported in the outcome (not thrown); invalid
    /// transactions (funds, nonce, gas) and bad arguments are thrown.
    @discardableResult
    public func transact(_ function: String, _ arguments: Any..., from: AddressConvertible? = nil,
                         value: U256 = .zero, gasLimit: UInt64? = nil,
                         fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try run(function, arguments, readOnly: false, from: from, value: value, gasLimit: gasLimit,
                site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    @discardableResult
    public func transact(_ function: String, arguments: [Any], from: AddressConvertible? = nil,
                         value: U256 = .zero, gasLimit: UInt64? = nil,
                         fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        try run(function, arguments, readOnly: false, from: from, value: value, gasLimit: gasLimit,
                site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    func run(_ function: String, _ arguments: [Any], readOnly: Bool, from: AddressConvertible?, value: U256,
             gasLimit: UInt64?, site: CallSite) throws -> CallOutcome {
        let (f, data) = try withCallSite(site) { try encode(function, arguments) }
        return try chain.run(Chain.Request(to: address, data: data, from: from?.asAddress, value: value, gasLimit: gasLimit,
                                           readOnly: readOnly, function: f, label: "\(name).\(f.name)", targetABI: abi, site: site))
    }

    /// All outputs of a read-only call; throws `HarnessError.reverted` if it fails.
    public func readAll(_ function: String, _ arguments: Any..., from: AddressConvertible? = nil,
                        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> [ABIValue] {
        let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
        let o = try run(function, arguments, readOnly: true, from: from, value: .zero, gasLimit: nil, site: site)
        guard o.succeeded else {
            throw HarnessError(.reverted(function: "\(name).\(function)", status: o.status, reason: o.revertReason ?? .empty),
                               location: site)
        }
        return o.values
    }

    /// The first output of a read-only call; throws if it fails or returns nothing.
    public func read(_ function: String, _ arguments: Any..., from: AddressConvertible? = nil,
                     fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> ABIValue {
        let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
        let o = try run(function, arguments, readOnly: true, from: from, value: .zero, gasLimit: nil, site: site)
        guard o.succeeded else {
            throw HarnessError(.reverted(function: "\(name).\(function)", status: o.status, reason: o.revertReason ?? .empty),
                               location: site)
        }
        guard let v = o.values.first else {
            throw HarnessError(.abi(.typeMismatch(expected: "a return value from \(name).\(function)", got: "none")), location: site)
        }
        return v
    }

    /// ETH balance of the contract.
    public var balance: U256 { chain.balance(of: address) }
}
