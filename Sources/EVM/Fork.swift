/// Protocol upgrades the EVM implements. Each fork is the previous one plus named EIPs
/// (`eips` and the rules defined from it, in Rules/EIPs.swift), never a separate VM.
public enum Fork: Int, Comparable, CaseIterable, Sendable, CustomStringConvertible {
    case berlin, london, paris, shanghai, cancun, prague, osaka

    public static func < (a: Fork, b: Fork) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .berlin: return "Berlin"
        case .london: return "London"
        case .paris: return "Paris"
        case .shanghai: return "Shanghai"
        case .cancun: return "Cancun"
        case .prague: return "Prague"
        case .osaka: return "Osaka"
        }
    }

    /// Accepts the names used by geth, evmone and the state tests ("Merge" is Paris).
    public init?(name: String) {
        switch name.lowercased() {
        case "berlin": self = .berlin
        case "london": self = .london
        case "paris", "merge": self = .paris
        case "shanghai": self = .shanghai
        case "cancun": self = .cancun
        case "prague": self = .prague
        case "osaka": self = .osaka
        default: return nil
        }
    }

    /// The default everywhere a fork is not named (the harness, scenarios, `run`, `exec`): the
    /// newest fork whose rules are all implemented, so the chain contract developers deploy to.
    public static let latest: Fork = allCases.last { $0.isImplemented } ?? .cancun

    /// Forks whose EIPs are listed but not all implemented yet: their state tests are skipped
    /// (`statetest --unfinished-forks` runs them), never failed or, worse, passed by accident.
    static let unfinished: Set<Fork> = []

    /// Whether every EIP of the fork is implemented.
    public var isImplemented: Bool { !Fork.unfinished.contains(self) }
}
