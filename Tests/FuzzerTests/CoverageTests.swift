import Testing
import EVM
import Fuzzer
import Primitives
import UInt256

// Expected edges are read off the hand-assembled bytecode below, not from running it.

/// Two JUMPI sites and one JUMP, on the call data word x:
///   x == 0: JUMPI@0x06 not taken (to 0x07), STOP
///   x == 1: JUMPI@0x06 taken to 0x0a, JUMPI@0x10 taken to 0x13, JUMP@0x16 to 0x18, STOP
///   x >= 2: JUMPI@0x06 taken to 0x0a, JUMPI@0x10 not taken (to 0x11), STOP
let twoBranches: [UInt8] = [
    0x60, 0x00,        // 00 PUSH1 0
    0x35,              // 02 CALLDATALOAD         x
    0x80,              // 03 DUP1                 x x
    0x60, 0x0a,        // 04 PUSH1 0x0a
    0x57,              // 06 JUMPI                if x != 0 goto 0x0a
    0x50,              // 07 POP
    0x00,              // 08 STOP
    0x00,              // 09 STOP
    0x5b,              // 0a JUMPDEST             x
    0x60, 0x01,        // 0b PUSH1 1
    0x14,              // 0d EQ                   x == 1
    0x60, 0x13,        // 0e PUSH1 0x13
    0x57,              // 10 JUMPI                if x == 1 goto 0x13
    0x00,              // 11 STOP
    0x00,              // 12 STOP
    0x5b,              // 13 JUMPDEST
    0x60, 0x18,        // 14 PUSH1 0x18
    0x56,              // 16 JUMP
    0x00,              // 17 STOP
    0x5b,              // 18 JUMPDEST
    0x00,              // 19 STOP
]

/// A loop of 100 iterations (counter at the stack top), one JUMPI per iteration:
/// taken back to 0x03 99 times, not taken once.
let loop100: [UInt8] = [
    0x60, 0x64,        // 00 PUSH1 100
    0x5b,              // 02 JUMPDEST
    0x60, 0x01,        // 03 PUSH1 1
    0x90,              // 05 SWAP1
    0x03,              // 06 SUB                  n - 1
    0x80,              // 07 DUP1
    0x60, 0x02,        // 08 PUSH1 0x02
    0x57,              // 0a JUMPI                if n != 0 goto 0x02
    0x00,              // 0b STOP
]

struct Rig {
    let state = WorldState()
    let evm: EVM
    let coverage: EdgeCoverage
    let sender = Address(word: U256(0xaaaa))

    init() {
        evm = EVM(fork: .cancun, state: state)
        let state = self.state
        coverage = EdgeCoverage(codeHash: { state.account($0) == nil ? nil : state.code($0).hash })
    }

    func install(_ code: [UInt8], at a: UInt64) -> Address {
        let address = Address(word: U256(a))
        state.setCode(address, Bytecode(code))
        return address
    }

    @discardableResult
    func call(_ to: Address, x: UInt64) -> CallResult {
        let input = U256(x).bigEndianBytes
        return evm.execute(Message(gas: 1_000_000, recipient: to, sender: sender, input: input), inspector: coverage)
    }
}

@Suite struct CoverageTests {
    let key = Edge.codeKey(Bytecode(twoBranches).hash)
    func branch(_ pc: UInt32, _ dest: UInt32) -> Edge { Edge(code: key, pc: pc, dest: dest, isBranch: true) }
    func jump(_ pc: UInt32, _ dest: UInt32) -> Edge { Edge(code: key, pc: pc, dest: dest, isBranch: false) }

    @Test func branchSitesCountJUMPIOpcodesNotPushData() {
        #expect(ContractCoverage.branchSites(in: twoBranches) == 2)
        #expect(ContractCoverage.branchSites(in: [0x60, 0x57, 0x57, 0x7f] + [UInt8](repeating: 0x57, count: 32)) == 1)
        #expect(ContractCoverage.branchSites(in: []) == 0)
    }

    @Test func eachInputReachesItsBranchesAndTheRunsAddUp() {
        let rig = Rig()
        let c = rig.install(twoBranches, at: 0x1000)
        var global = CoverageMap()

        #expect(rig.call(c, x: 0).status.isSuccess)
        #expect(rig.coverage.runEdges == [branch(0x06, 0x07)])
        #expect(rig.coverage.merge(into: &global) == 1)

        rig.coverage.resetRun()
        rig.call(c, x: 1)
        #expect(rig.coverage.runEdges == [branch(0x06, 0x0a), branch(0x10, 0x13), jump(0x16, 0x18)])
        #expect(rig.coverage.newEdges(against: global).count == 3)
        #expect(rig.coverage.merge(into: &global) == 3)
        #expect(global.coverage(of: Bytecode(twoBranches))
                == ContractCoverage(branchEdgesSeen: 3, branchEdgesPossible: 4, jumpEdgesSeen: 1))

        // The same input again reaches nothing new.
        rig.coverage.resetRun()
        rig.call(c, x: 1)
        #expect(!rig.coverage.hasNewEdges(against: global))

