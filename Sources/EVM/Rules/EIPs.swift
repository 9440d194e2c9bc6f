/// The EIPs after Berlin that change execution, named by number. Each fork is its parent plus
/// the EIPs it lists in `Fork.eips` below; every fork-dependent rule in the code asks
/// `fork.has(_:)` (or one of the named predicates defined from it), never `fork >= x`.
public enum EIP: Int, CaseIterable, Sendable, CustomStringConvertible {
    // London
    case eip1559, eip3198, eip3529, eip3541, eip3554
    // Paris
    case eip3675, eip4399
    // Shanghai
    case eip3651, eip3855, eip3860, eip4895
    // Cancun
    case eip1153, eip4788, eip4844, eip5656, eip6780, eip7516
    // Prague
    case eip2537, eip2935, eip6110, eip7002, eip7251, eip7623, eip7685, eip7691, eip7702
    // Osaka
    case eip7594, eip7823, eip7825, eip7883, eip7918, eip7934, eip7939, eip7951

    /// The EIP's number.
    public var number: Int {
        switch self {
        case .eip1559: return 1559
        case .eip3198: return 3198
        case .eip3529: return 3529
        case .eip3541: return 3541
        case .eip3554: return 3554
        case .eip3675: return 3675
        case .eip4399: return 4399
        case .eip3651: return 3651
        case .eip3855: return 3855
        case .eip3860: return 3860
        case .eip4895: return 4895
        case .eip1153: return 1153
        case .eip4788: return 4788
        case .eip4844: return 4844
        case .eip5656: return 5656
        case .eip6780: return 6780
        case .eip7516: return 7516
        case .eip2537: return 2537
        case .eip2935: return 2935
        case .eip6110: return 6110
        case .eip7002: return 7002
        case .eip7251: return 7251
        case .eip7623: return 7623
        case .eip7685: return 7685
        case .eip7691: return 7691
        case .eip7702: return 7702
        case .eip7594: return 7594
        case .eip7823: return 7823
        case .eip7825: return 7825
        case .eip7883: return 7883
        case .eip7918: return 7918
        case .eip7934: return 7934
        case .eip7939: return 7939
        case .eip7951: return 7951
        }
    }

    public var description: String { "EIP-\(number)" }

    /// Whether the EIP changes anything a single transaction sees. The others act on blocks
    /// (difficulty bomb, proof of stake, withdrawals, the beacon-root system call), which porvm
    /// does not build; they are listed so that each fork's list is the specification's.
    public var affectsTransactions: Bool {
        switch self {
        case .eip3554, .eip3675, .eip4895, .eip4788: return false
        case .eip2935, .eip6110, .eip7002, .eip7251, .eip7685, .eip7934: return false
        default: return true
        }
    }
}

extension Fork {
    /// The fork this one amends; nil for Berlin, the base.
    public var parent: Fork? { Fork(rawValue: rawValue - 1) }

    /// The EIPs the fork adds to its parent, as execution-specs lists them in each fork's
    /// `__init__.py` (London: EIP-1559 meta; Cancun: EIP-7569 meta).
    public var eips: [EIP] {
        switch self {
        case .berlin: return []
        case .london: return [.eip1559, .eip3198, .eip3529, .eip3541, .eip3554]
        case .paris: return [.eip3675, .eip4399]
        case .shanghai: return [.eip3651, .eip3855, .eip3860, .eip4895]
        case .cancun: return [.eip1153, .eip4788, .eip4844, .eip5656, .eip6780, .eip7516]
        case .prague: return [.eip2537, .eip2935, .eip6110, .eip7002, .eip7251, .eip7623, .eip7685, .eip7691, .eip7702]
        case .osaka: return [.eip7594, .eip7823, .eip7825, .eip7883, .eip7918, .eip7934, .eip7939, .eip7951]
        }
    }

    /// Every EIP in force: the parent's and the fork's own.
    public var allEIPs: [EIP] { (parent?.allEIPs ?? []) + eips }

    /// One bit per `EIP` case, per fork, worked out once from `eips`.
    private static let enabled: [UInt64] = Fork.allCases.map { fork in
        fork.allEIPs.reduce(0) { $0 | 1 << UInt64($1.rawValue) }
    }

    /// Whether `eip` is in force in this fork.
    @inline(__always)
    public func has(_ eip: EIP) -> Bool { Fork.enabled[rawValue] & 1 << UInt64(eip.rawValue) != 0 }

    /// The first fork with `eip` in force.
    public static func introducing(_ eip: EIP) -> Fork? { allCases.first { $0.eips.contains(eip) } }

    /// EIP-1559: fee-market transactions, the base fee is burnt.
    public var hasFeeMarket: Bool { has(.eip1559) }
    /// EIP-3198: BASEFEE opcode.
    public var hasBaseFee: Bool { has(.eip3198) }
    /// EIP-3529: smaller SSTORE refunds, no SELFDESTRUCT refund, refund cap gasUsed/5.
    public var hasReducedRefunds: Bool { has(.eip3529) }
    /// EIP-3541: reject new code starting with 0xEF.
    public var rejectsEFCode: Bool { has(.eip3541) }
    /// EIP-4399: DIFFICULTY becomes PREVRANDAO.
    public var hasPrevRandao: Bool { has(.eip4399) }
    /// EIP-3651: the coinbase starts warm.
    public var hasWarmCoinbase: Bool { has(.eip3651) }
    /// EIP-3860: init code size limit and per-word init code gas.
    public var limitsInitCode: Bool { has(.eip3860) }
    /// EIP-6780: SELFDESTRUCT deletes only contracts created in the same transaction.
    public var restrictsSelfDestruct: Bool { has(.eip6780) }
    /// EIP-4844: blob transactions, BLOBHASH, point evaluation precompile.
    public var hasBlobs: Bool { has(.eip4844) }
    /// EIP-7825: a transaction's gas limit is capped at 2^24.
    public var capsTransactionGas: Bool { has(.eip7825) }
    /// EIP-7594: a blob transaction carries at most 6 blobs.
    public var limitsBlobsPerTransaction: Bool { has(.eip7594) }
}
