import Primitives

/// EIP-7702 delegation designators: an account whose code is `0xef0100 ‖ address` runs
/// `address`'s code when called (one level: the delegate's own designator is not followed).
public enum Delegation {
    /// EIP-7702: the designator's first three bytes.
    public static let marker: [UInt8] = [0xef, 0x01, 0x00]
    /// EIP-7702: marker and a 20-byte address.
    public static let designatorLength = 23

    /// The code an authority gets for delegating to `address`.
    public static func designator(_ address: Address) -> [UInt8] { marker + address.bytes }
}

extension Bytecode {
    /// EIP-7702: the delegate, when the code is exactly a delegation designator.
    @inline(__always)
    public var delegatedAddress: Address? {
        guard count == Delegation.designatorLength, padded[0] == 0xef, padded[1] == 0x01, padded[2] == 0x00 else { return nil }
        return Address(bytes: UnsafeRawPointer(padded + 3))      // 20 bytes follow the marker
    }
}
