import Foundation
import Testing
import EVM
@testable import Conformance

// The state-test runner on real fixtures (FixtureStrings.swift) and edited copies of them.
// Expected roots are the fixtures' own `hash` values.

private let add11Root = "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530"
private let tipTooHighRoot = "0x716ece27b2ad0ec9edbb6bd19f1c37b65f48f10d9c0251b309b14354353da8c7"
private let wrongRoot = "0x1111111111111111111111111111111111111111111111111111111111111111"

/// A fresh folder for one test's fixture files, removed when the value is released.
private final class FixtureFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-conformance-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

/// Collects the reports the runner hands to its callback (possibly from several threads).
private final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [String: StateTestRunner.FileReport] = [:]
    private var order: [String] = []
    func add(_ r: StateTestRunner.FileReport) {
        lock.lock(); defer { lock.unlock() }
        reports[r.path] = r
        order.append(r.path)
    }
    subscript(path: String) -> StateTestRunner.FileReport? {
        lock.lock(); defer { lock.unlock() }
        return reports[path]
    }
    var count: Int { lock.lock(); defer { lock.unlock() }; return order.count }
}

private func run(_ files: [String], fork: Fork? = nil, threads: Int = 1) -> ReportCollector {
    let collector = ReportCollector()
    StateTestRunner(options: .init(fork: fork, threads: threads)).run(files: files) { collector.add($0) }
    return collector
}

private func runOne(_ path: String, fork: Fork? = nil) throws -> StateTestRunner.FileReport {
    let c = run([path], fork: fork)
    #expect(c.count == 1)
    return try #require(c[path])
}

/// Edits a fixture file's JSON (test name → test object).
private func edited(_ json: String, _ body: (inout [String: Any]) throws -> Void) throws -> String {
    var file = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(file.count == 1)
    let name = try #require(file.keys.first)
    var test = try #require(file[name] as? [String: Any])
    try body(&test)
    file[name] = test
    let data = try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys])
    return try #require(String(data: data, encoding: .utf8))
}

/// Edits the one `post.Cancun[0]` case of a fixture.
private func editedCase(_ json: String, _ body: @escaping (inout [String: Any]) -> Void) throws -> String {
    try edited(json) { test in
        var post = try #require(test["post"] as? [String: Any])
        var cases = try #require(post["Cancun"] as? [[String: Any]])
        body(&cases[0])
        post["Cancun"] = cases
        test["post"] = post
    }
}

@Suite struct StateTestRunnerTests {
    @Test func realFixturePasses() throws {
        let folder = try FixtureFolder()
        let path = try folder.write("add11.json", add11FixtureJSON)
        let report = try runOne(path)
        #expect(report.error == nil)
        #expect(report.skipped == 0)
        #expect(report.results.count == 1)
        let r = try #require(report.results.first)
        #expect(r.pass, "\(r.failureLine)")
        #expect(r.error == nil)
        #expect(r.test == "add11")
        #expect(r.fork == "Cancun")
        #expect(r.file == path)
        #expect(r.indexes == (data: 0, gas: 0, value: 0))
        #expect(r.stateRoot == add11Root)
    }

    @Test func templateTransactionIsSignedWhenThereAreNoTxbytes() throws {
        // Without `txbytes` the runner builds the transaction from the template and `secretKey`.
        let folder = try FixtureFolder()
        let path = try folder.write("add11.json", editedCase(add11FixtureJSON) { $0["txbytes"] = nil })
        let r = try #require(try runOne(path).results.first)
        #expect(r.pass, "\(r.failureLine)")
        #expect(r.stateRoot == add11Root)
    }

    @Test func wrongExpectedRootFailsWithADescriptiveLine() throws {
        let folder = try FixtureFolder()
        let path = try folder.write("add11-wrong-root.json", editedCase(add11FixtureJSON) { $0["hash"] = wrongRoot })
        let report = try runOne(path)
        let r = try #require(report.results.first)
        #expect(!r.pass)
        #expect(r.stateRoot == add11Root)                        // the actual root
        let line = r.failureLine
        #expect(line.contains(path))
        #expect(line.contains("add11"))
        #expect(line.contains("Cancun"))
        #expect(line.contains("d=0 g=0 v=0"))
        #expect(line.contains(wrongRoot))                        // expected
        #expect(line.contains(add11Root))                        // actual
        #expect(line.range(of: wrongRoot)!.lowerBound < line.range(of: add11Root)!.lowerBound, "expected before actual")
    }

