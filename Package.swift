// swift-tools-version:6.0
import PackageDescription

// Hot-path targets: exclusivity checks cost measurable time in the interpreter loop,
// and our buffers are owned by one frame at a time (see Interpreter.swift).
// Measured (valgrind instructions per call, branch `perf`): with exclusivity checked,
// snailtracer +12.4% and swap_math +10.5% (the dynamic checks sit on the WorldState
// dictionaries behind SLOAD/SSTORE), the pure-interpreter cases within 0.2%.
// -Ounchecked was measured too and is NOT used: within ±0.5% on every case measured
// (snailtracer -0.15%, weierstrudel/15 +0.45%), because the hot paths already use wrapping
// (&+) arithmetic and unsafe pointers; keeping -O keeps overflow and bounds traps as a
// safety net in the code that is not hot, and no code relies on them for correctness.
let fastFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

// The interpreter target also keeps stack-item loads and stores limb-sized (8 bytes). Left alone,
// LLVM reads items with 16-byte vector loads (ISZERO, EQ, JUMPI's condition, DUP/SWAP copies) and
// merges some limb stores into 16-byte ones, so a read spanning two narrower stores of the previous
// result cannot be store-forwarded and stalls (~12 cycles; chained ISZERO 5.6 -> 1.0 ns, EVMBench
// interp). -slp-threshold keeps the SLP vectorizer from pairing limbs; -combiner-store-merging=false
// stops the backend merging limb copies. Measured (branch `perf2`, anchors.py, quiet machine):
// sha1_shifts/5311 -30%, blake2b_shifts -14%, blake2b_huff -10%, memory_grow_mload/nogrow -41%,
// signextend -14%, snailtracer -4%, weierstrudel/15 -3%; valgrind instructions +0..+7% (item
// copies are 4+4 scalar moves instead of 2+2). Applying the same flags to UInt256 changed nothing
// measurable (weierstrudel/15, snailtracer), so the other targets keep their defaults.
let evmFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-Xllvm", "-slp-threshold=100000",
                  "-Xllvm", "-combiner-store-merging=false"], .when(configuration: .release)),
]

