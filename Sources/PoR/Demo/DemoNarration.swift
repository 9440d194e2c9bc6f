import ABI
import EVM
import Harness
import Primitives
import UInt256

/// How the demo words things: lines, headings, action lines with their gas, amounts in BTC,
/// accounts by name, custom errors and events decoded with their parameter names.
extension DemoRunner {
    func say(_ style: DemoLine.Style, _ text: String) {
        let line = DemoLine(style, text)
        if !sections.isEmpty { sections[sections.count - 1].lines.append(line) }
        emit(line)
    }

    func emitAll(_ lines: [DemoLine]) {
        for line in lines { say(line.style, line.text) }
    }

    /// Starts section `n` (a new `DemoSection`), moving the clock to `time` first.
    func heading(_ n: Int, _ title: String, at time: UInt64? = nil) {
        if let time { advance(to: time) }
        say(.blank, "")
        sections.append(DemoSection(number: n, title: title, time: time))
        let head = "── \(n). \(title) "
        // On a narrow terminal the block number goes first, then the clock, so that the rule stays one line.
        let clocks = time == nil ? [""] : [" \(DemoFormat.clock(now)), block \(DemoFormat.grouped(String(chain.block.number))) ──",
                                           " \(DemoFormat.clock(now)) ──", ""]
        let clock = clocks.first { head.count + $0.count + 3 <= headingWidth } ?? ""
        let fill = max(3, headingWidth - head.count - clock.count)
        say(.heading, head + String(repeating: "─", count: fill) + clock)
    }

    func actionLine(_ ok: Bool, _ label: String, gas: UInt64) {
        let text = "  \(ok ? "✓" : "✗") " + DemoFormat.left(label, Self.labelWidth) + " gas " + DemoFormat.right(DemoFormat.gas(gas), 9)
        say(ok ? .success : .refused, text)
    }

    func wiringLine(_ key: String, _ label: String) {
        actionLine(true, label, gas: chain.gasReport[key]?.last ?? 0)
    }

    func stateLine(mintable: Bool) throws {
        let s = try supply(), r = try reserves()
        var text = "    supply \(btc(s)) / reserves \(btc(r)) = collateral \(DemoFormat.ratio(reserves: r, supply: s))"
        if mintable, let m = try? uint(por.token.read("mintableAmount")) { text += "; mintable now \(btc(m))" }
        say(.detail, text)
    }

    func btc(_ amount: UInt64) -> String { DemoFormat.units(amount, decimals: PoRDemo.decimals) + " " + PoRDemo.symbol }

    func who(_ a: Address) -> String {
        names[a].map { "\($0) \(DemoFormat.short(a))" } ?? DemoFormat.short(a)
    }

    static func name(_ i: UInt64, _ list: [String]) -> String { i < list.count ? "(\(list[Int(i)]))" : "(?)" }

    static let amountNames: Set<String> = ["supplyAfterMint", "reserves", "supply", "value", "balance", "needed", "allowance"]
    static let timeNames: Set<String> = ["updatedAt", "blockTimestamp"]

    /// An argument shown with its name: amounts in BTC, addresses by who they are, times in UTC.
    func argument(_ name: String, _ v: ABIValue) -> String {
        let shown: String
        switch v {
        case .uint(let u) where Self.amountNames.contains(name) && u.fitsInUInt64: shown = btc(u.w0)
        case .address(let a): shown = who(a)
        case .uint(let u) where name == "readingStatus" && u.fitsInUInt64: shown = "\(u.w0) \(Self.name(u.w0, Self.statuses))"
        case .uint(let u) where Self.timeNames.contains(name) && u.fitsInUInt64: shown = DemoFormat.utc(u.w0)
        case .uint(let u) where name == "heartbeat" && u.fitsInUInt64: shown = DemoFormat.duration(u.w0)
        default: shown = v.description
        }
        return name.isEmpty ? shown : "\(name): \(shown)"
    }

    /// "ReservesExceeded(supplyAfterMint: 910 BTC, reserves: 600 BTC)".
    func describe(_ reason: RevertReason?, abi: ContractABI) -> String {
        guard let reason else { return "(no reason)" }
        guard case .custom(let name, let signature, let args) = reason else { return reason.description }
        let params = abi.errors.first { $0.signature == signature }?.inputs.map(\.name) ?? []
        let shown = args.enumerated().map { i, v in argument(i < params.count ? params[i] : "", v) }
        return name + "(" + shown.joined(separator: ", ") + ")"
    }

    func errorSignature(_ reason: RevertReason?) -> String {
        if case .custom(_, let signature, _)? = reason { return signature }
        return reason?.description ?? "?"
    }

    /// "Paused(account: breaker 0x…)" with the emitter's name in front.
    func describe(_ e: DecodedEvent) -> String {
        let emitter = names[e.address] ?? DemoFormat.short(e.address)
        return "\(emitter).\(e.name)(" + e.fields.map { argument($0.name, $0.value) }.joined(separator: ", ") + ")"
    }
}
