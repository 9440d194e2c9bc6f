/// Why a transition could not run: bad input (JSON, hex, a fork name, a missing field) or an
/// unreadable file. The command prints it as one line and exits with code 2.
public struct T8nError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
