import ArgumentParser
import EVM
import UInt256
#if canImport(Glibc)
import Glibc
#endif


/// Reads `HEX` or `@FILE` (a file holding hex text).
func readHexArgument(_ value: String, what: String) throws -> [UInt8] {
    var text = value
    if value.hasPrefix("@") {
        let path = String(value.dropFirst())
        guard let contents = readTextFile(path) else { throw CLIError("cannot read \(what) file '\(path)'") }
        text = contents
    }
    // Whitespace inside files (line breaks) is not meaningful.
    text.removeAll { $0.isWhitespace }
    do {
        return try Hex.decodeStrict(text)
    } catch {
        throw CLIError("\(what): \(error)")
    }
}

func readTextFile(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        if n < buffer.count { break }
    }
    if ferror(f) != 0 { return nil }
    return String(decoding: bytes, as: UTF8.self)
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

    static func message(input: [UInt8], gas: Int64) -> Message {
        Message(gas: gas, recipient: contract, sender: sender, input: input)
    }
}
