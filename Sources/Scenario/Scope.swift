import Foundation
import ABI
import EVM
import Harness
import UInt256
import Primitives

/// A contract name of the scenario.
public struct Bound {
    public var name: String
    public var abi: ContractABI
    /// While checking, a stand-in (`Scope.placeholderAddress`) that the run replaces by the
    /// deployed address (`ScenarioContext.relocate`).
    public var address: Address
    public var artifact: String

    public init(name: String, abi: ContractABI, address: Address, artifact: String) {
        self.name = name
        self.abi = abi
        self.address = address
        self.artifact = artifact
    }
}

/// Who sends a call.
public enum Sender {
    case account(TestAccount, String)
    /// A contract or a bare address: the call is pranked (a message call from that address).
    case impersonated(Address, String)

    public var label: String {
        switch self {
        case .account(_, let n): return n
        case .impersonated(_, let n): return n
        }
    }
}

/// The chain a scenario starts from (top-level `genesis:`).
public struct Genesis {
    /// `block.timestamp` and `block.number` start at 1, not 0: a contract subtracting from
    /// them in its constructor (a solc `FluxAggregator`) underflows at 0.
    public var timestamp: UInt64 = 1
    public var block: UInt64 = 1
    public var chainId: UInt64 = 31337
}

/// What the checking pass knows before each step: the accounts and contracts bound so far,
/// their ABIs, the snapshots taken, and the plug-ins' own state. Steps are read against it in
/// file order, so that a function's argument types come from the contract an earlier step
/// deployed; contracts get stand-in addresses until the run deploys them.
public final class Scope: AddressBook {
    public static let defaultBalance = ether(10_000)

    public let file: String
    public internal(set) var fork: Fork = .latest
    public internal(set) var genesis = Genesis()
    public internal(set) var artifacts = ArtifactFolders(folders: [])
    public private(set) var accountNames: [String] = []
    public private(set) var accounts: [String: TestAccount] = [:]
    /// Accounts declared at the top level: their balance, and whether the file gave the key.
    public internal(set) var declared: [String: (balance: U256, hasKey: Bool)] = [:]
    public private(set) var contractNames: [String] = []
    public private(set) var contracts: [String: Bound] = [:]
    /// Plug-ins' state while checking (`setup_por` done, the committee), saved by `snapshot`
    /// and restored by `revert_to` with the names.
    public var extras: [String: Any] = [:]

    /// Accounts bound while reading the top level: funded when the chain is made.
    private(set) var genesisAccounts: [(TestAccount, U256?)] = []
    var readingTopLevel = true
    struct Saved {
        var accountNames: [String]
        var accounts: [String: TestAccount]
        var contractNames: [String]
        var contracts: [String: Bound]
        var extras: [String: Any]
    }
    var snapshots: [String: Saved] = [:]
    private var placeholderCount: UInt64 = 0

    init(file: String) { self.file = file }

    // MARK: binding names

    /// Binds an account's name. Bound while reading the top level, it is funded with `balance`
    /// (default 10,000 ether) when the chain is made; a step binding one funds it when it runs.
    public func bind(account: TestAccount, balance: U256? = nil) {
        if accounts[account.name] == nil { accountNames.append(account.name) }
        accounts[account.name] = account
        if readingTopLevel { genesisAccounts.append((account, balance)) }
    }

    /// A second name for an account (`owner` for `deployer`).
    public func bind(name: String, to account: TestAccount) {
        if accounts[name] == nil { accountNames.append(name) }
        accounts[name] = account
    }

    public func bind(contract: Bound) {
        if contracts[contract.name] == nil { contractNames.append(contract.name) }
        contracts[contract.name] = contract
    }

    /// A stand-in address for a contract not deployed yet. Derived by Keccak so that no file
    /// writes one by accident (the run replaces every occurrence by the deployed address).
    public func placeholderAddress() -> Address {
        placeholderCount += 1
        let seed = Array("porvm scenario contract \(placeholderCount)".utf8)
        return Address(word: U256(bigEndianBytes: ABI.keccak256(seed)))
    }

    func save() -> Saved {
        Saved(accountNames: accountNames, accounts: accounts, contractNames: contractNames, contracts: contracts, extras: extras)
    }

    func restore(_ s: Saved) {
        accountNames = s.accountNames
        accounts = s.accounts
        contractNames = s.contractNames
        contracts = s.contracts
        extras = s.extras
    }

