/// Gas constants, named as in the Yellow Paper (appendix G) and the EIPs that changed them.
public enum Gas {
    public static let zero: Int32 = 0
    public static let jumpdest: Int32 = 1
    public static let base: Int32 = 2
    public static let verylow: Int32 = 3
    public static let low: Int32 = 5
    public static let mid: Int32 = 8
    public static let high: Int32 = 10
    public static let blockhash: Int32 = 20
    public static let keccak256: Int32 = 30
    public static let keccak256Word: Int64 = 6
    public static let copyWord: Int64 = 3
    public static let memoryWord: Int64 = 3
    public static let memoryQuadDivisor: Int64 = 512
    public static let log: Int32 = 375
    public static let logTopic: Int32 = 375
    public static let logData: Int64 = 8
    public static let exp: Int32 = 10
    public static let expByte: Int64 = 50                  // EIP-160
    public static let create: Int32 = 32_000
    public static let codeDeposit: Int64 = 200
    public static let initCodeWord: Int64 = 2              // EIP-3860
    public static let callValue: Int64 = 9_000
    public static let callStipend: Int64 = 2_300
    public static let newAccount: Int64 = 25_000
    public static let selfdestruct: Int32 = 5_000
    public static let selfdestructNewAccount: Int64 = 25_000
    // EIP-2929: warm/cold access.
    public static let warmAccess: Int32 = 100
    public static let coldAccountAccess: Int64 = 2_600
    public static let coldSload: Int64 = 2_100
    // EIP-2200 / EIP-2929 / EIP-3529: SSTORE.
    public static let sstoreSet: Int64 = 20_000
    public static let sstoreReset: Int64 = 2_900           // 5000 - COLD_SLOAD_COST
    public static let sstoreSentry: Int64 = 2_300          // EIP-2200: fail if gas left <= stipend
    public static let sstoreClearsRefundBerlin: Int64 = 15_000
    public static let sstoreClearsRefundLondon: Int64 = 4_800   // EIP-3529
    public static let selfdestructRefundBerlin: Int64 = 24_000
    // EIP-1153 / EIP-5656 / EIP-4844.
    public static let transientAccess: Int32 = 100
    public static let blobhash: Int32 = 3

    /// Memory cost of `words` 32-byte words: 3·a + a²/512 (Yellow Paper eq. 326).
    @inlinable @inline(__always)
    public static func memoryCost(words: Int64) -> Int64 {
        memoryWord &* words &+ (words &* words) / memoryQuadDivisor
    }

    /// Words needed for `bytes` bytes, rounding up.
    @inlinable @inline(__always)
    public static func words(_ bytes: Int) -> Int64 { Int64((bytes &+ 31) >> 5) }
}
