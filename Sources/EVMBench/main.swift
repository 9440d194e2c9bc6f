// EVMBench: release-mode micro-benchmarks. Run `swift run -c release EVMBench <family>`.
// To add a family: write a `YourBench.swift` with a `static func run(_ args: [String])`
// and register it in `families` below.

let families: [(name: String, summary: String, run: ([String]) -> Void)] = [
    ("arith", "U256 division-family ops and EXP, native limbs vs GMP mpn", ArithmeticBench.run),
    ("keccak", "Keccak-256 throughput at 32 B, 136 B, 1 KiB, 64 KiB", KeccakBench.run),
    ("jumpdest", "Bytecode analysis of 24 KiB codes: push-heavy, JUMPDEST-dense, zeros", JumpdestBench.run),
    ("memory", "MSTORE/MLOAD in bounds and expanding, through the interpreter", MemoryBench.run),
    ("calls", "a contract calling another 1000 times: per-call frame overhead", CallsBench.run),
    ("interp", "dispatch-heavy loops: ns per EVM instruction", InterpBench.run),
    ("curves", "BN254 pairing (0x08) and KZG point evaluation (0x0a)", CurvesBench.run),
    ("bls", "EIP-2537 BLS12-381 precompiles (0x0b-0x11): µs per call beside their gas", BLSBench.run),
]

func usage() {
    print("usage: EVMBench <family> [args...] | all")
    for f in families { print("  \(pad(f.name, 10)) \(f.summary)") }
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case nil, "help", "-h", "--help":
    usage()
case "all":
    for f in families { f.run([]) }
case let name?:
    if let f = families.first(where: { $0.name == name }) {
        f.run(Array(args.dropFirst()))
    } else {
        print("unknown benchmark family '\(name)'")
        usage()
        exit(2)
    }
}