    // MARK: resolving names

    public func address(named n: String) -> Address? { accounts[n]?.address ?? contracts[n]?.address }
    public var addressNames: [String] { accountNames + contractNames }

    public func checkName(_ name: String, path: String, line: Int?) throws {
        let ok = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && !(name.first?.isNumber ?? true)
        guard ok else {
            throw FieldError(path: path, line: line, message: "bad name '\(name)' (letters, digits, _ and -, not starting with a digit)")
        }
    }

    /// Refuses a name already bound.
    public func checkFree(_ name: String, path: String, line: Int?) throws {
        try checkName(name, path: path, line: line)
        if accounts[name] != nil { throw FieldError(path: path, line: line, message: "'\(name)' is already an account") }
        if contracts[name] != nil { throw FieldError(path: path, line: line, message: "'\(name)' is already a contract") }
    }

    public func account(_ doc: Doc, path: String) throws -> TestAccount {
        let n = try Fields.string(doc, path: path, what: "an account name")
        guard let a = accounts[n] else {
            throw FieldError(path: path, line: doc.line, message: "unknown account '\(n)' (accounts: \(accountNames.joined(separator: ", ")))")
        }
        return a
    }

    public func addressValue(_ doc: Doc, path: String) throws -> Address {
        let s = try Fields.string(doc, path: path, what: "an account or contract name, or an address")
        return try Convert.address(s, path: path, line: doc.line, book: self)
    }

    public func sender(_ doc: Doc, path: String) throws -> Sender {
        let s = try Fields.string(doc, path: path, what: "an account or contract name")
        if let a = accounts[s] { return .account(a, s) }
        return .impersonated(try Convert.address(s, path: path, line: doc.line, book: self), s)
    }

    /// `contract.function` with the function picked by name (or full signature) and argument count.
    public func target(_ text: String, path: String, line: Int?, argumentCount: Int) throws -> (Bound, ABIFunction) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw FieldError(path: path, line: line, message: "expected <contract>.<function>, got '\(text)'")
        }
        let cname = String(text[..<dot])
        let fname = String(text[text.index(after: dot)...])
        guard let b = contracts[cname] else {
            var m = "unknown contract '\(cname)'"
            m += contractNames.isEmpty ? " (no contract deployed yet: add a deploy or setup_por step first)"
                : " (contracts: \(contractNames.joined(separator: ", ")))"
            throw FieldError(path: path, line: line, message: m)
        }
        do {
            return (b, try b.abi.function(fname, argumentCount: argumentCount))
        } catch let e as ABIError {
            switch e {
            case .unknownFunction:
                let names = Array(Set(b.abi.functions.map(\.name))).sorted()
                throw FieldError(path: path, line: line, message: "\(cname) (\(b.artifact)) has no function '\(fname)' (functions: \(names.joined(separator: ", ")))")
            default:
                throw FieldError(path: path, line: line, message: "\(cname).\(fname): \(e)")
            }
        }
    }

    /// A storage word: a number (negative ones in two's complement), an address name, or hex.
    public func word(_ doc: Doc, path: String) throws -> U256 {
        if case .scalar(let s, _, _) = doc, let a = address(named: s) { return a.word }
        if case .scalar(let s, _, _) = doc, s.hasPrefix("0x") || s.hasPrefix("0X") {
            guard s.count <= 66, let v = U256(hex: s) else { throw FieldError(path: path, line: doc.line, message: "bad hex word \"\(s)\"") }
            return v
        }
        let n = try Numbers.number(doc, path: path)
        return n.negative ? n.magnitude.negated : n.magnitude
    }

    /// Addresses shown by name in step lines (contracts first, then accounts in declaration order).
    public var names: Names {
        var n = Names()
        // Earlier names win; "owner" (set by setup_por) reads better than "deployer".
        for a in (["owner"] + accountNames) {
            if let acc = accounts[a], n.byAddress[acc.address] == nil { n.byAddress[acc.address] = a }
        }
        for c in contractNames { if let b = contracts[c] { n.byAddress[b.address] = c } }
        return n
    }

    public var allABIs: [ContractABI] { contractNames.compactMap { contracts[$0]?.abi } }

    /// The function as step lines show it: its full signature when the name is overloaded.
    public func displayName(_ bound: Bound, _ function: ABIFunction) -> String {
        bound.abi.functions.filter { $0.name == function.name }.count > 1 ? function.signature : function.name
    }
}
