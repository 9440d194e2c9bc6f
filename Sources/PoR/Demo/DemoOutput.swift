/// One line of the demo's narration. The demo only says what a line is (`style`); how it looks
/// (ANSI colours or plain text) is decided by whoever prints it, through `rendered(color:)`.
public struct DemoLine: Hashable, Sendable, CustomStringConvertible {
    public enum Style: String, Hashable, Sendable, CaseIterable {
        /// The demo's title.
        case title
        /// A section heading ("── 3. Minting within the reserves").
        case heading
        /// Plain narration.
        case text
        /// An on-chain action that succeeded ("✓ …  gas N").
        case success
        /// An on-chain action that was refused (reverted) as the story expects ("✗ …").
        case refused
        /// Something the audience should notice (reserves short, minting paused).
        case alert
        /// Secondary facts: addresses, events, decoded data.
        case detail
        /// The summary table's header row.
        case tableHeader
        /// A row of the summary table.
        case table
        /// An empty line.
        case blank
    }

    public var style: Style
    public var text: String

    public init(_ style: Style, _ text: String) {
        self.style = style
        self.text = text
    }

    public static let blank = DemoLine(.blank, "")

    public var description: String { text }

    /// The line as printed: plain, or wrapped in the ANSI SGR codes of its style.
    public func rendered(color: Bool) -> String {
        guard color, !text.isEmpty, let code = DemoLine.ansi[style] else { return text }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    /// SGR parameters per style (no entry: printed as is).
    static let ansi: [Style: String] = [
        .title: "1",            // bold
        .heading: "1;36",       // bold cyan
        .success: "32",         // green
        .refused: "31",         // red
        .alert: "1;33",         // bold yellow
        .detail: "2",           // dim
        .tableHeader: "1",      // bold
    ]
}
