import Testing
@testable import EVM
import Primitives
import UInt256

/// CREATE/CREATE2 and SELFDESTRUCT. Sources: Yellow Paper §7 (address = keccak(rlp([sender,
/// nonce]))[12:]), EIP-1014 examples, EIP-3860 (init code limit 49152, 2 gas per word),
/// EIP-3541 (no new code starting 0xEF), EIP-170 (24576-byte code limit), EIP-6780.
@Suite struct CreateTests {
    // EIP-1014 "Examples": (address, salt, init_code, gas before EIP-3860, result).
    static let eip1014: [(String, String, String, Int64, String)] = [
        ("0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000000000000000000000000000", "0x00", 32006, "0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"),
        ("0xdeadbeef00000000000000000000000000000000", "0x0000000000000000000000000000000000000000000000000000000000000000", "0x00", 32006, "0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3"),
        ("0xdeadbeef00000000000000000000000000000000", "0x000000000000000000000000feed000000000000000000000000000000000000", "0x00", 32006, "0xD04116cDd17beBE565EB2422F2497E06cC1C9833"),
        ("0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000000000000000000000000000", "0xdeadbeef", 32006, "0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e"),
        ("0x00000000000000000000000000000000deadbeef", "0x00000000000000000000000000000000000000000000000000000000cafebabe", "0xdeadbeef", 32006, "0x60f3f640a8508fC6a86d45DF051962668E1e8AC7"),
        ("0x00000000000000000000000000000000deadbeef", "0x00000000000000000000000000000000000000000000000000000000cafebabe", "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef", 32012, "0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C"),
        ("0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000000000000000000000000000", "0x", 32000, "0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0"),
    ]

    @Test func create2AddressEIP1014Examples() {
        for (i, (sender, salt, code, _, result)) in Self.eip1014.enumerated() {
            #expect(EVM.create2Address(sender: addr(sender), salt: w(salt), initCode: bytes(code)) == addr(result), "example \(i)")
        }
    }

    @Test func create2OpcodeEIP1014Examples() {
        for (i, (sender, salt, code, gas, result)) in Self.eip1014.enumerated() {
            let initCode = bytes(code)
            // The creator at `sender`: put the init code in memory, CREATE2(0, 0, len, salt).
            let creator = storeInMemory(initCode) + asm("PUSH32 \(salt) \(initCode.count) 0 0 CREATE2") + returnTop
            for fork in [Fork.london, .cancun] {
                let evm = makeEVM(code: [], fork: fork)
                install(evm, creator, at: addr(sender))
                let rec = StepRecorder()
                let r = call(evm, to: addr(sender), gas: 1_000_000, inspector: rec)
                #expect(r.status == .success)
                // The child frame runs at the EIP's address whether or not the init code succeeds.
                #expect(rec.calls.first?.message.recipient == addr(result), "example \(i) \(fork)")
                #expect(rec.calls.first?.message.kind == .create2)
                // init code 0x00 / empty succeeds; 0xdeadbeef… hits an invalid opcode and fails.
                let succeeds = initCode.first != 0xde
                #expect(word(r.output) == (succeeds ? addr(result).word : .zero), "example \(i) \(fork)")
                if succeeds {
                    // The EIP's gas (32000 + 6 per word hashed), plus EIP-3860's 2 per word from Shanghai.
                    let words = Int64((initCode.count + 31) / 32)
                    #expect(rec.cost(of: "CREATE2") == gas + (fork >= .shanghai ? 2 * words : 0), "example \(i) \(fork) gas")
                    #expect(evm.state.nonce(addr(result)) == 1)                      // EIP-161
                }
            }
        }
    }