    @Test func wrongLogsHashFails() throws {
        let folder = try FixtureFolder()
        let path = try folder.write("add11-wrong-logs.json", editedCase(add11FixtureJSON) { $0["logs"] = wrongRoot })
        let r = try #require(try runOne(path).results.first)
        #expect(!r.pass)
        #expect(r.failureLine.contains(wrongRoot))
        #expect(r.stateRoot == add11Root)
    }

    @Test func indexesAreReported() throws {
        // A second data entry (index 1) with its own case: the failure line names its indexes.
        let folder = try FixtureFolder()
        let json = try edited(add11FixtureJSON) { test in
            var tx = try #require(test["transaction"] as? [String: Any])
            tx["data"] = ["0x", "0x00"]
            test["transaction"] = tx
            var post = try #require(test["post"] as? [String: Any])
            var cases = try #require(post["Cancun"] as? [[String: Any]])
            var second = cases[0]
            second["txbytes"] = nil
            second["indexes"] = ["data": 1, "gas": 0, "value": 0]
            second["hash"] = wrongRoot
            cases.append(second)
            post["Cancun"] = cases
            test["post"] = post
        }
        let path = try folder.write("add11-two-cases.json", json)
        let report = try runOne(path)
        #expect(report.results.count == 2)
        let failing = try #require(report.results.first { !$0.pass })
        #expect(failing.indexes == (data: 1, gas: 0, value: 0))
        #expect(failing.failureLine.contains("d=1 g=0 v=0"))
        #expect(report.results.filter(\.pass).count == 1)
    }

    @Test func expectedExceptionPassesWhenTheTransactionIsRejected() throws {
        let folder = try FixtureFolder()
        let path = try folder.write("tipTooHigh.json", tipTooHighFixtureJSON)
        let r = try #require(try runOne(path).results.first)
        #expect(r.pass, "\(r.failureLine)")
        #expect(r.stateRoot == tipTooHighRoot)
    }

    @Test func expectedExceptionFailsWhenTheTransactionIsAccepted() throws {
        // Same fixture, but the template's tip no longer exceeds the max fee (1000 = base fee):
        // the transaction is valid, so the case must fail although `expectException` is there.
        let folder = try FixtureFolder()
        let json = try edited(tipTooHighFixtureJSON) { test in
            var tx = try #require(test["transaction"] as? [String: Any])
            tx["maxPriorityFeePerGas"] = "0x03e8"
            test["transaction"] = tx
            var post = try #require(test["post"] as? [String: Any])
            var cases = try #require(post["Cancun"] as? [[String: Any]])
            cases[0]["txbytes"] = nil
            post["Cancun"] = cases
            test["post"] = post
        }
        let path = try folder.write("tipTooHigh-valid.json", json)
        let r = try #require(try runOne(path).results.first)
        #expect(!r.pass)
        #expect(r.error?.contains("expected exception") == true, "\(r.failureLine)")
        #expect(r.error?.contains("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS") == true)
    }

    @Test func unexpectedRejectionFails() throws {
        // The rejected transaction without `expectException`: the root still matches, yet it fails.
        let folder = try FixtureFolder()
        let path = try folder.write("tipTooHigh-no-exception.json",
                                    editedCase(tipTooHighFixtureJSON) { $0["expectException"] = nil })
        let r = try #require(try runOne(path).results.first)
        #expect(!r.pass)
        #expect(r.stateRoot == tipTooHighRoot)
        #expect(r.error?.contains("unexpected exception") == true)
        #expect(r.error?.contains("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS") == true)
    }

