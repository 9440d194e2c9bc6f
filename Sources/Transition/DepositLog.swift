import Primitives
import UInt256

/// EIP-6110: the deposit contract's `DepositEvent` log, turned into a deposit request
/// (pubkey ‖ withdrawal credentials ‖ amount ‖ signature ‖ index). The log's ABI layout is
/// checked field by field; a malformed one makes the block invalid.
enum DepositLog {
    static let contract = Address(hex: "0x00000000219ab540356cbb839cbe05303d7705fa") ?? .zero
    static let eventHash = U256(hex: "0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5") ?? .zero
    static let eventLength = 576

    /// (name, offset of its length word, size) for each field, in the request's order.
    static let fields: [(String, Int, Int)] = [
        ("pubkey", 160, 48), ("withdrawal credentials", 256, 32), ("amount", 320, 8),
        ("signature", 384, 96), ("index", 512, 8),
    ]

    static func request(_ data: [UInt8]) -> Result<[UInt8], T8nError> {
        guard data.count == eventLength else { return .failure(T8nError("Invalid deposit event data length")) }
        func word(_ at: Int) -> U256 { U256(bigEndianBytes: data[at..<at + 32]) }
        // The head: five offsets, in order.
        for (i, (name, offset, _)) in fields.enumerated() where word(32 * i) != U256(UInt64(offset)) {
            return .failure(T8nError("Invalid \(name) offset in deposit log"))
        }
        var out = [UInt8]()
        out.reserveCapacity(192)
        for (name, offset, size) in fields {
            guard word(offset) == U256(UInt64(size)) else { return .failure(T8nError("Invalid \(name) size in deposit log")) }
            out += data[offset + 32..<offset + 32 + size]
        }
        return .success(out)
    }
}
