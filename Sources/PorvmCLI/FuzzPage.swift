import Foundation
import Fuzzer
import Harness
import PoRScenario
import Scenario
import Views

/// `porvm fuzz --html FILE`: the step-through page of each broken property's breaking
/// transaction. Each reproducer is a scenario; it is replayed as `porvm view` runs one, and its
/// last transaction (the call after which the property was checked) is kept.
enum FuzzPage {
    /// Fails before the campaign when the file cannot be written (exit 2 before any work).
    static func placeholder(_ path: String) throws {
        let page = HTMLPage(title: "porvm fuzz: the run has not finished").render()
        do { try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIError("fuzz: cannot write the page '\(path)': \(error.localizedDescription)")
        }
    }

    /// Replays the reproducers (property, scenario file) and writes their last transactions as
    /// one page; a page saying no property broke when there are none. Returns a line to print.
    static func write(_ reproducers: [(property: String, path: String)], title: String, to path: String,
                      maxSteps: Int = 1_000_000) throws -> String {
        var traces: [StepTrace] = []
        var missing: [String] = []
        for (property, file) in reproducers {
            var runner = ScenarioRunner(plugins: [PoRSteps(), FuzzSteps()], output: { _ in })
            let observer = StepPageObserver(watcher: StepTraceWatcher(maxSteps: maxSteps), onlyStep: nil)
            runner.observer = observer
            guard let scenario = try? runner.load(file) else { missing.append(property); continue }
            _ = runner.run([scenario])
            guard var last = observer.watcher.traces.last else { missing.append(property); continue }
            last.caption = "breaks \(property) (\((file as NSString).lastPathComponent), " + last.caption + ")"
            traces.append(last)
        }
        let html = TransactionPage.render(traces, title: title)
        do { try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIError("fuzz: cannot write the page '\(path)': \(error.localizedDescription)")
        }
        var line = "page: \(path) (\(traces.count) breaking transaction(s))"
        if !missing.isEmpty { line += "; no transaction to show for " + missing.joined(separator: ", ") }
        return line
    }
}
