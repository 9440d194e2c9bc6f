import Foundation
import EVM
import Primitives
import UInt256

/// The replay file written beside each trace: hand-written JSON of hex strings (addresses,
/// words, code) and decimal numbers, read by `scripts/trace/compare_revm.py`.
extension TraceDirectory {
    static func preState(_ tx: SentTransaction, chain: Chain) -> String {
        let b = chain.block
        var s = "{\"fork\":\"\(chain.fork)\",\n\"block\":{\"number\":\(b.number),\"timestamp\":\(b.timestamp)"
        s += ",\"coinbase\":\"\(b.coinbase)\",\"gasLimit\":\(b.gasLimit),\"baseFee\":\"\(b.baseFee.hexString)\""
        s += ",\"prevRandao\":\"\(b.prevRandao.hexString)\",\"difficulty\":\"\(b.difficulty.hexString)\""
        s += ",\"chainId\":\"\(b.chainId.hexString)\",\"excessBlobGas\":\(b.excessBlobGas)},\n"
        s += "\"tx\":{\"label\":\"\(JSONText.escaped(tx.label))\",\"readOnly\":\(tx.readOnly),\"signed\":\(tx.signed)"
        s += ",\"from\":\"\(tx.sender)\",\"to\":" + (tx.to.map { "\"\($0)\"" } ?? "null")
        s += ",\"value\":\"\(tx.value.hexString)\",\"data\":\"\(Hex.encode(tx.data, prefix: true))\",\"nonce\":\(tx.nonce)"
        s += ",\"gasLimit\":\(tx.gasLimit),\"gasPrice\":\"\(tx.gasPrice.hexString)\",\"priorityFee\":\"\(tx.priorityFee.hexString)\"},\n"
        s += "\"pre\":{"
        // Every account, in address order: a scenario's state is small, and the transaction can
        // reach any account through a call.
        for (i, a) in chain.state.accounts.keys.sorted().enumerated() {
            guard let acc = chain.state.account(a) else { continue }
            s += (i > 0 ? ",\n" : "\n") + "\"\(a)\":{\"nonce\":\(acc.nonce),\"balance\":\"\(acc.balance.hexString)\""
            s += ",\"code\":\"\(Hex.encode(acc.code.bytes, prefix: true))\",\"storage\":{"
            let slots = acc.storage.filter { !$0.value.current.isZero }.keys.sorted()
            s += slots.map { "\"\($0.hexString)\":\"\(acc.storage[$0]?.current.hexString ?? "0x0")\"" }.joined(separator: ",")
            s += "}}"
        }
        return s + "}}\n"
    }
}