    @Test func undecodableTxbytesCountAsARejection() throws {
        let folder = try FixtureFolder()
        // expectException kept: garbage txbytes are rejected, the state stays the pre-state.
        let rejected = try folder.write("garbage-expected.json", editedCase(tipTooHighFixtureJSON) { $0["txbytes"] = "0x05c0" })
        #expect(try #require(try runOne(rejected).results.first).pass)
        // Without expectException the same garbage must fail.
        let unexpected = try folder.write("garbage-unexpected.json", editedCase(add11FixtureJSON) { $0["txbytes"] = "0x05c0" })
        let r = try #require(try runOne(unexpected).results.first)
        #expect(!r.pass)
        #expect(r.error?.contains("unexpected exception") == true)
    }

    @Test func corruptFileIsAFileErrorAndTheNextFileStillRuns() throws {
        let folder = try FixtureFolder()
        let truncated = try folder.write("a-truncated.json", String(add11FixtureJSON.prefix(add11FixtureJSON.count / 2)))
        let notAFixture = try folder.write("b-not-a-fixture.json", #"{"add11": {"env": 1}}"#)
        let missing = folder.url.appendingPathComponent("c-missing.json").path
        let good = try folder.write("d-good.json", add11FixtureJSON)
        for threads in [1, 2] {
            let reports = run([truncated, notAFixture, missing, good], threads: threads)
            #expect(reports.count == 4)
            let t = try #require(reports[truncated])
            #expect(t.results.isEmpty)
            #expect(t.error?.contains("corrupt JSON") == true, "\(t.error ?? "nil")")
            let n = try #require(reports[notAFixture])
            #expect(n.results.isEmpty)
            #expect(n.error != nil)
            let m = try #require(reports[missing])
            #expect(m.error == "cannot read file")
            let g = try #require(reports[good])
            #expect(g.error == nil)
            #expect(g.results.count == 1)
            #expect(g.results.first?.pass == true)
        }
    }

    @Test func unsupportedForkIsCountedAsSkipped() throws {
        let folder = try FixtureFolder()
        let json = try edited(add11FixtureJSON) { test in
            var post = try #require(test["post"] as? [String: Any])
            let cancun = try #require(post["Cancun"] as? [[String: Any]])
            post["Istanbul"] = cancun + cancun        // two cases of a fork the EVM does not implement
            test["post"] = post
        }
        let path = try folder.write("add11-istanbul.json", json)
        let report = try runOne(path)
        #expect(report.error == nil)
        #expect(report.skipped == 2)
        #expect(report.results.count == 1)
        #expect(report.results.allSatisfy { $0.fork == "Cancun" && $0.pass })
    }

    /// Prague posts run under Prague's rules (issue 13). add11 touches nothing Prague changes: the
    /// execution specs' t8n gives the same post-state root under Cancun and Prague.
    @Test func praguePostsRun() throws {
        let folder = try FixtureFolder()
        let json = try edited(add11FixtureJSON) { test in
            var post = try #require(test["post"] as? [String: Any])
            post["Prague"] = post["Cancun"]
            test["post"] = post
        }
        let path = try folder.write("add11-prague.json", json)
        let report = try runOne(path)
        #expect(report.results.map(\.fork).sorted() == ["Cancun", "Prague"])
        #expect(report.results.filter { !$0.pass }.isEmpty)
        #expect(report.skipped == 0)
        let prague = try runOne(path, fork: .prague)
        #expect(prague.results.map(\.fork) == ["Prague"])
    }

    @Test func forkOptionFilters() throws {
        let folder = try FixtureFolder()
        let json = try edited(add11FixtureJSON) { test in
            var post = try #require(test["post"] as? [String: Any])
            post["Shanghai"] = post["Cancun"]
            test["post"] = post
        }
        let path = try folder.write("add11-two-forks.json", json)

        let all = try runOne(path)
        #expect(Set(all.results.map(\.fork)) == ["Cancun", "Shanghai"])
        #expect(all.skipped == 0)

        let cancun = try runOne(path, fork: .cancun)
        #expect(cancun.results.map(\.fork) == ["Cancun"])
        #expect(cancun.results.first?.pass == true)
        #expect(cancun.skipped == 1)

        let shanghai = try runOne(path, fork: .shanghai)
        #expect(shanghai.results.map(\.fork) == ["Shanghai"])
        #expect(shanghai.skipped == 1)

        let prague = try runOne(path, fork: .prague)
        #expect(prague.results.isEmpty)
        #expect(prague.skipped == 2)
    }

    @Test func jsonLineHasTheResultFields() throws {
        let folder = try FixtureFolder()
        let good = try folder.write("add11.json", add11FixtureJSON)
        let bad = try folder.write("add11-wrong-root.json", editedCase(add11FixtureJSON) { $0["hash"] = wrongRoot })
        let reports = run([good, bad])

        let passing = try #require(reports[good]?.results.first)
        let p = try #require(JSONSerialization.jsonObject(with: Data(passing.json.utf8)) as? [String: Any])
        #expect(p["name"] as? String == "add11")
        #expect(p["pass"] as? Bool == true)
        #expect(p["fork"] as? String == "Cancun")
        #expect(p["stateRoot"] as? String == add11Root)
        #expect(p["error"] == nil || p["error"] is NSNull || (p["error"] as? String)?.isEmpty == true)
        #expect(!passing.json.contains("\n"))

        let failing = try #require(reports[bad]?.results.first)
        let f = try #require(JSONSerialization.jsonObject(with: Data(failing.json.utf8)) as? [String: Any])
        #expect(f["name"] as? String == "add11")
        #expect(f["pass"] as? Bool == false)
        #expect(f["fork"] as? String == "Cancun")
        #expect(f["stateRoot"] as? String == add11Root)
        let error = try #require(f["error"] as? String)
        #expect(error.contains(wrongRoot))
        #expect(!failing.json.contains("\n"))
    }

    @Test func jsonLineEscapesStrings() throws {
        let r = CaseResult(file: "dir/\"q\".json", test: "a\"b\\c\nd\u{1}", fork: "Cancun", indexes: (0, 0, 0),
                           pass: false, stateRoot: "0x00", error: "line1\nline2 \"x\"")
        let obj = try #require(JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
        #expect(obj["name"] as? String == "a\"b\\c\nd\u{1}")
        #expect(obj["file"] as? String == "dir/\"q\".json")
        #expect(obj["error"] as? String == "line1\nline2 \"x\"")
        #expect(!r.json.contains("\n"))
    }

    @Test func collectFilesFindsJSONRecursivelyAndSorted() throws {
        let folder = try FixtureFolder()
        let b = try folder.write("sub/b.json", "{}")
        let a = try folder.write("a.json", "{}")
        try folder.write("notes.txt", "x")
        let files = try StateTestRunner.collectFiles([folder.url.path])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["a.json", "b.json"])
        #expect(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                == [a, b].map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        // A file given directly is taken as is; a missing path is an error.
        #expect(try StateTestRunner.collectFiles([folder.url.appendingPathComponent("notes.txt").path]).count == 1)
        #expect(throws: (any Error).self) {
            try StateTestRunner.collectFiles([folder.url.appendingPathComponent("missing").path])
        }
    }
}

/// `statetest --json` lines are JSON whatever the names and messages hold (issue 9: written by
/// JSONEncoder); the fields are those of evmone's and geth's runners.
@Suite struct CaseResultJSONTests {
    @Test func lineParsesBackToTheSameFields() throws {
        let r = CaseResult(file: "a/\"b\".json", test: "t\n\u{1}é", fork: "Cancun", indexes: (data: 1, gas: 2, value: 3),
                           pass: false, stateRoot: "0x00", error: "expected \\ got \"x\"")
        #expect(!r.json.contains("\n"))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
        #expect(o["file"] as? String == "a/\"b\".json" && o["name"] as? String == "t\n\u{1}é" && o["fork"] as? String == "Cancun")
        #expect(o["pass"] as? Bool == false && o["stateRoot"] as? String == "0x00" && o["error"] as? String == "expected \\ got \"x\"")
        let ix = try #require(o["indexes"] as? [String: Any])
        #expect(ix["data"] as? Int == 1 && ix["gas"] as? Int == 2 && ix["value"] as? Int == 3)
        let passing = CaseResult(file: "f", test: "t", fork: "Cancun", indexes: (0, 0, 0), pass: true, stateRoot: "0x", error: nil)
        #expect(!passing.json.contains("error"))
    }
}
