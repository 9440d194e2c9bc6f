import Testing
import EVMCrypto
import Primitives
import UInt256
@testable import Simulator

/// The file keys of the attestation and self-reported sources, the address list and circulation.
@Suite struct SimulationFileSourcesTests {
    static let key = String(repeating: "11", count: 32)
    static let full = """
    duration: 2 d
    unit: USD
    feed_decimals: 2
    sources:
      - type: attestation
        name: vault
        account: acct 1
        unit: oz
        holdings: [{at: 0, amount: 10 oz}, {at: 1 d, amount: 12.5 oz}]
        cadence: 1 h
        lag: 5 min
        max_age: 3 h
        valuation: {price: 2000.50 USD, per: 1 oz}
        auditor_key: 0x\(key)
        faults: [{at: 2 h, kind: forged}, {at: 3 h, kind: unsigned}]
        stops_at: 1 d
      - type: self_reported
        name: issuer
        held: 5 USD
        claimed: [{at: 0, amount: 5 USD}, {at: 1 h, amount: 7 USD}]
      - type: bitcoin_custody
        holdings: {bc1a: 1 USD, bc1b: 2 USD}
    address_list:
      initial: [bc1a]
      changes:
        - {at: 1 h, add: bc1b}
        - {at: 2 h, remove: bc1a}
    circulation:
      bridges:
        - {at: 1 h, kind: to_remote, amount: 1 USD}
        - {at: 2 h, kind: to_home, amount: 0.5 USD}
        - {at: 3 h, kind: remote_mint, amount: 2 USD}
    """

