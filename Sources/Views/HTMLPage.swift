import Foundation

/// A self-contained HTML page: title, inline CSS, inline JS, a body, and data blocks as JSON.
/// Nothing is fetched: no external URL, no font or image by address, so the page opens offline
/// and from a CI artifact. Every text that comes from users (file names, log lines) goes
/// through `escape`; data goes into `<script type="application/json">` blocks with `<`, `>`
/// and `&` escaped, so that a `</script>` inside a name cannot end the block.
public struct HTMLPage {
    public var title: String
    /// Style sheets, inlined in order.
    public var styles: [String] = []
    /// Scripts, inlined in order at the end of the body (after the elements they use).
    public var scripts: [String] = []
    /// The body's HTML, already escaped where it holds users' text.
    public var body = ""
    /// JSON data blocks: (element id, JSON object), read by the scripts with `JSON.parse`.
    public var data: [(id: String, object: Any)] = []

    public init(title: String) { self.title = title }

    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        // A policy that forbids any fetch: the page must work with the network cut.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        for css in styles { out += "<style>\n\(css)\n</style>\n" }
        out += "</head>\n<body>\n\(body)\n"
        for (id, object) in data {
            out += "<script type=\"application/json\" id=\"\(Self.escape(id))\">\(Self.json(object))</script>\n"
        }
        for js in scripts { out += "<script>\n\(js)\n</script>\n" }
        return out + "</body>\n</html>\n"
    }

    /// Text or attribute value made inert: & < > " ' as character references.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `object` as JSON safe inside a script element: `<`, `>`, `&` and the JavaScript line
    /// separators U+2028/U+2029 as \u escapes (the same string once parsed). Sorted keys keep
    /// the page deterministic.
    public static func json(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "null" }
        var out = ""
        for c in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch c {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
