import Primitives
import UInt256
@testable import ABI

/// Concatenated 32-byte words given as hex (without 0x), for writing expected encodings.
func words(_ w: String...) -> [UInt8] {
    w.flatMap { s -> [UInt8] in
        let b = Hex.decode(s) ?? []
        return [UInt8](repeating: 0, count: max(0, 32 - b.count)) + b
    }
}

/// A word whose leading bytes are `s` (right padded), as bytesM and string contents are laid out.
func left(_ s: String) -> String {
    let h = Hex.encode(Array(s.utf8))
    return h + String(repeating: "0", count: 64 - h.count)
}

func hex(_ b: [UInt8]) -> String { Hex.encode(b) }
func bytes(_ s: String) -> [UInt8] { Hex.decode(s) ?? [] }