    @Test func everyNewKeyMapsToTheConfigBuiltInSwift() throws {
        let c = try SimulationFile.parse(text: Self.full, path: "full.yaml")
        #expect(c.sources.count == 3)
        let a = try #require(c.sources.first as? Attestation)
        #expect(a.name == "vault" && a.account == "acct 1" && a.unit == "oz")
        // Attested amounts scale by the feed's 2 decimals like the file's: 10 oz → 1000, 12.5 oz → 1250.
        #expect(a.holdings.map(\.time) == [0, 86_400] && a.holdings.map(\.amount) == [U256(1_000), U256(1_250)])
        #expect(a.cadence == 3_600 && a.lag == 300 && a.maxAge == 10_800)
        #expect(a.valuation == .init(price: U256(200_050), per: U256(100)))
        // 10 oz at 2,000.50 USD: 20,005.00 USD, in cents.
        #expect(a.reserves(at: 0) == U256(2_000_500) && a.reading(at: 300) == U256(2_000_500))
        #expect(a.auditor == Secp256k1.address(ofPrivateKey: [UInt8](repeating: 0x11, count: 32)))
        // Statements as of 0, 1 h, ..., 24 h; the ones as of 2 h and 3 h forged and unsigned.
        #expect(a.statements.count == 25 && a.statements.last?.asOf == 86_400)
        #expect(a.statements[2].signer != nil && a.statements[2].signer != a.auditor && a.statements[3].signature == nil)
        #expect(a.statements.enumerated().allSatisfy { $0 == 2 || $0 == 3 || $1.signer == a.auditor })
        let s = try #require(c.sources[1] as? SelfReported)
        #expect(s.name == "issuer" && s.trust == .selfReported)
        #expect(s.held.map(\.amount) == [U256(500)] && s.claimed.map(\.time) == [0, 3_600] && s.claimed.map(\.amount) == [U256(500), U256(700)])
        #expect(c.addressList == .init(initial: ["bc1a"], changes: [.add("bc1b", at: 3_600), .remove("bc1a", at: 7_200)]))
        #expect(c.circulation == .init(bridges: [.init(.toRemote, U256(100), at: 3_600), .init(.toHome, U256(50), at: 7_200),
                                                 .init(.remoteMint, U256(200), at: 10_800)]))
    }

    @Test func attestationDefaultsAndTheDerivedAuditorKey() throws {
        let text = "duration: 3 d\nunit: BTC\nsources: [{type: attestation, holdings: 100 BTC}]\ncirculation: {}"
        let c = try SimulationFile.parse(text: text, path: "x.yaml")
        let a = try #require(c.sources.first as? Attestation)
        // Daily statements to the end of the run, each usable until the next is due.
        #expect(a.name == "attestation" && a.account == "attestation" && a.unit == "BTC" && a.valuation == nil)
        #expect(a.cadence == 86_400 && a.lag == 0 && a.maxAge == 86_400 && a.statements.count == 4)
        #expect(a.reading(at: 0) == U256(10_000_000_000))
        let derived = Keccak256.hash(Array("porvm simulated auditor: attestation".utf8))
        #expect(a.auditor == Secp256k1.address(ofPrivateKey: derived))
        let other = try #require(try SimulationFile.parse(text: text.replacingOccurrences(of: "holdings", with: "name: b, holdings"),
                                                          path: "x.yaml").sources.first as? Attestation)
        #expect(other.auditor != a.auditor)
        #expect(c.circulation == .init(bridges: []) && c.addressList == nil)
    }

    /// Statements are signed as the file is read: their number is bounded over all attestations.
    @Test func statementsAreBoundedOverAllAttestations() throws {
        func file(_ count: Int) -> String {
            "duration: 5000\nsources:\n" + String(repeating: "  - {type: attestation, unit: oz, holdings: 1, cadence: 1}\n", count: count)
        }
        // 5,001 statements each (as of 0 ... 5,000): one source fits in 10,000, two do not.
        #expect((try SimulationFile.parse(text: file(1), path: "x.yaml")).sources.count == 1)
        do {
            _ = try SimulationFile.parse(text: file(2), path: "x.yaml")
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("x.yaml:4, field 'sources[1].cadence': 5001 statements; at most 10000 over all attestations"))
        }
    }

    @Test func anAddressListNeedsCustodyAddresses() {
        let text = "sources: [{type: self_reported, held: 1}]\naddress_list: {initial: [a]}"
        #expect(throws: (any Error).self) { try SimulationFile.parse(text: text, path: "x.yaml") }
        do {
            _ = try SimulationFile.parse(text: text, path: "x.yaml")
        } catch {
            #expect("\(error)" == "x.yaml:2, field 'address_list': lists custody addresses: needs a bitcoin_custody source")
        }
    }

    /// (a change to the full file, the field the error must name, text on its line, words of the message)
    static let badCases: [(String, String, String, String, String)] = [
        ("    valuation: {price: 2000.50 USD, per: 1 oz}\n", "", "sources[0].unit", "unit: oz", "give a valuation"),
        ("per: 1 oz", "per: 0 oz", "sources[0].valuation.per", "valuation:", "must be positive"),
        ("per: 1 oz", "per: 1 USD", "sources[0].valuation.per", "valuation:", "not the attested unit 'oz'"),
        ("per: 1 oz}", "per: 1 oz, currency: x}", "sources[0].valuation.currency", "valuation:", "unknown field"),
        ("amount: 10 oz", "amount: 10 USD", "sources[0].holdings[0].amount", "holdings:", "not the attested unit"),
        ("{at: 0, amount: 10 oz}", "{at: 1 h, amount: 10 oz}", "sources[0].holdings[0].at", "holdings:", "must be at 0"),
        ("{at: 1 d, amount: 12.5 oz}", "{at: 0, amount: 12.5 oz}", "sources[0].holdings[1].at", "holdings:", "must ascend"),
        ("cadence: 1 h", "cadense: 1 h", "sources[0].cadense", "cadense", "unknown field"),
        ("cadence: 1 h", "cadence: 5 s", "sources[0].cadence", "cadence", "at most 10000"),
        ("max_age: 3 h", "max_age: 0", "sources[0].max_age", "max_age", "must be positive"),
        ("0x\(key)", "0x12", "sources[0].auditor_key", "auditor_key", "32 bytes"),
        ("0x\(key)", "0x" + String(repeating: "0", count: 64), "sources[0].auditor_key", "auditor_key", "not a valid secp256k1 key"),
        ("{at: 2 h, kind: forged}", "{at: 90 min, kind: forged}", "sources[0].faults[0].at", "faults:", "not the time of a statement"),
        ("{at: 2 h, kind: forged}", "{at: 2 d, kind: forged}", "sources[0].faults[0].at", "faults:", "up to 86400 s"),
        ("kind: unsigned", "kind: lost", "sources[0].faults[1].kind", "faults:", "forged or unsigned"),
        ("stops_at: 1 d", "stops_at: 1 fortnight", "sources[0].stops_at", "stops_at", "unknown unit"),
        ("held: 5 USD", "hold: 5 USD", "sources[1].hold", "hold:", "unknown field"),
        ("{at: 1 h, amount: 7 USD}", "{at: 0, amount: 7 USD}", "sources[1].claimed[1].at", "claimed:", "must ascend"),
        ("held: 5 USD", "held: []", "sources[1].held", "held:", "an empty list"),
        ("initial: [bc1a]", "initial: [bc1a, bc1a]", "address_list.initial[1]", "initial:", "listed twice"),
        ("add: bc1b", "add: \"bc1 b\"", "address_list.changes[0].add", "add:", "printable ASCII"),
        ("add: bc1b", "add: " + String(repeating: "b", count: 91), "address_list.changes[0].add", "add:", "1 to 90"),
        ("{at: 2 h, remove: bc1a}", "{at: 2 h}", "address_list.changes[1]", "{at: 2 h}", "one of add"),
        ("{at: 2 h, remove: bc1a}", "{at: 2 h, remove: bc1a, add: x}", "address_list.changes[1]", "remove: bc1a, add", "one of add"),
        ("kind: to_home", "kind: sideways", "circulation.bridges[1].kind", "sideways", "to_remote, to_home or remote_mint"),
        ("amount: 2 USD", "amount: 2 BTC", "circulation.bridges[2].amount", "remote_mint", "not the file's unit"),
        ("amount: 2 USD}", "amount: 2 USD, fee: 1}", "circulation.bridges[2].fee", "fee: 1", "unknown field"),
        ("circulation:\n", "circulation:\n  minted: 1\n", "circulation.minted", "minted", "unknown field"),
        ("{at: 1 h, kind: to_remote, amount: 1 USD}", "{kind: to_remote, amount: 1 USD}", "circulation.bridges[0].at", "{kind: to_remote", "missing the time"),
    ]

    @Test(arguments: 0..<badCases.count) func eachBadFieldNamesTheFileLineAndField(_ i: Int) {
        let (from, to, field, lineText, words) = Self.badCases[i]
        let text = Self.full.replacingOccurrences(of: from, with: to)
        #expect(text != Self.full, "case \(i) changes nothing")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (lines.firstIndex { $0.contains(lineText) } ?? -1) + 1
        do {
            _ = try SimulationFile.parse(text: text, path: "bad.yaml")
            Issue.record("case \(i): no error")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("bad.yaml:\(line), field '\(field)': "), "case \(i): \(message)")
            #expect(message.contains(words), "case \(i): \(message)")
        }
    }

    @Test func aJSONFileReadsTheSameKeys() throws {
        let c = try SimulationFile.parse(text: """
            {"unit": "oz", "feed_decimals": 0,
             "sources": [{"type": "attestation", "holdings": [{"at": 0, "amount": "7 oz"}], "cadence": "12 h", "stops_at": "1 d"}],
             "circulation": {"bridges": [{"at": "1 h", "kind": "remote_mint", "amount": 3}]}}
            """, path: "gold.json")
        let a = try #require(c.sources.first as? Attestation)
        #expect(a.statements.count == 3 && a.reading(at: 0) == U256(7))
        #expect(c.circulation == .init(bridges: [.init(.remoteMint, U256(3), at: 3_600)]))
    }
}

