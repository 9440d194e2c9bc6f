import EVM
import ABI
import Primitives
import UInt256

/// Text of a recorded call tree, in the manner of Foundry's `-vvvv` traces:
///
///     tx WBTC.mint from 0x… (status success, gasUsed 61234)
///     [39012] WBTC::mint(to: alice, amount: 100)
///     ├─ [6873] PoRAggregator::latestRoundData() [staticcall]
///     │  └─ ← [Return] roundId: 1, answer: 160, startedAt: 1, updatedAt: 1, answeredInRound: 1
///     ├─ emit Transfer(from: 0x0…, to: alice, value: 100)
///     └─ ← [Stop]
///
/// Callees and addresses by contract or account name when the chain knows them, functions, arguments, return values,
/// custom errors and events decoded with their ABIs; gas in brackets is what each frame used.
struct CallTreeRenderer {
    let chain: Chain

    func lines(for e: CallTreeWatcher.Entry) -> [String] {
        let tx = e.transaction
        var head = "\(tx.readOnly ? "call" : "tx") \(tx.label) from \(name(tx.sender))"
        if let o = e.outcome { head += " (\(o.status), gasUsed \(o.gasUsed))" } else { head += " (rejected before it ran)" }
        guard let root = e.root else { return [head] }
        return [head] + node(root)
    }

    /// The node's line, then its calls, logs and result, each under a branch.
    func node(_ n: CallNode) -> [String] {
        var out = [callLine(n)]
        var children: [[String]] = n.items.map {
            switch $0 {
            case .call(let c): return node(c)
            case .log(let l): return [eventText(l)]
            }
        }
        children.append([resultText(n)])
        for (i, lines) in children.enumerated() {
            let last = i == children.count - 1
            for (j, line) in lines.enumerated() {
                out.append((j == 0 ? (last ? "└─ " : "├─ ") : (last ? "   " : "│  ")) + line)
            }
        }
        return out
    }

    func callLine(_ n: CallNode) -> String {
        let m = n.message
        var s = "[\(n.gasUsed)] "
        if m.kind.isCreate {
            s += "new \(name(n.createdAddress ?? m.recipient))"
        } else {
            s += name(m.recipient) + "::" + callText(m)
        }
        if m.transfersValue && !m.value.isZero { s += " {value: \(m.value)}" }
        switch m.kind {
        case .staticCall: s += " [staticcall]"
        case .delegateCall: s += " [delegatecall]"
        case .callCode: s += " [callcode]"
        case .create2: s += " [create2]"
        case .call, .create: break
        }
        return s
    }

    /// `function(name: value, …)` when the code's ABI has the selector, else the raw call data.
    func callText(_ m: Message) -> String {
        if let p = Self.precompiles[m.codeAddress] { return p + "(" + Hex.encode(m.input, prefix: true) + ")" }
        guard !m.input.isEmpty else { return "receive()" }
        if let f = abi(m.codeAddress)?.function(selector: Array(m.input.prefix(4))) ?? abi(m.recipient)?.function(selector: Array(m.input.prefix(4))),
           let values = try? f.decodeInput(m.input) {
            return f.name + "(" + fields(f.inputs.map(\.name), values) + ")"
        }
        return "fallback(" + Hex.encode(m.input, prefix: true) + ")"
    }

    func resultText(_ n: CallNode) -> String {
        guard let status = n.status else { return "← (did not end)" }
        if status.isSuccess {
            if n.message.kind.isCreate { return "← [Return] \(chain.code(at: n.createdAddress ?? n.message.recipient).count) bytes of code" }
            if n.output.isEmpty { return "← [Stop]" }
            let m = n.message
            if m.input.count >= 4, let f = abi(m.codeAddress)?.function(selector: Array(m.input.prefix(4))) ?? abi(m.recipient)?.function(selector: Array(m.input.prefix(4))),
               let values = try? f.decodeOutput(n.output) {
                return "← [Return] " + fields(f.outputs.map(\.name), values)
            }
            return "← [Return] " + Hex.encode(n.output, prefix: true)
        }
        if status == .revert { return "← [Revert] " + revertText(n.output, at: n.message.codeAddress) }
        return "← [\(status)]"
    }

    /// A custom error with its parameters' names (`ReservesExceeded(supplyAfterMint: …, reserves: …)`),
    /// else what `RevertReason` makes of the data.
    func revertText(_ data: [UInt8], at address: Address) -> String {
        let abis = chain.abisForErrors(preferring: abi(address))
        if data.count >= 4 {
            for a in abis {
                if let e = a.error(selector: Array(data.prefix(4))),
                   let values = try? ABI.decode(Array(data.dropFirst(4)), as: e.inputs.map(\.type)) {
                    return e.name + "(" + fields(e.inputs.map(\.name), values) + ")"
                }
            }
        }
        return RevertReason(data: data, abis: abis).description
    }

    func eventText(_ l: Log) -> String {
        if let e = chain.decode(l) { return "emit " + e.name + "(" + fields(e.names, e.values) + ")" }
        return "emit log(topics: [" + l.topics.map(\.hexString).joined(separator: ", ") + "], data: "
            + Hex.encode(l.data, prefix: true) + ") from \(name(l.address))"
    }

    /// `name: value, …`; an address the chain has a name for shows the name (`to: alice`).
    func fields(_ names: [String], _ values: [ABIValue]) -> String {
        zip(names + Array(repeating: "", count: max(0, values.count - names.count)), values).map { n, v in
            var text = v.description
            if case .address(let a) = v, let known = knownName(a) { text = known }
            return n.isEmpty ? text : "\(n): \(text)"
        }.joined(separator: ", ")
    }

    func abi(_ a: Address) -> ContractABI? { chain.known[a]?.abi }

    /// The precompiles by address (Yellow Paper appendix E; EIP-196, EIP-197, EIP-152, EIP-4844).
    static let precompiles: [Address: String] = {
        let names = ["ecrecover", "sha256", "ripemd160", "identity", "modexp", "ecAdd", "ecMul", "ecPairing", "blake2f", "pointEvaluation"]
        var m: [Address: String] = [:]
        for (i, n) in names.enumerated() { m[Address(hi: 0, mid: 0, lo: UInt32(i + 1))] = n }
        return m
    }()

    func name(_ a: Address) -> String {
        if Self.precompiles[a] != nil { return "precompile" }
        return knownName(a) ?? a.description
    }

    /// A contract's or test account's name.
    func knownName(_ a: Address) -> String? {
        chain.known[a]?.name ?? chain.accounts.first(where: { $0.address == a })?.name
    }
}