    @Test func createAddressFromSenderAndNonce() {
        // The widely quoted example (sender 0x6ac7…dbf0, nonces 0–3); cross-checked with the
        // execution specs' compute_contract_address.
        let s = addr("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0")
        #expect(EVM.createAddress(sender: s, nonce: 0) == addr("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"))
        #expect(EVM.createAddress(sender: s, nonce: 1) == addr("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"))
        #expect(EVM.createAddress(sender: s, nonce: 2) == addr("0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91"))
        #expect(EVM.createAddress(sender: s, nonce: 3) == addr("0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c"))
        // Mainnet's deposit contract 0x00000000219ab540356cBB839Cbe05303d7705Fa was the first
        // contract of 0xb20a608c624ca5003905aa834de7156c68b2e1d0 (nonce 0).
        let d = addr("0xb20a608c624ca5003905aa834de7156c68b2e1d0")
        #expect(EVM.createAddress(sender: d, nonce: 0) == addr("0x00000000219ab540356cbb839cbe05303d7705fa"))
        // RLP of larger nonces (single byte < 0x80, then length-prefixed), values from the
        // execution specs' compute_contract_address.
        #expect(EVM.createAddress(sender: d, nonce: 0x7f) == addr("0xf4bbf059c1273c61dbc2b4049d20b6c8d02a6f91"))
        #expect(EVM.createAddress(sender: d, nonce: 0x80) == addr("0x40ef63d70dd790be41533fc53a85d043a5abe6f5"))
        #expect(EVM.createAddress(sender: d, nonce: 0xff) == addr("0x231ae0cfacb4cc63c4ef7c2540cd088cca597700"))
        #expect(EVM.createAddress(sender: d, nonce: 0x100) == addr("0x7b80fa3b8041f33c17f648168db5591b77f53fcb"))
        #expect(EVM.createAddress(sender: d, nonce: 0xffff_ffff) == addr("0x3194dc9bc05ef6ea8cf91b656b32976406413083"))
    }

    /// Init code that returns `runtime` (at most 32 bytes).
    func initReturning(_ runtime: [UInt8]) -> [UInt8] {
        storeInMemory(runtime) + asm("\(runtime.count) 0 RETURN")
    }

    /// Creator: put `initCode` in memory, CREATE with `value`, return the result word.
    func creator(_ initCode: [UInt8], value: UInt64 = 0, op: String = "CREATE") -> [UInt8] {
        storeInMemory(initCode) + asm("\(op == "CREATE2" ? "0 " : "")\(initCode.count) 0 \(value) \(op)") + returnTop
    }

    @Test func createOpcodeDeploysAtTheNonceAddress() {
        // Addr.contract has nonce 1; addresses from the execution specs' compute_contract_address.
        let runtime = asm("42") + returnTop
        let evm = makeEVM(code: creator(initReturning(runtime), value: 3) + [], contractBalance: w(10))
        let r = call(evm)
        let created = addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f")
        #expect(word(r.output) == created.word)
        #expect(evm.state.code(created).bytes == runtime)
        #expect(evm.state.balance(created) == w(3))
        #expect(evm.state.nonce(created) == 1)
        #expect(evm.state.nonce(Addr.contract) == 2)
        // The next creation uses nonce 2.
        #expect(word(call(evm).output) == addr("0xb331ac21bc5d6328cedcfe237b4e30b7f5e2d83b").word)
        // The new contract runs.
        #expect(word(call(evm, to: created).output) == w(42))
    }

    @Test func createGas() {
        // Empty init code under Berlin/London: 32000, nothing else (memory untouched).
        let rec = StepRecorder()
        call(makeEVM(code: asm("0 0 0 CREATE STOP"), fork: .london), inspector: rec)
        #expect(rec.cost(of: "CREATE") == Int64(32000))
        // Code deposit: 200 per byte of returned code (Yellow Paper G_codedeposit).
        let runtime: [UInt8] = [0x60, 0x01, 0x00, 0x00, 0x00]
        let initCode = initReturning(runtime)
        let initGas: Int64 = 18  // PUSH32 3, PUSH1 3, MSTORE 3 + 1 word 3, PUSH1 ×2 6, RETURN 0
        let rec2 = StepRecorder()
        let evm = makeEVM(code: creator(initCode), fork: .london)
        call(evm, inspector: rec2)
        #expect(rec2.cost(of: "CREATE") == Int64(32000 + initGas + 200 * 5))
    }

    @Test func createFailsWithInsufficientBalance() {
        let evm = makeEVM(code: creator(initReturning([0x00]), value: 11), contractBalance: w(10))
        let r = call(evm)
        #expect(r.status == .success)
        #expect(word(r.output) == .zero)
        #expect(evm.state.nonce(Addr.contract) == 1)       // not incremented
    }