/// `--until` past the file's duration: the override reaches the sources before they are built.
@Suite struct DurationOverrideTests {
    static let text = """
    name: gold
    unit: oz
    duration: 2 d
    sources:
      - {type: attestation, account: vault, unit: oz, holdings: 100 oz, cadence: 1 d}
    """

    @Test func attestationStatementsCoverTheLongerRun() throws {
        let asRead = try SimulationFile.parse(text: Self.text, path: "gold.yaml")
        let longer = try SimulationFile.parse(text: Self.text, path: "gold.yaml", duration: 5 * 86_400)
        #expect(asRead.duration == 2 * 86_400 && longer.duration == 5 * 86_400)
        // Daily statements as of 0, 1 d, ... up to the run's end (inclusive).
        #expect((asRead.sources.first as? Attestation)?.statements.last?.asOf == 2 * 86_400)
        #expect((longer.sources.first as? Attestation)?.statements.last?.asOf == 5 * 86_400)
        #expect(longer.name == "gold" && longer.unit == "oz")
    }

    /// A shorter run keeps the file valid: a signing fault at a statement past its end is still a
    /// statement of the file's run.
    @Test func aShorterRunKeepsLateFaultsValid() throws {
        let late = Self.text.replacingOccurrences(of: "cadence: 1 d}", with: "cadence: 1 d, faults: [{at: 2 d, kind: forged}]}")
        let shorter = try SimulationFile.parse(text: late, path: "gold.yaml", duration: 86_400)
        #expect(shorter.duration == 86_400)
        #expect((shorter.sources.first as? Attestation)?.statements.last?.asOf == 2 * 86_400)
    }
}
