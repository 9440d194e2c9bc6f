/// The step-through page's own style (TransactionPage), over `PageStyle.base`.
enum TransactionPageStyle {
    static let style = """
    .mono, .ops, .memory, pre, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
    .muted { color: var(--muted); font-weight: normal; }
    .warn { color: #b23b00; }
    .bad { color: #b3261e; }
    .good { color: #1e6b34; }
    .wrap { word-break: break-all; }
    .context p { margin: 2px 0; }
    /* Long unbroken hex (calldata, bytes arguments) wraps instead of running under the next column. */
    #tx-call, .frame, .frames .result, .facts td { overflow-wrap: anywhere; }
    .context .label { font-weight: 600; }
    .panel { margin-top: 6px; }
    .panel tr.changed td { background: #fff3c4; }
    .reverts { margin: 4px 0; padding-left: 18px; color: #b3261e; }
    .controls { position: sticky; top: 0; background: var(--bg); z-index: 2; padding: 6px 0; border-bottom: 1px solid var(--line); }
    .controls button { margin: 2px 1px; }
    .controls input[type=range] { width: 100%; margin-top: 4px; }
    .keys { margin: 2px 0 0; font-size: 12px; }
    button.link { border: none; background: none; color: #1f5fbf; cursor: pointer; padding: 0; text-decoration: underline; font: inherit; }
    main.tx { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; align-items: start; }
    @media (max-width: 1000px) { main.tx { grid-template-columns: 1fr; } }
    /* The source beside the opcodes (as Remix's debugger): the left column widens when there is a map. */
    main.tx:has(#source:not([hidden])) { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
    .code-pair { display: flex; gap: 10px; align-items: flex-start; }
    .code-pair > .ops, .code-pair > #source { flex: 1 1 0; min-width: 0; }
    .source-file { margin: 0 0 4px; font-weight: 600; }
    .frames, .frames ul { list-style: none; padding-left: 14px; margin: 0; }
    .frames > li { padding-left: 0; }
    .frame { border: none; background: none; text-align: left; cursor: pointer; padding: 1px 4px; font: 12.5px ui-monospace, monospace; border-radius: 3px; }
    .frame.current { background: #d6e6f5; }
    .frame.failed { color: #b3261e; }
    .frames .result { font: 12px ui-monospace, monospace; color: var(--muted); padding-left: 18px; }
    .frames .result.bad { color: #b3261e; }
    .ops { position: relative; height: 420px; overflow-y: auto; border: 1px solid var(--line); border-radius: 4px; }
    .ops .rows { position: absolute; left: 0; right: 0; }
    .ops .op { height: 20px; line-height: 20px; white-space: pre; cursor: pointer; overflow: hidden; }
    .ops .op:hover { background: var(--panel); }
    .ops .op.cur { background: #fff3c4; font-weight: 600; }
    .ops .op.rv { color: #b3261e; }
    .facts td { min-width: 90px; }
    .stack td.hex, .access td.hex { word-break: break-all; }
    .stack td.dec { color: var(--muted); word-break: break-all; }
    .stack td.idx { color: var(--muted); }
    .memory { max-height: 320px; overflow-y: auto; border: 1px solid var(--line); border-radius: 4px; padding: 2px 4px; }
    .memrow .off { color: var(--muted); margin-right: 8px; }
    .memrow .bytes { white-space: pre; }
    .memrow .hit { background: #ffd66b; }
    .access tr.now td { background: #fff3c4; }
    .access tr.undone td, .logs li.undone { text-decoration: line-through; color: var(--muted); }
    .logs { padding-left: 18px; font: 12.5px ui-monospace, monospace; }
    #source pre { position: relative; max-height: 396px; overflow: auto; border: 1px solid var(--line); padding: 4px; margin: 0; }
    .srcline.hit { background: #fff3c4; font-weight: 600; }
    """
}
