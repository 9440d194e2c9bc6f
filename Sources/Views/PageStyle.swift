/// The look every porvm page shares (system fonts only: nothing is fetched).
public enum PageStyle {
    public static let base = """
    :root { --fg: #1d2430; --muted: #5b6575; --line: #d8dde5; --bg: #ffffff; --panel: #f6f8fa; }
    * { box-sizing: border-box; }
    body { margin: 0; padding: 16px 20px; color: var(--fg); background: var(--bg);
           font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    h1 { font-size: 20px; margin: 0 0 4px; }
    h2 { font-size: 15px; margin: 18px 0 6px; }
    header { border-bottom: 1px solid var(--line); padding-bottom: 8px; margin-bottom: 12px; }
    .params { color: var(--muted); margin: 0; }
    .name { font-size: 16px; margin: 0 0 2px; }
    .file { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: normal; }
    table { border-collapse: collapse; }
    th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-weight: 600; white-space: nowrap; }
    svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
    """
}
