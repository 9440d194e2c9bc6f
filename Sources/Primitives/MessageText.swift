/// Error messages echo what users wrote (artifact fields, scenario values, file names); a message
/// is one printable line whatever the input held.
public enum MessageText {
    /// `text` with control characters (C0, DEL, C1) and line/paragraph separators written as
    /// `\u{1B}`, so that an echoed input cannot break the line or drive the terminal.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if needsEscape(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
