/// The simulation page's own style and script (SimulationPage): the plots beside the log, and
/// the interaction, which only reads the SVG the page already holds and the `sim-data` block.
enum SimulationPageScript {
    static let style = """
    main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 380px); gap: 20px; align-items: start; }
    @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
    .plot { width: 100%; height: auto; display: block; background: var(--bg); cursor: crosshair; }
    .frame { fill: none; stroke: var(--line); }
    .grid { stroke: #eef1f5; }
    .line { fill: none; stroke-width: 1.8; }
    .line-reserves { stroke: #66bd63; stroke-width: 4; stroke-opacity: 0.8; }
    .line-answer { stroke: #2166ac; stroke-width: 1.6; }
    .line-supply { stroke: #d73027; stroke-dasharray: 6 3; }
    .line-supply-home { stroke: #f46d43; stroke-width: 1.2; }
    .line-supply-other { stroke: #984ea3; stroke-width: 1.2; }
    .line-ratio { stroke: #4d4d4d; }
    .full { stroke: #d73027; stroke-dasharray: 4 3; }
    .pause { fill: #d73027; fill-opacity: 0.12; }
    .update { stroke: #ffffff; stroke-width: 1; }
    .update-first { fill: #2166ac; }
    .update-deviation { fill: #e08214; }
    .update-heartbeat { fill: #5e3c99; }
    .update-other { fill: #777777; }
    .cursor { stroke: #111111; stroke-width: 1.5; }
    .hover { stroke: #888888; stroke-dasharray: 3 3; pointer-events: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 6px; }
    .legend .key { display: inline-flex; align-items: center; gap: 5px; }
    .readout { min-height: 2.9em; padding: 4px 8px; background: var(--panel); border-radius: 4px;
               font-variant-numeric: tabular-nums; }
    .readout b { font-weight: 600; }
    .log { position: sticky; top: 8px; }
    .log ol { list-style: none; margin: 0; padding: 0; max-height: calc(100vh - 80px); overflow-y: auto;
              border: 1px solid var(--line); border-radius: 4px; }
    .log li { padding: 4px 8px; border-bottom: 1px solid var(--line); cursor: pointer; }
    .log li:hover, .log li:focus { background: var(--panel); outline: none; }
    .log li.selected { background: #fff3c4; }
    .log time { font-family: ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); margin-right: 6px; }
    .log .kind { font-size: 11px; padding: 0 5px; border-radius: 3px; background: #e7ebf0; margin-right: 6px; }
    .ev-report .kind { background: #d6e6f5; }
    .ev-tripped .kind, .ev-mintRefused .kind { background: #f8d3cf; }
    .ev-reset .kind { background: #d5efd9; }
    .log .text { overflow-wrap: anywhere; }
    """

    static let script = """
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("sim-data").textContent);
      var plots = Array.prototype.slice.call(document.querySelectorAll("svg.plot"));
      var readout = document.getElementById("readout");

      function clock(t) {
        var d = Math.floor(t / 86400), h = Math.floor(t / 3600) % 24, m = Math.floor(t / 60) % 60, s = t % 60;
        function two(v) { return v < 10 ? "0" + v : "" + v; }
        return d + "d " + two(h) + ":" + two(m) + ":" + two(s);
      }
      // The value a step line holds at t: the last point at or before t.
      function valueAt(points, t) {
        var lo = 0, hi = points.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (points[mid][0] <= t) lo = mid + 1; else hi = mid; }
        return lo === 0 ? null : points[lo - 1][1];
      }
      function geometry(svg) {
        return { left: +svg.dataset.left, right: +svg.dataset.right, t0: +svg.dataset.t0, t1: +svg.dataset.t1 };
      }
      function xOf(svg, t) {
        var g = geometry(svg);
        return g.left + (Math.min(Math.max(t, g.t0), g.t1) - g.t0) / (g.t1 - g.t0) * (g.right - g.left);
      }
      function timeAt(svg, clientX) {
        var box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal, g = geometry(svg);
        var x = (clientX - box.left) / box.width * view.width;
        var f = (x - g.left) / (g.right - g.left);
        return Math.round(g.t0 + Math.min(Math.max(f, 0), 1) * (g.t1 - g.t0));
      }
      function place(cls, t) {
        plots.forEach(function (svg) {
          var x = t === null ? -10 : xOf(svg, t);
          svg.querySelectorAll("line." + cls).forEach(function (l) { l.setAttribute("x1", x); l.setAttribute("x2", x); });
        });
      }
      function show(t) {
        var parts = ["<b>" + clock(t) + "</b>"];
        data.lines.forEach(function (line) {
          var v = valueAt(line.points, t);
          var text = v === null ? "\\u2013" : line.key === "ratio" ? v.toFixed(2) + "%" : v.toFixed(data.decimals) + (data.unit ? " " + data.unit : "");
          var label = document.createElement("span");
          label.textContent = line.label + ": " + text;
          parts.push(label.outerHTML);
        });
        readout.innerHTML = parts.join(" \\u00b7 ");
      }
      plots.forEach(function (svg) {
        svg.addEventListener("mousemove", function (e) { var t = timeAt(svg, e.clientX); place("hover", t); show(t); });
        svg.addEventListener("mouseleave", function () { place("hover", null); });
      });
      var selected = null;
      function select(li) {
        if (selected) selected.classList.remove("selected");
        selected = li;
        li.classList.add("selected");
        var t = +li.dataset.t;
        place("cursor", t);
        show(t);
      }
      var log = document.getElementById("log");
      log.addEventListener("click", function (e) { var li = e.target.closest("li"); if (li) select(li); });
      log.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { var li = e.target.closest("li"); if (li) { e.preventDefault(); select(li); } }
      });
      // Clicking an update marker selects its log entry.
      document.querySelectorAll(".update[data-t]").forEach(function (m) {
        m.addEventListener("click", function () {
          var li = log.querySelector('li.ev-report[data-t="' + m.dataset.t + '"]');
          if (li) { select(li); li.scrollIntoView({ block: "nearest" }); }
        });
      });
    })();
    """
}
