/// Where in the user's code a harness call was made. Public entry points take it as
/// `#fileID`/`#filePath`/`#line`/`#column` default arguments, so that a failure points at
/// the failing line rather than at the test function (Swift Testing's `SourceLocation`
/// carries the same four fields; `HarnessTesting` converts one into the other).
public struct CallSite: Sendable, Equatable, CustomStringConvertible {
    public var fileID: String
    public var filePath: String
    public var line: Int
    public var column: Int

    public init(fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        self.fileID = fileID
        self.filePath = filePath
        self.line = line
        self.column = column
    }

    /// `Module/File.swift:12:5`.
    public var description: String { "\(fileID):\(line):\(column)" }
}
