import Testing
@testable import EVM

/// Fork rules as data: each fork's EIPs, and what its instruction table holds. Expected values
/// come from the specifications, never from the table: execution-specs' `forks/<fork>/__init__.py`
/// (EIP lists), `vm/gas.py` and the Yellow Paper appendix G (prices) and appendix H (arities).
@Suite struct ForkRulesTests {
    /// execution-specs: london/__init__.py (EIP-1559, 3198, 3529, 3541, 3554), paris (3675, 4399),
    /// shanghai (3651, 3855, 3860, 4895), cancun (1153, 4788, 4844, 5656, 6780, 7516).
    @Test func eachForkAddsItsEIPs() {
        #expect(Fork.berlin.eips.map(\.number) == [])
        #expect(Fork.london.eips.map(\.number) == [1559, 3198, 3529, 3541, 3554])
        #expect(Fork.paris.eips.map(\.number) == [3675, 4399])
        #expect(Fork.shanghai.eips.map(\.number) == [3651, 3855, 3860, 4895])
        #expect(Fork.cancun.eips.map(\.number) == [1153, 4788, 4844, 5656, 6780, 7516])
        // prague/__init__.py (EIP-2537, 2935, 6110, 7002, 7251, 7623, 7685, 7691, 7702; 7549 and 7840
        // change only the consensus layer and config files); osaka/__init__.py (EIP-7594, 7823, 7825,
        // 7883, 7918, 7934, 7939, 7951; 7892, 7642 and 7910 are BPO scheduling, networking and RPC).
        #expect(Fork.prague.eips.map(\.number) == [2537, 2935, 6110, 7002, 7251, 7623, 7685, 7691, 7702])
        #expect(Fork.osaka.eips.map(\.number) == [7594, 7823, 7825, 7883, 7918, 7934, 7939, 7951])
        #expect(Fork.allCases.filter { !$0.isImplemented }.isEmpty)
        #expect(Fork.latest == .osaka)                     // mainnet since December 2025
    }