let package = Package(
    name: "porvm",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EVM", targets: ["EVM"]),
        .library(name: "Primitives", targets: ["Primitives"]),
        .library(name: "UInt256", targets: ["UInt256"]),
        .library(name: "EVMCrypto", targets: ["EVMCrypto"]),
        .library(name: "Ethereum", targets: ["Ethereum"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "Transition", targets: ["Transition"]),
        .library(name: "ABI", targets: ["ABI"]),
        .library(name: "Harness", targets: ["Harness"]),
        .library(name: "HarnessTesting", targets: ["HarnessTesting"]),
        .library(name: "PoR", targets: ["PoR"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "PoRScenario", targets: ["PoRScenario"]),
        .library(name: "Fuzzer", targets: ["Fuzzer"]),
        .library(name: "PoRFuzz", targets: ["PoRFuzz"]),
        .library(name: "Simulator", targets: ["Simulator"]),
        .library(name: "Views", targets: ["Views"]),
        .executable(name: "porvm", targets: ["porvm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, each behind a thin system-library target (pkg-config + Debian package).
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(name: "CSecp256k1", pkgConfig: "libsecp256k1", providers: [.apt(["libsecp256k1-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // 256-bit machine word: native limbs, GMP's mpn layer where it measured faster.
        .target(name: "UInt256", dependencies: ["CGMP"], swiftSettings: fastFlags),
        // Ethereum's vocabulary below the EVM and the ABI alike: Address, Log, hex, Keccak-256, RLP,
        // bounded reads of user files and printable messages.
        .target(name: "Primitives", dependencies: ["UInt256"], swiftSettings: fastFlags),
        // C-backed hashes, signature recovery and big-number primitives the EVM and the tools share.
        .target(name: "EVMCrypto", dependencies: ["CSecp256k1", "CLibCrypto", "CGMP", "UInt256", "Primitives"], swiftSettings: fastFlags),
        // Pairing-friendly curves for precompiles 0x06-0x08 and 0x0a. FieldTower holds what both
        // build the same way over their own prime field (Fp2/Fp6/Fp12, Jacobian points), as
        // @inlinable generics that each curve specialises.
        .target(name: "FieldTower", swiftSettings: fastFlags),
        .target(name: "BN254", dependencies: ["FieldTower"], swiftSettings: fastFlags),
        .target(name: "BLS12381", dependencies: ["FieldTower", "Primitives"], swiftSettings: fastFlags),

        // The interpreter, gas schedule per fork, journaled state, precompile registry.
        .target(name: "EVM", dependencies: ["Primitives", "UInt256", "EVMCrypto", "BN254", "BLS12381"], swiftSettings: evmFlags),

        // Ethereum data structures around the EVM: the Merkle Patricia Trie, transactions.
        .target(name: "Ethereum", dependencies: ["Primitives", "EVM", "UInt256", "EVMCrypto"], swiftSettings: fastFlags),
        // The official state tests: fixture decoding, per-case execution, parallel runs.
        .target(name: "Conformance", dependencies: ["Primitives", "Ethereum", "EVM", "UInt256"], swiftSettings: fastFlags),

        // The transition tool (`porvm t8n`, geth's `evm t8n` interface): a block applied to a
        // pre-state, with receipts, roots, system calls, withdrawals and requests.
        .target(name: "Transition", dependencies: ["Primitives", "Ethereum", "EVM", "EVMCrypto", "UInt256"], swiftSettings: fastFlags),

        // Solidity ABI: types, encoding and decoding, selectors, event topics, revert reasons.
        .target(name: "ABI", dependencies: ["Primitives", "UInt256"]),
        // A chain for contract developers' tests: artifacts, deploy/call/transact, cheats, expectations.
        .target(name: "Harness", dependencies: ["Primitives", "EVM", "Ethereum", "ABI", "UInt256", "EVMCrypto"]),
        // The bridge to Swift Testing (harness failures recorded at the failing call's line); only
        // test targets depend on it, so that the harness itself does not link the testing library.
        .target(name: "HarnessTesting", dependencies: ["Harness"]),

        // The Proof of Reserve contracts from Swift: fixtures, oracle committees signing reports, wired deployments.
        .target(name: "PoR", dependencies: ["Primitives", "Harness", "ABI", "EVM", "UInt256", "EVMCrypto"]),

        // Declarative scenario files (YAML or JSON) for those who do not write Swift: the engine
        // and its built-in steps; other steps come as plug-ins.
        .target(name: "Scenario", dependencies: ["Primitives", "Harness", "ABI", "EVM", "UInt256", "Yams"]),
        // PoR's scenario steps (setup_por, report, top-level oracles) as a Scenario plug-in: glue
        // between two siblings, so that neither PoR nor Scenario depends on the other.
        .target(name: "PoRScenario", dependencies: ["Scenario", "PoR", "Harness", "ABI", "EVM", "UInt256"]),
        // Stateful property fuzzing (`porvm fuzz`): a config's setup run by the scenario engine,
        // random call sequences from a snapshot, properties checked after every call, shrinking,
        // reproducers as scenario files. The PoR battery will be a layer above it, like PoRScenario.
        .target(name: "Fuzzer", dependencies: ["Scenario", "Harness", "ABI", "EVM", "Primitives", "UInt256"], swiftSettings: fastFlags),
        // The Proof of Reserve battery as a Fuzzer plug-in (`por:` properties, `porvm fuzz --preset por`):
        // above Fuzzer as PoRScenario is above Scenario, so that the fuzzer knows nothing of PoR.
        .target(name: "PoRFuzz", dependencies: ["Fuzzer", "PoRScenario", "PoR", "Scenario", "Harness", "ABI", "EVM", "Primitives", "UInt256"], swiftSettings: fastFlags),
        // `porvm simulate`'s core: a deterministic discrete-event run of reserves, the oracle
        // network and its update rule, and the real PoR contracts on a chain, with risk metrics.
        .target(name: "Simulator", dependencies: ["PoR", "Harness", "Scenario", "ABI", "EVM", "EVMCrypto", "Primitives", "UInt256"]),
        // Pages for a browser (`porvm simulate --html`): self-contained HTML with inline SVG, CSS
        // and JS, nothing fetched. Above the simulator; issue 12's transaction pages reuse HTMLPage.
        .target(name: "Views", dependencies: ["Simulator", "PoR", "Harness", "EVM", "ABI", "Primitives", "UInt256"]),

        // The command-line tool's commands, as a library so that tests can drive them.
        .target(name: "PorvmCLI", dependencies: [
            "Primitives", "EVM", "Ethereum", "Conformance", "Transition", "UInt256", "ABI", "Harness", "PoR", "Scenario", "PoRScenario", "Fuzzer", "PoRFuzz", "Simulator", "Views",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: fastFlags),
        .executableTarget(name: "porvm", dependencies: ["PorvmCLI"], swiftSettings: fastFlags),
        // Release-mode micro-benchmarks that decide native-vs-GMP and other layout choices.
        .executableTarget(name: "EVMBench", dependencies: ["Primitives", "UInt256", "EVMCrypto", "BN254", "EVM", "CGMP"], swiftSettings: fastFlags),

        .testTarget(name: "UInt256Tests", dependencies: ["UInt256"]),
        .testTarget(name: "PrimitivesTests", dependencies: ["Primitives", "UInt256"]),
        .testTarget(name: "EVMCryptoTests", dependencies: ["EVMCrypto", "Primitives"]),
        .testTarget(name: "BN254Tests", dependencies: ["BN254", "FieldTower"]),
        .testTarget(name: "BLS12381Tests", dependencies: ["BLS12381", "FieldTower"]),
        .testTarget(name: "EVMTests", dependencies: ["EVM", "Primitives"]),
        .testTarget(name: "EthereumTests", dependencies: ["Ethereum", "Primitives"]),
        .testTarget(name: "TransitionTests", dependencies: ["Transition", "Ethereum", "EVM", "Primitives", "UInt256"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Ethereum", "EVM"]),
        .testTarget(name: "ABITests", dependencies: ["ABI", "Primitives", "UInt256"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "HarnessTesting", "ABI", "Primitives", "Ethereum"]),
        .testTarget(name: "PoRTests", dependencies: ["PoR", "Harness", "ABI", "Primitives"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "PoRScenario", "PoR", "Harness", "ABI", "EVM", "UInt256", "Primitives"]),
        .testTarget(name: "FuzzerTests", dependencies: ["Fuzzer", "PoRScenario", "Scenario", "Harness", "ABI", "EVM", "Primitives", "UInt256"]),
        .testTarget(name: "PoRFuzzTests", dependencies: ["PoRFuzz", "Fuzzer", "EVM", "PoRScenario", "PoR", "Scenario", "Harness", "ABI", "Primitives", "UInt256"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "PoR", "Harness", "ABI", "Primitives", "UInt256"]),
        .testTarget(name: "ViewsTests", dependencies: ["Views", "PoR", "Simulator", "Harness", "EVM", "ABI", "Primitives", "UInt256"]),
        .testTarget(name: "PorvmCLITests", dependencies: ["PorvmCLI"], exclude: ["Fixtures", "KnownFailureFixtures", "FuzzFixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
