/// A simulation that cannot run as configured: one line for the user, never a trap.
public struct SimulationError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
