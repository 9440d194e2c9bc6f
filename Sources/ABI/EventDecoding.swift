import Primitives
import UInt256

/// A log decoded against an event of an ABI: named fields in declaration order.
/// Indexed parameters of dynamic or composite type (string, bytes, arrays, tuples) are
/// stored in topics only as a keccak256 hash; their value here is that hash as `bytes32`.
public struct DecodedEvent: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var signature: String
    public var address: Address
    public var fields: [(name: String, value: ABIValue)] { zip(names, values).map { ($0, $1) } }
    public var names: [String]
    public var values: [ABIValue]

    public init(name: String, signature: String, address: Address, names: [String], values: [ABIValue]) {
        self.name = name
        self.signature = signature
        self.address = address
        self.names = names
        self.values = values
    }

    public subscript(field: String) -> ABIValue? {
        names.firstIndex(of: field).map { values[$0] }
    }

    public subscript(index: Int) -> ABIValue? {
        values.indices.contains(index) ? values[index] : nil
    }

    public var description: String {
        name + "(" + zip(names, values).map { $0.isEmpty ? $1.description : "\($0): \($1)" }.joined(separator: ", ") + ")"
    }

    public static func == (a: DecodedEvent, b: DecodedEvent) -> Bool {
        a.signature == b.signature && a.address == b.address && a.names == b.names && a.values == b.values
    }
    public func hash(into h: inout Hasher) { h.combine(signature); h.combine(address); h.combine(values) }
}

extension ABIEvent {
    /// Whether the type's indexed topic holds the value itself rather than its hash.
    static func isValueTopic(_ t: ABIType) -> Bool {
        switch t {
        case .uint, .int, .address, .bool, .fixedBytes: return true
        default: return false
        }
    }

    /// Decodes a log emitted for this event; throws when topics or data do not fit it.
    public func decode(_ log: Log) throws -> DecodedEvent {
        let indexed = inputs.filter(\.indexed)
        var topics = log.topics[...]
        if !anonymous {
            guard let t0 = topics.first, t0 == topic else { throw ABIError.eventMismatch("topic0 is not \(signature)") }
            topics = topics.dropFirst()
        }
        guard topics.count == indexed.count else {
            throw ABIError.eventMismatch("\(signature) has \(indexed.count) indexed parameter(s), log has \(topics.count) topic(s)")
        }
        let dataValues = try ABI.decode(log.data, as: inputs.filter { !$0.indexed }.map(\.type))
        var values: [ABIValue] = []
        var ti = topics.startIndex, di = 0
        for p in inputs {
            if p.indexed {
                let word = topics[ti].bigEndianBytes
                ti += 1
                values.append(ABIEvent.isValueTopic(p.type) ? try ABI.decode(word, as: [p.type])[0] : .fixedBytes(word))
            } else {
                values.append(dataValues[di])
                di += 1
            }
        }
        return DecodedEvent(name: name, signature: signature, address: log.address, names: inputs.map(\.name), values: values)
    }
}

extension ContractABI {
    /// The first event of this ABI that decodes the log, or nil.
    public func decodeLog(_ log: Log) -> DecodedEvent? {
        if let t0 = log.topics.first {
            for e in events where !e.anonymous && e.topic == t0 {
                if let d = try? e.decode(log) { return d }
            }
        }
        for e in events where e.anonymous {
            if let d = try? e.decode(log) { return d }
        }
        return nil
    }
}
