import ABI
import FuzzSupport

// ABI decoding of random bytes against a random type.
//
// Input layout: a type description grammar read from the front (see `TypeBuilder`), then the
// bytes to decode. The canonical string of the built type is also parsed back with
// `ABIType(_:)`, which must give the same type. Oracles:
// - decode throws or returns, never traps or hangs (the decoder promises bounded work);
// - values that decoded re-encode, and that encoding decodes to the same values;
// - RevertReason(data:) on the same bytes never traps.

struct TypeBuilder {
    var r: ByteReader
    var budget = 24   // type nodes at most

    mutating func type(depth: Int) -> ABIType {
        budget -= 1
        let b = r.byte()
        let kind = b % 12
        let arg = Int(b / 12)   // 0...21
        if depth >= 4 || budget <= 0 {
            return leaf(kind, arg)
        }
        switch kind {
        case 9:
            return .array(type(depth: depth + 1), 1 + Int(r.byte() % 5))
        case 10:
            return .dynamicArray(type(depth: depth + 1))
        case 11:
            let n = Int(r.byte() % 5)   // () is a valid empty tuple
            var members: [ABIType] = []
            for _ in 0..<n { members.append(type(depth: depth + 1)) }
            return .tuple(members)
        default:
            return leaf(kind, arg)
        }
    }

    func leaf(_ kind: UInt8, _ arg: Int) -> ABIType {
        switch kind % 9 {
        case 0: return .uint(8 * (1 + arg % 32))
        case 1: return .int(8 * (1 + arg % 32))
        case 2: return .address
        case 3: return .bool
        case 4: return .fixedBytes(1 + arg % 32)
        case 5: return .bytes
        case 6: return .string
        case 7: return .uint(256)
        default: return .fixedBytes(32)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzABI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    var builder = TypeBuilder(r: ByteReader(bytes))
    let count = Int(builder.r.byte() % 4) + 1
    var types: [ABIType] = []
    for _ in 0..<count { types.append(builder.type(depth: 0)) }
    let payload = builder.r.rest()

    // The type's canonical text parses back to the same type.
    let text = "(" + types.map(\.description).joined(separator: ",") + ")"
    guard let parsed = try? ABIType(text), parsed == .tuple(types) else {
        preconditionFailure("ABIType(\"\(text)\") does not give back the type")
    }

    _ = RevertReason(data: payload).description
    // Free text to the type parser: throws or parses, and what parses prints back the same.
    if let t = try? ABIType(String(decoding: payload.prefix(96), as: UTF8.self)) {
        precondition((try? ABIType(t.description)) == t, "ABIType(\"\(t)\") differs from \(t)")
    }

    guard let values = try? ABI.decode(payload, as: types) else { return 0 }
    fuzzLog("\(text) decoded \(payload.count) bytes")
    let encoded: [UInt8]
    do { encoded = try ABI.encode(values, as: types) } catch {
        preconditionFailure("decoded values do not re-encode as \(text): \(error)")
    }
    guard let again = try? ABI.decode(encoded, as: types) else {
        preconditionFailure("the re-encoding of decoded values does not decode as \(text)")
    }
    precondition(again == values, "ABI round trip differs for \(text)")
    for v in values { _ = v.description }
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzABI) }
}
