import EVM
import ABI
import EVMCrypto
import Primitives
import UInt256

/// An externally owned account the harness can sign for.
public struct TestAccount: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var privateKey: [UInt8]
    public var address: Address

    /// From a private key (32 bytes, 1 ≤ key < n).
    public init(name: String, privateKey: [UInt8]) throws {
        guard let a = Secp256k1.address(ofPrivateKey: privateKey) else {
            throw HarnessError.signingFailed("invalid private key for account '\(name)'")
        }
        self.name = name
        self.privateKey = privateKey
        self.address = Address(a)
    }

    /// Deterministic key keccak256("porvm test account: <name>"): the same name gives the
    /// same address in every run.
    public init(named name: String) {
        let key = Keccak256.hash(Array("porvm test account: \(name)".utf8))
        // A keccak output is a valid secp256k1 key except with negligible probability.
        self = (try? TestAccount(name: name, privateKey: key)) ?? TestAccount(unchecked: name, key: key)
    }

    private init(unchecked name: String, key: [UInt8]) {
        self.name = name
        self.privateKey = key
        self.address = Address(Array(Keccak256.hash(key).suffix(20)))
    }

    public var description: String { "\(name) \(address)" }
}

/// Anything that stands for an address in harness calls: `Address`, `TestAccount`, `Contract`.
public protocol AddressConvertible {
    var asAddress: Address { get }
}

extension Address: AddressConvertible { public var asAddress: Address { self } }
extension TestAccount: AddressConvertible { public var asAddress: Address { address } }

/// Replaces accounts and contract handles by their addresses (also inside arrays), so that
/// they can be passed as `address` arguments.
func normalizeArgument(_ any: Any) -> Any {
    if let a = any as? AddressConvertible, !(any is Address) { return a.asAddress }
    if let list = any as? [Any], !(any is [UInt8]) { return list.map(normalizeArgument) }
    return any
}

/// Ether amounts: `ether(10)`, `gwei(2)`.
public func ether(_ n: UInt64) -> U256 { U256(n) &* U256(1_000_000_000_000_000_000) }
public func gwei(_ n: UInt64) -> U256 { U256(n) &* U256(1_000_000_000) }
