/// A string as a JSON string literal, for writers that build JSON text directly (trace folders,
/// reproducers): quote and backslash escaped, control characters as `\u00XX`, the rest as is.
public enum JSONText {
    public static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// The literal's inside, without the quotes.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where c.value < 0x20:
                let hex = Array("0123456789abcdef")
                out += "\\u00" + String(hex[Int(c.value >> 4)]) + String(hex[Int(c.value & 0xf)])
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
