import UInt256

/// The battery's own reserve figure (issue 10, "The Proof of Reserve battery"), computed from the
/// feed's raw `decimals()` and `latestRoundData()` answers and never from the token's `reserves()`.
/// The rules are Contracts/tests/por_model.py's `independent_reserves`, written from the issue.
public enum IndependentReserves {
    public static let bps = U256(10_000)
    static let maxWord = U256(w0: .max, w1: .max, w2: .max, w3: .max)
    static let round80 = U256.one.shiftedLeft(byBits: 80)

    /// A static call's result: nil when it reverted.
    public typealias Answer = [UInt8]?

    /// Reserves usable for minting in token units, or nil when a mint must fail closed: no feed, a
    /// reverting or malformed answer, answer ≤ 0, `updatedAt` zero, in the future or older than the
    /// heartbeat. The answer is scaled from the feed's decimals to the token's rounding down, then
    /// the margin (basis points) is taken off, rounding down.
    public static func compute(decimals: Answer, latestRoundData: Answer, now: U256, tokenDecimals: U256,
                               heartbeat: U256, marginBps: U256) -> U256? {
        // A feed's decimals() is one word that fits uint8.
        guard let dec = decimals, dec.count == 32 else { return nil }
        let feedDecimals = U256(bigEndianBytes: dec)
        guard feedDecimals <= U256(255) else { return nil }
        // latestRoundData(): exactly five words; round ids fit uint80.
        guard let lrd = latestRoundData, lrd.count == 160 else { return nil }
        let word = { (i: Int) in U256(bigEndianBytes: lrd[(i * 32)..<(i * 32 + 32)]) }
        guard word(0) < round80, word(4) < round80 else { return nil }
        let answer = word(1), updatedAt = word(3)
        guard !answer.isNegative, !answer.isZero, !updatedAt.isZero, updatedAt <= now,
              !(heartbeat < now &- updatedAt) else { return nil }
        var scaled = answer
        if feedDecimals >= tokenDecimals {
            var k = (feedDecimals &- tokenDecimals).w0
            while k > 0, !scaled.isZero { scaled = scaled.div(U256(10)); k -= 1 }
        } else {
            var k = (tokenDecimals &- feedDecimals).w0
            while k > 0, !scaled.isZero {
                let (low, high) = scaled.multipliedFullWidth(by: 10)
                if high != 0 { scaled = maxWord; break }   // the model saturates at 2^256 - 1
                scaled = low
                k -= 1
            }
        }
        // A margin of 100% or more leaves nothing (the model would go negative; a mint of 0 is all that fits).
        guard marginBps < bps else { return .zero }
        // floor(scaled * (bps - margin) / bps) without 512 bits: scaled = q * bps + r.
        let keep = bps &- marginBps
        let q = scaled.div(bps), r = scaled.mod(bps)
        return (q &* keep) &+ (r &* keep).div(bps)
    }
}
