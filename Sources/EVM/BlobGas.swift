import UInt256

/// A fork's blob parameters (EIP-7840's `blobSchedule` entry): target and maximum blobs per
/// block and the base fee's update fraction. Fixtures and t8n inputs may carry their own.
public struct BlobSchedule: Sendable, Equatable {
    public var target: UInt64
    public var max: UInt64
    public var baseFeeUpdateFraction: UInt64

    public init(target: UInt64, max: UInt64, baseFeeUpdateFraction: UInt64) {
        self.target = target
        self.max = max
        self.baseFeeUpdateFraction = baseFeeUpdateFraction
    }

    /// EIP-4844: 3 blobs targeted, 6 at most.
    public static let cancun = BlobSchedule(target: 3, max: 6, baseFeeUpdateFraction: 3_338_477)
    /// EIP-7691: 6 targeted, 9 at most.
    public static let prague = BlobSchedule(target: 6, max: 9, baseFeeUpdateFraction: 5_007_716)

    /// Blob gas a block may use.
    public var maxBlobGasPerBlock: UInt64 { max &* BlobGas.perBlob }
    public var targetBlobGasPerBlock: UInt64 { target &* BlobGas.perBlob }
}

extension Fork {
    /// The schedule mainnet runs in this fork (Osaka keeps Prague's; its BPO forks change it).
    public var blobSchedule: BlobSchedule { has(.eip7691) ? .prague : .cancun }
}

/// EIP-4844 blob gas pricing.
public enum BlobGas {
    public static let perBlob: UInt64 = 1 << 17
    public static let minBaseFee: UInt64 = 1

    public static func baseFee(excessBlobGas: UInt64, schedule: BlobSchedule = .cancun) -> U256 {
        fakeExponential(factor: minBaseFee, numerator: excessBlobGas, denominator: schedule.baseFeeUpdateFraction)
    }

    /// EIP-4844 `fake_exponential(factor, numerator, denominator)`, the spec's Taylor series in
    /// exact integers, saturated at 2^256 - 1.
    ///
    /// The spec's integers are unbounded; a fee of 2^256 or more cannot be pushed by BLOBBASEFEE
    /// nor paid by any balance (a blob transaction's fee cap and upfront cost are 256-bit), so
    /// saturating keeps every outcome the spec can express. Once the running sum passes
    /// `denominator * 2^256` the result is known to saturate and the loop stops: it runs at most
    /// a few hundred rounds for any 64-bit input (a loop to the end would take days at 2^64).
    public static func fakeExponential(factor: UInt64, numerator: UInt64, denominator: UInt64) -> U256 {
        guard denominator != 0 else { return .max }          // the spec divides by it; no fork uses 0
        let cap = Natural(denominator).shiftedLeft(words: 4) // denominator * 2^256
        var output = Natural(0)
        var accumulator = Natural(factor).multiplied(by: denominator)
        var i: UInt64 = 1
        while !accumulator.isZero {
            output.add(accumulator)
            if !(output < cap) { return .max }
            // accumulator * numerator // (denominator * i), as two exact floor divisions.
            accumulator = accumulator.multiplied(by: numerator).divided(by: denominator).divided(by: i)
            i += 1
        }
        return output.divided(by: denominator).u256 ?? .max
    }
}

extension BlobGas {
    /// EIP-7918: the execution cost a blob's base fee is bounded by, per unit of base fee.
    public static let baseCost: UInt64 = 1 << 13

    /// The block's excess blob gas from its parent's (EIP-4844 `calc_excess_blob_gas`); nil when
    /// the parent's fields overflow 64 bits, which no valid chain reaches.
    /// With `reservePrice` (EIP-7918, Osaka): while blobs cost less than `baseCost` execution gas
    /// at the parent's base fee, the excess only grows, by used·(max−target)/max.
    public static func excessBlobGas(parentExcessBlobGas: UInt64, parentBlobGasUsed: UInt64, parentBaseFee: U256,
                                     schedule: BlobSchedule, reservePrice: Bool) -> UInt64? {
        let (parentBlobGas, o) = parentExcessBlobGas.addingReportingOverflow(parentBlobGasUsed)
        if o { return nil }
        if parentBlobGas < schedule.targetBlobGasPerBlock { return 0 }
        if reservePrice && schedule.max != 0 {
            // Both prices as 320-bit (low, high) pairs: a saturated blob fee times 2^17 wraps a word.
            let blobPrice = baseFee(excessBlobGas: parentExcessBlobGas, schedule: schedule).multipliedFullWidth(by: perBlob)
            let executionPrice = parentBaseFee.multipliedFullWidth(by: baseCost)
            if (blobPrice.high, blobPrice.low) < (executionPrice.high, executionPrice.low) {
                let grown = parentBlobGasUsed.multipliedFullWidth(by: schedule.max &- schedule.target)
                let increase = schedule.max.dividingFullWidth(grown).quotient   // < parentBlobGasUsed
                let (sum, o2) = parentExcessBlobGas.addingReportingOverflow(increase)
                return o2 ? nil : sum
            }
        }
        return parentBlobGas - schedule.targetBlobGasPerBlock
    }
}

/// A natural number in little-endian 64-bit limbs, just wide enough for `fakeExponential`
/// (under 2^350 there). Not on any hot path: it runs once per block.
struct Natural {
    private(set) var limbs: [UInt64]

    init(_ v: UInt64) { limbs = v == 0 ? [] : [v] }
    private init(limbs: [UInt64]) { self.limbs = limbs; normalize() }

    var isZero: Bool { limbs.isEmpty }

    private mutating func normalize() { while limbs.last == 0 { limbs.removeLast() } }

    func shiftedLeft(words n: Int) -> Natural { isZero ? self : Natural(limbs: Array(repeating: 0, count: n) + limbs) }

    mutating func add(_ b: Natural) {
        var carry: UInt64 = 0
        for i in 0..<max(limbs.count, b.limbs.count) {
            if i == limbs.count { limbs.append(0) }
            let (s1, o1) = limbs[i].addingReportingOverflow(i < b.limbs.count ? b.limbs[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            limbs[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
    }

    func multiplied(by m: UInt64) -> Natural {
        var out = [UInt64]()
        out.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for limb in limbs {
            let (hi, lo) = limb.multipliedFullWidth(by: m)
            let (sum, o) = lo.addingReportingOverflow(carry)
            out.append(sum)
            carry = hi &+ (o ? 1 : 0)                          // hi <= m - 2 when lo overflows
        }
        out.append(carry)
        return Natural(limbs: out)
    }

    /// Floor division by a non-zero divisor.
    func divided(by d: UInt64) -> Natural {
        var out = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            (out[i], remainder) = d.dividingFullWidth((remainder, limbs[i]))   // remainder < d
        }
        return Natural(limbs: out)
    }

    static func < (a: Natural, b: Natural) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in a.limbs.indices.reversed() where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }

    /// The value as a word, or nil from 2^256 on.
    var u256: U256? {
        guard limbs.count <= 4 else { return nil }
        let l = limbs + Array(repeating: 0, count: 4 - limbs.count)
        return U256(w0: l[0], w1: l[1], w2: l[2], w3: l[3])
    }
}
