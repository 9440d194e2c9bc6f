import Primitives
import UInt256
import EVM

/// The transition's state as JSON (`--input.alloc`, `--output.alloc`): address → balance,
/// nonce, code, storage.
public enum Alloc {
    /// The world state of an alloc object. Missing fields are zero or empty, as both reference
    /// tools read them.
    static func state(_ json: Any) throws(T8nError) -> WorldState {
        guard let accounts = json as? [String: Any] else { throw T8nError("alloc must be a JSON object of accounts") }
        var out = [Address: Account]()
        for (key, value) in accounts {
            let address = try JSONFields.address(key, "alloc key")
            let f = try JSONFields(value, path: "alloc[\(key.prefix(42))]")
            let nonce = try f.optionalUInt64("nonce") ?? 0
            let balance = try f.optionalWord("balance") ?? .zero
            let code = f.has("code") ? try f.bytes("code") : []
            var storage = [U256: U256]()
            if f.has("storage") {
                guard let slots = f.object["storage"] as? [String: Any] else {
                    throw T8nError("\(f.path).storage must be a JSON object")
                }
                for (k, v) in slots {
                    let slot = try JSONFields.word32(k, "\(f.path).storage key")
                    let word = try JSONFields.word32(v, "\(f.path).storage[\(k.prefix(66))]")
                    if !word.isZero { storage[slot] = word }
                }
            }
            out[address] = Account(nonce: nonce, balance: balance, code: Bytecode(code), storage: storage)
        }
        return WorldState(accounts: out)
    }

    /// The state as the execution specs' t8n writes it: zero balance and nonce, empty code and
    /// zero slots left out; storage keys as 32-byte hex, values as minimal hex. Addresses sorted.
    public static func json(_ state: WorldState) -> JSONOut {
        let sorted = state.accounts.sorted { $0.key < $1.key }
        return .object(sorted.map { address, account in
            var fields = [(String, JSONOut)]()
            if !account.balance.isZero { fields.append(("balance", .string(account.balance.hexString))) }
            if account.nonce != 0 { fields.append(("nonce", .string(U256(account.nonce).hexString))) }
            if !account.code.isEmpty { fields.append(("code", .string(Hex.encode(account.code.bytes, prefix: true)))) }
            let slots = account.storage.filter { !$0.value.current.isZero }.sorted { $0.key < $1.key }
            if !slots.isEmpty {
                fields.append(("storage", .object(slots.map { k, v in
                    (Hex.encode(k.bigEndianBytes, prefix: true), .string(v.current.hexString))
                })))
            }
            return (Hex.encode(address.bytes, prefix: true), .object(fields))
        })
    }
}
