/// The demo page's own style and script (DemoPage): the narration, the plot, and the links
/// that open a transaction in the step-through viewer below (TransactionPageScript).
enum DemoPageScript {
    static let style = """
    .toc a { margin-right: 10px; white-space: nowrap; }
    .demo-section { margin-bottom: 14px; }
    .narration { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; white-space: pre-wrap; margin-bottom: 6px; }
    .ln-title { font-weight: 600; font-size: 14px; }
    .ln-success { color: #1e6b34; }
    .ln-refused { color: #b3261e; }
    .ln-alert { color: #8a5a00; font-weight: 600; }
    .ln-detail { color: var(--muted); }
    .ln.action a { color: inherit; }
    .ln.action a:hover, .ln.action.chosen a { background: #fff3c4; }
    table.steps td { font-variant-numeric: tabular-nums; }
    table.steps tr.refused td { color: #b3261e; }
    table.steps tr.paused td { background: #fbeaea; }
    .plot { width: 100%; max-width: 1000px; height: auto; display: block; }
    .axes .frame { fill: none; stroke: var(--line); }
    .axes .grid { stroke: var(--line); stroke-width: 0.6; }
    .line { fill: none; stroke-width: 2; }
    .line-supply { stroke: #d73027; }
    .line-reserves { stroke: #2166ac; stroke-dasharray: 6 3; }
    .line-true { stroke: #4d9221; stroke-width: 1.4; }
    .pause { fill: #d73027; fill-opacity: 0.14; }
    .step.ok { fill: #1e6b34; }
    .step.refused { stroke: #b3261e; stroke-width: 2.2; fill: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 6px; }
    .legend .key { display: inline-flex; align-items: center; gap: 5px; }
    .viewer { border-top: 2px solid var(--line); margin-top: 18px; padding-top: 6px; }
    """

    /// A link opens its transaction at step 0 through the picker (the viewer's own way to open
    /// one, which also works when the address already names it), names it in the address, and
    /// scrolls the viewer into view.
    static let script = #"""
    (function () {
    'use strict';
    const pick = document.getElementById('tx-pick'), viewer = document.getElementById('viewer');
    function choose(k) {
      document.querySelectorAll('.ln.action.chosen').forEach(e => e.classList.remove('chosen'));
      document.querySelectorAll('.ln.action a[data-tx="' + k + '"]').forEach(a => a.parentElement.classList.add('chosen'));
    }
    document.addEventListener('click', e => {
      const a = e.target.closest ? e.target.closest('a.tx-link') : null;
      if (!a || !pick) return;
      e.preventDefault();
      const k = String(+a.dataset.tx);
      pick.value = k;
      pick.dispatchEvent(new Event('change'));
      history.replaceState(null, '', '#tx=' + k + '&step=0');
      choose(k);
      viewer.scrollIntoView();
    });
    if (pick) pick.addEventListener('change', () => choose(pick.value));
    window.DemoPage = { choose };
    })();
    """#
}
