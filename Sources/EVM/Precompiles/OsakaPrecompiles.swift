import EVMCrypto
import UInt256

/// The precompiles Osaka adds or reprices.
extension Precompiles {
    /// 0x05 from Osaka: EIP-7823 bounds each length to 1024 bytes (beyond, the call fails) and
    /// EIP-7883 prices it.
    public static let modexpEIP7883 = Precompile(
        name: "MODEXP", gas: { ModExp.requiredGasEIP7883(input: $0) },
        execute: { ModExp.withinEIP7823Bounds(input: $0) ? ModExp.run(input: $0) : nil })

    /// 0x100: EIP-7951 P256VERIFY. Input h ‖ r ‖ s ‖ qx ‖ qy, exactly 160 bytes; a valid
    /// signature returns the word 1, anything else returns nothing, and either way costs 6900
    /// gas and no more.
    public static let p256Verify = Precompile(
        name: "P256VERIFY", gas: { _ in 6900 },
        execute: { input in
            guard input.count == 160, let base = input.baseAddress else { return [] }
            func word(_ i: Int) -> U256 { U256(bigEndianBytes: base + 32 * i, count: 32) }
            let valid = P256.verify(h: UnsafeRawBufferPointer(start: base, count: 32),
                                    r: word(1), s: word(2), qx: word(3), qy: word(4))
            return valid ? [UInt8](repeating: 0, count: 31) + [1] : []
        })
}