        // x = 2 shares the first branch with x = 1; only JUMPI@0x10's fall-through is new.
        rig.coverage.resetRun()
        rig.call(c, x: 2)
        #expect(rig.coverage.newEdges(against: global) == [branch(0x10, 0x11)])
        rig.coverage.merge(into: &global)
        let full = global.coverage(of: Bytecode(twoBranches))
        #expect(full == ContractCoverage(branchEdgesSeen: 4, branchEdgesPossible: 4, jumpEdgesSeen: 1))
        #expect(full.fraction == 1)
        #expect(global.count == 5)
    }

    @Test func aRunAccumulatesItsCallsUntilReset() {
        let rig = Rig()
        let c = rig.install(twoBranches, at: 0x1000)
        rig.call(c, x: 0)
        rig.call(c, x: 2)
        #expect(rig.coverage.runEdges == [branch(0x06, 0x07), branch(0x06, 0x0a), branch(0x10, 0x11)])
        rig.coverage.resetRun()
        #expect(rig.coverage.runEdges.isEmpty)
        rig.call(c, x: 0)   // the cleared slots record again
        #expect(rig.coverage.runEdges == [branch(0x06, 0x07)])
    }

    @Test func aLoopRecordsEachEdgeOnce() {
        let rig = Rig()
        let c = rig.install(loop100, at: 0x2000)
        #expect(rig.call(c, x: 0).status.isSuccess)
        let k = Edge.codeKey(Bytecode(loop100).hash)
        #expect(rig.coverage.runEdges == [Edge(code: k, pc: 0x0a, dest: 0x02, isBranch: true),
                                          Edge(code: k, pc: 0x0a, dest: 0x0b, isBranch: true)])
    }

    @Test func coverageIsPerCodeHashNotPerAddress() {
        let rig = Rig()
        let a = rig.install(twoBranches, at: 0x1000)
        let b = rig.install(twoBranches, at: 0x1001)
        var global = CoverageMap()
        rig.call(a, x: 0)
        rig.coverage.merge(into: &global)
        rig.coverage.resetRun()
        rig.call(b, x: 0)
        #expect(rig.coverage.runEdges == [branch(0x06, 0x07)])
        #expect(!rig.coverage.hasNewEdges(against: global))
    }

    /// A caller that CALLs the two-branch contract with x = 1 and then runs its own JUMPI: the
    /// callee's edges carry the callee's code, and the caller's key is back after the call.
    @Test func nestedCallsKeyEdgesByTheRunningCode() {
        let rig = Rig()
        let callee = rig.install(twoBranches, at: 0x1000)
        let caller: [UInt8] = [
            0x60, 0x01, 0x60, 0x00, 0x52,   // 00 MSTORE(0, 1)
            0x60, 0x00, 0x60, 0x00,         // 05 retSize 0, retOffset 0
            0x60, 0x20, 0x60, 0x00,         // 09 argsSize 32, argsOffset 0
            0x60, 0x00,                     // 0d value 0
            0x61, 0x10, 0x00,               // 0f callee 0x1000
            0x5a,                           // 12 GAS
            0xf1,                           // 13 CALL -> 1 on success
            0x60, 0x18,                     // 14 PUSH1 0x18
            0x57,                           // 16 JUMPI taken
            0x00,                           // 17 STOP
            0x5b, 0x00,                     // 18 JUMPDEST STOP
        ]
        let a = rig.install(caller, at: 0x3000)
        #expect(rig.call(a, x: 0).status.isSuccess)
        _ = callee
        let ck = Edge.codeKey(Bytecode(caller).hash)
        #expect(rig.coverage.runEdges == [branch(0x06, 0x0a), branch(0x10, 0x13), jump(0x16, 0x18),
                                          Edge(code: ck, pc: 0x16, dest: 0x18, isBranch: true)])
    }

    /// Init code runs before any code is at its address: its edges carry the init code's hash.
    @Test func initCodeIsKeyedByItsOwnHash() {
        let rig = Rig()
        // PUSH1 1, PUSH1 0x05, JUMPI (taken), JUMPDEST at 0x05, STOP: deploys empty code.
        let initCode: [UInt8] = [0x60, 0x01, 0x60, 0x05, 0x57, 0x5b, 0x00]
        let message = Message(kind: .create, gas: 1_000_000, recipient: Address(word: U256(0x5000)),
                              sender: rig.sender, input: initCode)
        #expect(rig.evm.execute(message, inspector: rig.coverage).status.isSuccess)
        #expect(rig.coverage.runEdges == [Edge(code: Edge.codeKey(Bytecode(initCode).hash), pc: 0x04, dest: 0x05, isBranch: true)])
    }

    @Test func anOversizedJumpDestinationIsClampedNotTrapped() {
        let rig = Rig()
        // PUSH32 2^256-1, JUMP: an invalid jump, recorded with the clamped destination.
        let code: [UInt8] = [0x7f] + [UInt8](repeating: 0xff, count: 32) + [0x56]
        let c = rig.install(code, at: 0x4000)
        #expect(!rig.call(c, x: 0).status.isSuccess)
        #expect(rig.coverage.runEdges == [Edge(code: Edge.codeKey(Bytecode(code).hash), pc: 0x21, dest: .max, isBranch: false)])
        // JUMP on an empty stack (a stack underflow) records nothing.
        let empty = rig.install([0x56], at: 0x4001)
        rig.coverage.resetRun()
        rig.call(empty, x: 0)
        #expect(rig.coverage.runEdges.isEmpty)
    }

    @Test func sortedEdgesAreInAFixedOrder() {
        var global = CoverageMap()
        global.merge([branch(0x10, 0x13), branch(0x06, 0x0a), jump(0x16, 0x18), branch(0x06, 0x07)])
        #expect(global.sortedEdges == [branch(0x06, 0x07), branch(0x06, 0x0a), branch(0x10, 0x13), jump(0x16, 0x18)])
    }
}
