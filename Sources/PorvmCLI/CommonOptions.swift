import ArgumentParser
import EVM
import UInt256
import Primitives
#if canImport(Glibc)
import Glibc
#endif


/// Reads `HEX` or `@FILE` (a file holding hex text, at most `BoundedFile.maxBytes`).
func readHexArgument(_ value: String, what: String) throws -> [UInt8] {
    var text = value
    if value.hasPrefix("@") {
        let path = String(value.dropFirst())
        do { text = try BoundedFile.readText(path) } catch { throw CLIError("\(what) file: \(error)") }
    }
    // Whitespace inside files (line breaks) is not meaningful.
    text.removeAll { $0.isWhitespace }
    do {
        return try Hex.decodeStrict(text)
    } catch {
        throw CLIError("\(what): \(error)")
    }
}

func parseFork(_ name: String) throws -> Fork {
    guard let fork = Fork(name: name) else {
        throw CLIError("unknown fork '\(name)' (supported: \(Fork.allCases.map(\.description).joined(separator: ", ")))")
    }
    return fork
}

/// Where `run` and `bench` put the code and who calls it.
enum CallSetup {
    static let sender = Address(hi: 0x1000_0000_0000_0000, mid: 0, lo: 0)
    static let contract = Address(hi: 0x2000_0000_0000_0000, mid: 0, lo: 0)

    static func makeEVM(code: [UInt8], fork: Fork) -> EVM {
        let state = WorldState()
        state.setAccount(sender, Account(balance: U256(w0: 0, w1: 1, w2: 0, w3: 0)))
        state.setAccount(contract, Account(nonce: 1, code: Bytecode(code)))
        return EVM(fork: fork, state: state)
    }

    /// The largest `--gas` of `run` and `bench`. Memory costs gas quadratically, so this also
    /// bounds what a program can allocate: about 730 MB across 1,024 nested frames at most.
    static let maxGas: Int64 = 1_000_000_000

    static func checkGas(_ gas: Int64) throws {
        guard (0...maxGas).contains(gas) else { throw CLIError("gas must be between 0 and \(maxGas), got \(gas)") }
    }

    static func message(input: [UInt8], gas: Int64) -> Message {
        Message(gas: gas, recipient: contract, sender: sender, input: input)
    }
}
