import Testing
@testable import EVM
import UInt256

/// EIP-4844 blob base fee. Expected values: the EIP's reference `fake_exponential`, evaluated with
/// Python's exact integers (the vectors below), and the spec's loop transcribed here, which is
/// exact with 256-bit wrapping arithmetic while no intermediate passes 2^256 (excess <= 3·10^8).
@Suite struct BlobGasTests {
    /// (factor, numerator, denominator, fake_exponential) from the EIP's reference code.
    static let referenceVectors: [(UInt64, UInt64, UInt64, UInt64)] = [
        (1, 0, 1, 1), (38493, 0, 1000, 38493), (0, 1234, 2345, 0), (1, 2, 1, 6), (1, 4, 2, 6),
        (1, 3, 1, 16), (1, 6, 2, 18), (1, 8, 2, 50), (1, 9, 2, 84), (1, 10, 2, 143), (1, 11, 2, 235),
        (1, 50_000_000, 2_225_652, 5_709_098_764), (1, 380_928, 3_338_477, 1),
    ]

    @Test func referenceVectorsMatch() {
        for (f, n, d, expected) in Self.referenceVectors {
            #expect(BlobGas.fakeExponential(factor: f, numerator: n, denominator: d) == U256(expected), "\((f, n, d))")
        }
    }

    /// The EIP's loop, word for word, in wrapping 256-bit arithmetic.
    func specLoop(_ factor: U256, _ numerator: U256, _ denominator: U256) -> U256 {
        var i = U256.one, output = U256.zero, accumulator = factor &* denominator
        while !accumulator.isZero {
            output = output &+ accumulator
            accumulator = (accumulator &* numerator).div(denominator &* i)
            i = i &+ .one
        }
        return output.div(denominator)
    }

    @Test func equalsTheSpecLoopOnTheSmallRange() {
        let seed = TestSeed.value("equalsTheSpecLoopOnTheSmallRange", default: 4844)
        var rng = RandomBytecodeTests.Rng(state: seed == 0 ? 1 : seed)
        var samples: [UInt64] = Array(0...2_000) + stride(from: 0, through: 300_000_000, by: 1_234_567).map { $0 }
        for _ in 0..<500 { samples.append(UInt64(rng.below(300_000_001))) }
        for x in samples {
            let expected = specLoop(.one, U256(x), U256(BlobSchedule.cancun.baseFeeUpdateFraction))
            #expect(BlobGas.baseFee(excessBlobGas: x) == expected, "excess blob gas \(x), seed \(seed)")
        }
    }

    /// Past wrapping range: values from the reference code with exact integers.
    @Test func exactBeyondWrappingRange() {
        #expect(BlobGas.baseFee(excessBlobGas: 393_000_000) == w("0x38f3bf3748c968648149bdd095d8819487e183e1fa6"))
        #expect(BlobGas.baseFee(excessBlobGas: 500_000_000) == w("0x10ce22ab45809aee5874013c7c5cc21a469b331be0702f60719a490"))
        // The largest excess whose fee is below 2^256, and the first one at or above it.
        #expect(BlobGas.baseFee(excessBlobGas: 592_398_315) == w("0xfffffd7f37d871923e777c8e1698f4a355b593742cb7f676ce08cf31f51e8874"))
        #expect(BlobGas.baseFee(excessBlobGas: 592_398_316) == .max)
    }

    /// Issue 8: 2^64 - 1 ran the loop for days (2^48 took 5.6 s); each must end in well under a second.
    @Test func hugeExcessSaturatesQuickly() {
        let clock = ContinuousClock()
        for x in [UInt64(1) << 48, UInt64.max / 2, UInt64.max] {
            let start = clock.now
            #expect(BlobGas.baseFee(excessBlobGas: x) == .max)
            #expect(clock.now - start < .seconds(1), "excess blob gas \(x)")
        }
    }

    @Test func blobBaseFeeOpcodeWithHugeExcess() {
        let block = BlockEnvironment(excessBlobGas: .max)
        let (r, _) = run(asm("BLOBBASEFEE") + returnTop, block: block)
        #expect(r.status == .success)
        #expect(word(r.output) == .max)
    }

    @Test func feeFollowsTheExcessWhenItChanges() {
        var block = BlockEnvironment(excessBlobGas: 0)
        #expect(block.blobBaseFee == .one)
        block.excessBlobGas = 3_338_477          // e^1 in the series: floor(2.718...) = 2
        #expect(block.blobBaseFee == U256(2))
    }
}
