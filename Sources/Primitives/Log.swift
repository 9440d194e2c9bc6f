import UInt256

/// An event a contract emitted (LOG0..LOG4): its address, topics and data.
public struct Log: Sendable, Equatable {
    public var address: Address
    public var topics: [U256]
    public var data: [UInt8]
    public init(address: Address, topics: [U256], data: [UInt8]) {
        self.address = address
        self.topics = topics
        self.data = data
    }
}
