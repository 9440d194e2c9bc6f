/// The simulation's agenda: events ordered by (time, sequence number), the sequence number being
/// the order in which they were scheduled, so that events at the same second run in a fixed order.
/// A binary min-heap in one array: scheduling and taking the next event are O(log n) and allocate
/// nothing once the array has grown to the largest number of pending events. Inlinable, so that a
/// client module's queue is specialised for its payload rather than run through generic witnesses.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline let time: UInt64
        @usableFromInline let sequence: UInt64
        @usableFromInline let payload: Payload

        @inlinable
        init(time: UInt64, sequence: UInt64, payload: Payload) {
            self.time = time
            self.sequence = sequence
            self.payload = payload
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    @inlinable
    public init() {}

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }
    /// When the next event is due.
    public var nextTime: UInt64? { heap.first?.time }

    @inlinable
    public mutating func schedule(_ payload: Payload, at time: UInt64) {
        heap.append(Entry(time: time, sequence: nextSequence, payload: payload))
        nextSequence &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func pop() -> (time: UInt64, payload: Payload)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < heap.count, heap[left].precedes(heap[best]) { best = left }
                if right < heap.count, heap[right].precedes(heap[best]) { best = right }
                if best == parent { break }
                heap.swapAt(parent, best)
                parent = best
            }
        }
        return (first.time, first.payload)
    }
}
