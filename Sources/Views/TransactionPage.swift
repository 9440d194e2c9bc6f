import Foundation
import EVM
import Harness
import Primitives

/// `porvm view` and `porvm run --html`: recorded transactions (`StepTrace`) as one
/// self-contained page to step through: the decoded call and result, a before/after panel, the
/// reverts and what they undid, the frame tree, the virtualised opcode list, and for the
/// current step pc, opcode, gas, cost, refund, depth, frame, stack, memory, storage, transient
/// storage, logs and return data. Several transactions get a picker; the page opens the last
/// one (or the one `#tx=K&step=N` names).
///
/// Source lines come from each trace's `sourceMaps` (what the chain knew), or, when given,
/// from `sourceLines` ((code address, pc) → line) with `sources` (file name → text). Each
/// file's text is written once per page (`#tx-sources`), each transaction holding only a
/// location index per step; without any map the page shows opcodes only.
public enum TransactionPage {
    public static func render(_ traces: [StepTrace], title: String,
                              sourceLines: ((Address, Int) -> StepSourceLocation?)? = nil,
                              sources: [String: String] = [:]) -> String {
        var page = HTMLPage(title: title)
        page.styles = [PageStyle.base, TransactionPageStyle.style]
        page.scripts = [TransactionPageModel.script, TransactionPageScript.script]
        var body = "<header>\n<h1>\(HTMLPage.escape(title))</h1>\n"
        if traces.count > 1 {
            body += "<label>Transaction <select id=\"tx-pick\">"
            for (i, t) in traces.enumerated() {
                let text = "\(i + 1). " + t.transaction.label + (t.caption.isEmpty ? "" : " — " + t.caption)
                body += "<option value=\"\(i)\">\(HTMLPage.escape(text))</option>"
            }
            body += "</select></label>\n"
        }
        if traces.isEmpty { body += "<p>No transaction was recorded.</p>\n" }
        body += context + "</header>\n" + controls + panes
        var texts = sources
        for (i, t) in traces.enumerated() {
            let lines = sourceLines ?? t.sourceLines(collecting: &texts)
            body += "<script type=\"application/json\" data-tx=\"\(i)\">"
                + TransactionPageData.json(t, sourceLines: lines) + "</script>\n"
        }
        if !texts.isEmpty { page.data = [("tx-sources", texts)] }
        page.body = body
        return page.render()
    }

    static let context = """
    <section class="context">
    <p class="label" id="tx-label"></p>
    <p class="call mono" id="tx-call"></p>
    <p class="mono" id="tx-result"></p>
    <p class="muted" id="tx-facts"></p>
    <p class="warn" id="truncated" hidden></p>
    <ul class="reverts" id="revert-info"></ul>
    <table id="panel" class="panel" hidden><thead><tr><th></th><th>before</th><th>after</th></tr></thead><tbody></tbody></table>
    </section>

    """

    static let controls = """
    <nav class="controls">
    <button data-act="first" title="first step (Home)">first</button>
    <button data-act="back" title="step back (← or k)">◀ back</button>
    <button data-act="fwd" title="step forward (→ or j)">forward ▶</button>
    <button data-act="over" title="step over a call (n)">over</button>
    <button data-act="out" title="step out of this call (o)">out</button>
    <button data-act="sstore" title="next SSTORE (s; S: previous)">next SSTORE</button>
    <button data-act="call" title="next CALL or CREATE (c; C: previous)">next CALL</button>
    <button data-act="log" title="next LOG (l; L: previous)">next LOG</button>
    <button data-act="revert" title="next revert (r; R: previous)">next revert</button>
    <button data-act="srcprev" title="previous source line ([)">◀ line</button>
    <button data-act="srcnext" title="next source line (])">line ▶</button>
    <button data-act="last" title="last step (End)">last</button>
    <span id="step-no" class="mono"></span> <span id="note" class="warn"></span>
    <input type="range" id="slider" min="0" max="0" value="0" aria-label="step">
    <p class="keys muted">Keys: → / j forward, ← / k back, n over, o out, s / c / l / r next SSTORE / CALL / LOG / revert (with Shift: previous), [ / ] source line, Home / End. The address bar's <code>#step=N</code> links to the step shown.</p>
    </nav>

    """

    static let panes = """
    <main class="tx">
    <section class="left">
    <h2>Frames</h2><ul id="frames" class="frames"></ul>
    <h2>Steps</h2><p id="empty" class="muted" hidden>No instruction ran.</p>
    <div class="code-pair">
    <div id="ops" class="ops"><div id="ops-spacer"></div><div id="ops-rows" class="rows"></div></div>
    <section id="source" hidden><p class="source-file">Source <span id="source-file" class="mono"></span></p><pre id="source-text"></pre></section>
    </div>
    </section>
    <section class="right">
    <table class="facts">
    <tr><th>pc</th><td id="d-pc" class="mono"></td><th>opcode</th><td id="d-op" class="mono"></td></tr>
    <tr><th>gas left</th><td id="d-gas" class="mono"></td><th>step cost</th><td id="d-cost" class="mono"></td></tr>
    <tr><th>refund</th><td id="d-refund" class="mono"></td><th>depth</th><td id="d-depth" class="mono"></td></tr>
    <tr><th>frame</th><td id="d-frame" class="mono" colspan="3"></td></tr>
    </table>
    <p id="d-undo" class="warn"></p>
    <h2>Stack <span id="stack-count" class="muted"></span> <span class="muted">top first, before this step</span></h2>
    <table id="stack" class="stack"><thead><tr><th>#</th><th>hex</th><th>decimal</th></tr></thead><tbody></tbody></table>
    <h2>Memory <span id="mem-count" class="muted"></span> <span class="muted">highlighted: written by the frame's previous step</span></h2>
    <div id="memory" class="memory mono"></div>
    <h2>Storage of the frame's account <span class="muted">up to this step</span></h2>
    <table id="storage" class="access"><thead><tr><th>step</th><th>op</th><th>slot</th><th>old</th><th>value</th></tr></thead><tbody></tbody></table>
    <h2>Transient storage</h2>
    <table id="transient" class="access"><thead><tr><th>step</th><th>op</th><th>slot</th><th>old</th><th>value</th></tr></thead><tbody></tbody></table>
    <h2>Logs <span class="muted">emitted before this step</span></h2><ul id="logs" class="logs"></ul>
    <h2>Return data <span class="muted">of the frame's last call</span></h2><p id="d-ret" class="mono wrap"></p>
    </section>
    </main>

    """
}

extension StepTrace {
    /// The trace's own source maps as a line lookup (nil when it has none), adding the files
    /// they point into to `texts`.
    func sourceLines(collecting texts: inout [String: String]) -> ((Address, Int) -> StepSourceLocation?)? {
        guard !sourceMaps.isEmpty else { return nil }
        for map in sourceMaps.values { for s in map.sources.values where texts[s.name] == nil { texts[s.name] = s.text } }
        let maps = sourceMaps
        return { address, pc in maps[address]?.location(pc: pc).map { StepSourceLocation(file: $0.file, line: $0.line) } }
    }
}
