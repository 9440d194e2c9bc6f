import Primitives
import UInt256
import EVM

/// Calls the block makes itself, before or after its transactions: from the system address,
/// 30,000,000 gas, no fee, no value, nothing warm (the specs' `process_system_transaction`).
enum SystemCall {
    static let systemAddress = Address(hex: "0xfffffffffffffffffffffffffffffffffffffffe") ?? .zero
    static let gas: Int64 = 30_000_000
    /// EIP-4788.
    static let beaconRootsAddress = Address(hex: "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02") ?? .zero
    /// EIP-2935.
    static let historyStorageAddress = Address(hex: "0x0000F90827F1C53a10cb7A02335B175320002935") ?? .zero
    /// EIP-7002.
    static let withdrawalRequestAddress = Address(hex: "0x00000961Ef480Eb55e80D19ad83579A64c007002") ?? .zero
    /// EIP-7251.
    static let consolidationRequestAddress = Address(hex: "0x0000BBdDc7CE488642fb579F8B00f3a590007251") ?? .zero

    enum Outcome {
        /// The target has no code: nothing ran.
        case noCode
        case ran(CallResult)
    }

    /// Runs the target's code with `data` as one transaction of its own (storage originals and
    /// transient storage start afresh); its logs go nowhere.
    static func run(_ target: Address, data: [UInt8], evm: EVM) -> Outcome {
        let state = evm.state
        guard !state.code(target).isEmpty else { return .noCode }
        state.beginTransaction()
        evm.tx = TransactionContext(origin: systemAddress, gasPrice: evm.block.baseFee)
        let message = Message(kind: .call, gas: gas, recipient: target, sender: systemAddress, value: .zero, input: data)
        let result = evm.execute(message)
        state.finalizeTransaction()
        return .ran(result)
    }
}
