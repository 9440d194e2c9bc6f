import Ethereum
import EVM
import Primitives
import UInt256
import FuzzSupport

// RLP and transaction decoding on arbitrary bytes.
//
// Oracles beyond "no trap, no hang":
// - RLP.decode accepts only one canonical item spanning the input, so encode(decode(x)) == x;
// - a decoded transaction re-encodes to bytes that decode to the same transaction;
// - signing hash and sender recovery never trap on a decoded transaction.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRLP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)

    if let item = try? RLP.decode(bytes) {
        let again = RLP.encode(item)
        precondition(again == bytes, "RLP round trip differs: \(bytes.count) bytes in, \(again.count) out")
        precondition(RLP.encodedLength(item) == bytes.count, "encodedLength disagrees with encode")
        // The typed accessors on every item must throw, not trap.
        func walk(_ i: RLPItem, _ depth: Int) {
            _ = try? i.u256(); _ = try? i.uint64(); _ = try? i.address()
            if let l = i.listValue, depth < 64 { for x in l { walk(x, depth + 1) } }
        }
        walk(item, 0)
    }

    switch Result(catching: { () throws(TransactionDecodingError) -> Transaction in try Transaction.decode(bytes) }) {
    case .success(let tx):
        let encoded = tx.encoded()
        guard let back = try? Transaction.decode(encoded) else {
            preconditionFailure("a decoded transaction's encoding does not decode: \(encoded)")
        }
        precondition(back == tx, "transaction round trip differs")
        for chainId in [U256(1), tx.chainId ?? .zero] {
            _ = tx.signingHash(chainId: chainId)
            _ = tx.recoverSender(chainId: chainId)
        }
        fuzzLog("decoded \(tx.kind) transaction")
    case .failure(let e):
        _ = e.description
        fuzzLog("not a transaction: \(e)")
    }
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzRLP) }
}
