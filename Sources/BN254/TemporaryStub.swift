// Temporary until the BN254 branch lands.
public enum BN254 {
    public static func add(input: UnsafeRawBufferPointer) -> [UInt8]? { nil }
    public static func mul(input: UnsafeRawBufferPointer) -> [UInt8]? { nil }
    public static func pairingCheck(input: UnsafeRawBufferPointer) -> [UInt8]? { nil }
}