    @Test func aForkIsItsParentPlusItsEIPs() {
        #expect(Fork.berlin.parent == nil)
        for fork in Fork.allCases {
            if let parent = fork.parent { #expect(parent.rawValue == fork.rawValue - 1) }
            for eip in EIP.allCases {
                let expected = Fork.allCases.contains { $0 <= fork && $0.eips.contains(eip) }
                #expect(fork.has(eip) == expected, "\(fork) \(eip)")
            }
        }
        // Each EIP is introduced by exactly one fork.
        for eip in EIP.allCases { #expect(Fork.allCases.filter { $0.eips.contains(eip) }.count == 1, "\(eip)") }
    }

    /// The named rules switch on in the fork each EIP shipped in (mainnet activation).
    @Test func namedRulesFollowTheirEIP() {
        let rules: [(String, (Fork) -> Bool, Fork)] = [
            ("EIP-1559 fee market", { $0.hasFeeMarket }, .london),
            ("EIP-3198 BASEFEE", { $0.hasBaseFee }, .london),
            ("EIP-3529 refunds", { $0.hasReducedRefunds }, .london),
            ("EIP-3541 0xEF code", { $0.rejectsEFCode }, .london),
            ("EIP-4399 PREVRANDAO", { $0.hasPrevRandao }, .paris),
            ("EIP-3651 warm coinbase", { $0.hasWarmCoinbase }, .shanghai),
            ("EIP-3860 init code", { $0.limitsInitCode }, .shanghai),
            ("EIP-6780 SELFDESTRUCT", { $0.restrictsSelfDestruct }, .cancun),
            ("EIP-4844 blobs", { $0.hasBlobs }, .cancun),
        ]
        for (name, rule, from) in rules {
            for fork in Fork.allCases { #expect(rule(fork) == (fork >= from), "\(name) under \(fork)") }
        }
    }

    /// Opcodes that appear after Berlin: EIP-3198 (London), EIP-3855 (Shanghai), EIP-1153, 5656,
    /// 4844 and 7516 (Cancun), EIP-7939 (Osaka).
    @Test(arguments: Fork.allCases)
    func opcodeAvailability(fork: Fork) {
        let t = InstructionTable.forFork(fork)
        let from: [(UInt8, Fork)] = [(0x48, .london), (0x5f, .shanghai), (0x5c, .cancun), (0x5d, .cancun),
                                     (0x5e, .cancun), (0x49, .cancun), (0x4a, .cancun), (0x1e, .osaka)]
        for (op, first) in from {
            #expect(t[op].isDefined == (fork >= first), "0x\(String(op, radix: 16)) under \(fork)")
            #expect((t.definition(op) != nil) == (fork >= first))
        }
        // Never assigned in these forks (0x0c-0x0f, 0x21, 0xef, 0xf6, 0xfb).
        for op: UInt8 in [0x0c, 0x0f, 0x21, 0x4b, 0xa5, 0xef, 0xf6, 0xfb] { #expect(!t[op].isDefined) }
        // Yellow Paper appendix H: 142 opcodes in Berlin; +BASEFEE, +PUSH0, +5 in Cancun, +CLZ in Osaka.
        let count: [Fork: Int] = [.berlin: 142, .london: 143, .paris: 143, .shanghai: 144, .cancun: 149, .prague: 149, .osaka: 150]
        #expect(t.definitions.compactMap { $0 }.count == count[fork])
        #expect((0...255).filter { t[UInt8($0)].isDefined }.count == count[fork])
        // EIP-4399 renames 0x44.
        #expect(t.definition(0x44)?.name == (fork >= .paris ? "PREVRANDAO" : "DIFFICULTY"))
    }

    /// Static gas, from execution-specs `vm/gas.py` (GAS_VERY_LOW 3, GAS_LOW 5, GAS_MID 8,
    /// GAS_HIGH 10, GAS_BASE 2, GAS_JUMPDEST 1, GAS_EXPONENTIATION 10, GAS_KECCAK256 30,
    /// GAS_BLOCK_HASH 20, GAS_WARM_ACCESS 100, GAS_CREATE 32000, GAS_SELF_DESTRUCT 5000,
    /// GAS_LOG 375 + GAS_LOG_TOPIC 375 each), EIP-1884 (SELFBALANCE 5), EIP-1153 (TLOAD/TSTORE
    /// 100), EIP-4844 (HASH_OPCODE_GAS 3), EIP-5656 (MCOPY 3), EIP-3855/3198/7516 (2).
    @Test(arguments: Fork.allCases)
    func staticGas(fork: Fork) {
        let t = InstructionTable.forFork(fork)
        var expected: [UInt8: Int32] = [
            0x00: 0, 0x01: 3, 0x02: 5, 0x04: 5, 0x08: 8, 0x0a: 10, 0x0b: 5, 0x10: 3, 0x1d: 3,
            0x20: 30, 0x30: 2, 0x31: 100, 0x35: 3, 0x37: 3, 0x3b: 100, 0x3c: 100, 0x3f: 100,
            0x40: 20, 0x44: 2, 0x47: 5, 0x50: 2, 0x51: 3, 0x54: 100, 0x55: 0, 0x56: 8, 0x57: 10,
            0x5a: 2, 0x5b: 1, 0x60: 3, 0x7f: 3, 0x80: 3, 0x8f: 3, 0x90: 3, 0x9f: 3, 0xa0: 375,
            0xa2: 1125, 0xa4: 1875, 0xf0: 32000, 0xf1: 100, 0xf3: 0, 0xf4: 100, 0xf5: 32000,
            0xfa: 100, 0xfd: 0, 0xff: 5000,
        ]
        if fork >= .london { expected[0x48] = 2 }
        if fork >= .shanghai { expected[0x5f] = 2 }
        if fork >= .cancun { expected.merge([0x5c: 100, 0x5d: 100, 0x5e: 3, 0x49: 3, 0x4a: 2]) { $1 } }
        if fork >= .osaka { expected[0x1e] = 5 }   // EIP-7939: CLZ at GAS_LOW
        for (op, gas) in expected {
            #expect(t[op].gas == gas, "0x\(String(op, radix: 16)) under \(fork)")
            #expect(t.definition(op)?.gas == gas)
        }
    }

    /// Yellow Paper appendix H (δ items in, α out) and EIP-5656/1153 for the new ones; the
    /// interpreter's stack bounds follow: inputs ≤ height ≤ 1024 − max(0, α − δ).
    @Test func stackArity() {
        let t = InstructionTable.forFork(.cancun)
        let arity: [UInt8: (Int, Int)] = [
            0x01: (2, 1), 0x08: (3, 1), 0x15: (1, 1), 0x20: (2, 1), 0x3c: (4, 0), 0x50: (1, 0),
            0x57: (2, 0), 0x5e: (3, 0), 0x5c: (1, 1), 0x5d: (2, 0), 0x5f: (0, 1), 0x7f: (0, 1),
            0x80: (1, 2), 0x8f: (16, 17), 0x90: (2, 2), 0x9f: (17, 17), 0xa4: (6, 0), 0xf1: (7, 1),
            0xf2: (7, 1), 0xf4: (6, 1), 0xf5: (4, 1), 0xfa: (6, 1), 0xff: (1, 0),
        ]
        for (op, (inputs, outputs)) in arity {
            let d = t.definition(op)
            #expect(d?.inputs == inputs && d?.outputs == outputs, "0x\(String(op, radix: 16))")
            #expect(Int(t[op].minStack) == inputs)
            #expect(Int(t[op].maxStack) == 1024 - max(0, outputs - inputs))
        }
    }

    /// The dynamic-gas kind of a sample, from the charges the Yellow Paper and EIPs list.
    @Test func dynamicGasKinds() {
        let t = InstructionTable.forFork(.cancun)
        let kinds: [UInt8: DynamicGas] = [
            0x01: .none, 0x0a: .exp, 0x20: .keccak256, 0x31: .coldAccount, 0x37: .copy, 0x3c: .extCodeCopy,
            0x51: .memoryExpansion, 0x54: .coldSload, 0x55: .sstore, 0x5c: .none, 0x5e: .copy,
            0xa0: .log, 0xf0: .create, 0xf1: .call, 0xf3: .memoryExpansion, 0xf5: .create2, 0xff: .selfdestruct,
        ]
        for (op, kind) in kinds { #expect(t.definition(op)?.dynamicGas == kind, "0x\(String(op, radix: 16))") }
    }

    /// Every definition is declared once, for a byte and an EIP a fork has.
    @Test func definitionsAreUnique() {
        var seen = Set<String>()
        for spec in Opcodes.all {
            let key = "\(spec.opcode)/\(spec.since?.number ?? 0)"
            let fresh = seen.insert(key).inserted
            #expect(fresh, "\(spec.name) twice")
            if let eip = spec.since { #expect(Fork.introducing(eip) != nil, "\(spec.name): \(eip) in no fork") }
        }
    }

    /// The listing people and tools read: one line per opcode the fork defines.
    @Test func listing() {
        let cancun = InstructionTable.forFork(.cancun).listing.split(separator: "\n")
        #expect(cancun.count == 149)
        #expect(cancun.contains("0x5f PUSH0 in=0 out=1 gas=2 dynamic=none since=EIP-3855"))
        #expect(cancun.contains("0x01 ADD in=2 out=1 gas=3 dynamic=none"))
        #expect(cancun.contains("0xa2 LOG2 in=4 out=0 gas=1125 dynamic=log"))
        #expect(!InstructionTable.forFork(.london).listing.contains("PUSH0"))
        #expect(Opcode.name(0x44) == "PREVRANDAO" && Opcode.byName("DIFFICULTY") == 0x44)
        #expect(Opcode.name(0x7f) == "PUSH32" && Opcode.byName("SWAP16") == 0x9f)
    }

    /// Precompiles 0x01-0x09 in every fork (Frontier to Istanbul); 0x0a, point evaluation,
    /// from Cancun (EIP-4844, POINT_EVALUATION_PRECOMPILE_ADDRESS = 0x0a); BLS12-381 at 0x0b-0x11
    /// from Prague (EIP-2537, BLS12_G1ADD … BLS12_MAP_FP2_TO_G2); 0x100, P256VERIFY, from Osaka (EIP-7951).
    @Test func precompilesPerFork() {
        for fork in Fork.allCases {
            let lows = PrecompileRegistry(fork: fork).addresses.map(\.lo)
            let bls: [UInt32] = fork >= .prague ? Array(0x0b...0x11) : []
            let osaka: [UInt32] = fork >= .osaka ? [0x100] : []
            #expect(lows == (1...(fork >= .cancun ? 10 : 9)).map { UInt32($0) } + bls + osaka, "\(fork)")
        }
    }
}