    @Test func create2CollisionFails() {
        // The same salt and init code twice: the second CREATE2 targets an account with nonce 1.
        let initCode = initReturning([0x00])
        let code = storeInMemory(initCode) + asm("0 \(initCode.count) 0 0 CREATE2 0 SSTORE 0 \(initCode.count) 0 0 CREATE2 1 SSTORE STOP")
        let (r, evm) = run(code)
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) != .zero)
        #expect(evm.state.storage(Addr.contract, w(1)) == .zero)
        #expect(evm.state.nonce(Addr.contract) == 3)      // EIP-684: the nonce still increments
    }

    // MARK: EIP-3860

    /// Creator with an all-zero init code of `size` bytes (STOP at once, empty contract).
    func zeroInitCreate(_ size: Int) -> [UInt8] {
        asm("\(size) 0 0 CREATE") + returnTop
    }

    @Test func initCodeLimitFromShanghai() {
        // 49152 bytes: allowed, and charged 2 gas per word (1536 words → 3072).
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("0 \(49152 - 1) MSTORE8") + zeroInitCreate(49152), fork: .shanghai)
        let ok = call(evm, gas: 10_000_000, inspector: rec)
        #expect(ok.status == .success)
        #expect(word(ok.output) != .zero)
        #expect(rec.cost(of: "CREATE") == Int64(32000 + 2 * 1536))
        // 49153 bytes: out of gas for the creating frame (EIP-3860).
        let (big, _) = run(zeroInitCreate(49153), gas: 10_000_000, fork: .shanghai)
        #expect(big.status == .outOfGas)
        #expect(big.gasLeft == 0)
        // Same under Cancun and via CREATE2.
        #expect(run(asm("0 49153 0 0 CREATE2 STOP"), gas: 10_000_000).result.status == .outOfGas)
        // Before Shanghai there is no limit and no word charge.
        let rec2 = StepRecorder()
        let evm2 = makeEVM(code: asm("0 \(49153 - 1) MSTORE8") + zeroInitCreate(49153), fork: .london)
        let l = call(evm2, gas: 10_000_000, inspector: rec2)
        #expect(l.status == .success)
        #expect(word(l.output) != .zero)
        #expect(rec2.cost(of: "CREATE") == Int64(32000))
    }

    // MARK: EIP-3541 and EIP-170

    @Test func codeStartingWithEFIsRejectedFromLondon() {
        let efInit = initReturning([0xef])
        for fork in [Fork.london, .shanghai, .cancun] {
            let (r, evm) = run(creator(efInit), fork: fork)
            #expect(r.status == .success)
            #expect(word(r.output) == .zero, "\(fork)")
            #expect(evm.state.code(addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f")).isEmpty)
        }
        // Berlin accepts it.
        let (b, _) = run(creator(efInit), fork: .berlin)
        #expect(word(b.output) == addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f").word)
        // Only the first byte matters: 0xfe… and …ef are fine.
        #expect(word(run(creator(initReturning([0xfe]))).result.output) != .zero)
        #expect(word(run(creator(initReturning([0x00, 0xef]))).result.output) != .zero)
        #expect(word(run(creator(initReturning([0xef, 0x00]))).result.output) == .zero)
    }

    @Test func codeSizeLimit() {
        // Init code returning n zero bytes from memory.
        func sized(_ n: Int) -> [UInt8] { asm("\(n) 0 RETURN") }
        let (ok, evm) = run(creator(sized(24576)), gas: 10_000_000)
        let created = addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f")
        #expect(word(ok.output) == created.word)
        #expect(evm.state.code(created).count == 24576)
        let (big, evm2) = run(creator(sized(24577)), gas: 10_000_000)
        #expect(big.status == .success)
        #expect(word(big.output) == .zero)
        #expect(evm2.state.code(created).isEmpty)
        #expect(evm2.state.nonce(created) == 0)
    }

    @Test func revertingInitCodeReturnsData() {
        // A failed CREATE pushes 0; after REVERT the init code's revert data is the return data.
        let initCode = asm("0xbeef 0 MSTORE 32 0 REVERT")
        let code = storeInMemory(initCode) + asm("\(initCode.count) 0 0 CREATE 0 SSTORE RETURNDATASIZE 1 SSTORE STOP")
        let (r, evm) = run(code)
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == .zero)
        #expect(evm.state.storage(Addr.contract, w(1)) == w(32))
    }

    // MARK: SELFDESTRUCT (EIP-6780)

    @Test func selfdestructOfPreexistingContractOnlyMovesBalance() {
        let beneficiary = Addr.third
        let code = asm("\(beneficiary.word.hexString) SELFDESTRUCT")
        let (r, evm) = run(code, contractBalance: w(100))
        #expect(r.status == .success)
        #expect(evm.state.balance(beneficiary) == w(100))
        #expect(evm.state.balance(Addr.contract) == .zero)
        #expect(evm.state.exists(Addr.contract))
        #expect(evm.state.code(Addr.contract).bytes == code)
        // Pre-Cancun the account is deleted at the end of the transaction.
        let (_, old) = run(code, fork: .shanghai, contractBalance: w(100))
        #expect(!old.state.exists(Addr.contract))
        #expect(old.state.balance(beneficiary) == w(100))
    }

    @Test func selfdestructInCreatingTransactionDeletes() {
        // A creates C (runtime: SELFDESTRUCT to Addr.third) with 50 wei, then calls C.
        let runtime = asm("\(Addr.third.word.hexString) SELFDESTRUCT")
        let initCode = storeInMemory(runtime) + asm("\(runtime.count) 0 RETURN")
        let code = storeInMemory(initCode) + asm("\(initCode.count) 0 50 CREATE DUP1 0 SSTORE 0 0 0 0 0 DUP6 GAS CALL STOP")
        let (r, evm) = run(code, gas: 1_000_000, contractBalance: w(80))
        #expect(r.status == .success)
        let created = Address(word: evm.state.storage(Addr.contract, .zero))
        #expect(created == addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f"))
        #expect(!evm.state.exists(created))
        #expect(evm.state.balance(Addr.third) == w(50))
        #expect(evm.state.balance(Addr.contract) == w(30))
    }

    @Test func selfdestructInInitCodeDeletes() {
        // Init code that self-destructs at once to Addr.third: created in this transaction → deleted.
        let initCode = asm("\(Addr.third.word.hexString) SELFDESTRUCT")
        let (r, evm) = run(creator(initCode, value: 7), contractBalance: w(10))
        #expect(r.status == .success)
        let created = addr("0x65c5a75a9a2ee647a8775ef5e154105b4be25b6f")
        #expect(word(r.output) == created.word)
        #expect(!evm.state.exists(created))
        #expect(evm.state.balance(Addr.third) == w(7))
    }

    @Test func selfdestructGas() {
        // 5000; + 2600 for a cold beneficiary; + 25000 if it is dead and value moves (EIP-2929, EIP-161).
        let rec = StepRecorder()
        call(makeEVM(code: asm("\(Addr.third.word.hexString) SELFDESTRUCT"), contractBalance: w(1)), inspector: rec)
        #expect(rec.cost(of: "SELFDESTRUCT") == Int64(5000 + 2600 + 25000))
        let rec2 = StepRecorder()
        call(makeEVM(code: asm("\(Addr.third.word.hexString) SELFDESTRUCT")), inspector: rec2)
        #expect(rec2.cost(of: "SELFDESTRUCT") == Int64(5000 + 2600))
        let rec3 = StepRecorder()
        call(makeEVM(code: asm("CALLER SELFDESTRUCT"), contractBalance: w(1)), inspector: rec3)
        #expect(rec3.cost(of: "SELFDESTRUCT") == Int64(5000))            // the sender is warm and alive
    }
}

/// Issue 9: `Bytecode.hash` was a lazily written cache shared across threads (the shared
/// `Bytecode.empty` is read by parallel statetest workers through EXTCODEHASH). It is now worked
/// out in init; ThreadSanitizer over the state tests (scripts/tsan-statetest.sh) reports nothing.
@Suite struct BytecodeHashTests {
    @Test func hashIsKeccakOfTheCode() {
        // keccak256("") and keccak256(0x00): the well-known empty hash and the hash of one zero byte.
        #expect(Bytecode.empty.hash == w("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"))
        #expect(Bytecode([0]).hash == w("0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a"))
    }

    @Test func readersOnManyThreadsAgree() async {
        let code = Bytecode(Array(repeating: 0x5b, count: 10_000))
        let hashes = await withTaskGroup(of: U256.self) { group in
            for _ in 0..<16 { group.addTask { code.hash } }
            var all: [U256] = []
            for await h in group { all.append(h) }
            return all
        }
        #expect(Set(hashes.map(\.hexString)).count == 1)
    }
}
