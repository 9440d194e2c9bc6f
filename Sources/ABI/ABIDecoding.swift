import Primitives
import UInt256

extension ABI {
    /// Strict decoding of `enc((T1,…,Tn))`: every offset and length must point inside the
    /// data; bool must be 0 or 1; address, uintM, intM and bytesM must have clean padding;
    /// trailing bytes after the encoding are allowed (call data often has them). Overlapping
    /// offsets that would make the work grow faster than the input are rejected, so hostile
    /// data can neither trap nor make the decoder allocate without bound.
    public static func decode(_ data: [UInt8], as types: [ABIType]) throws -> [ABIValue] {
        var d = Decoder(data: data)
        return try d.sequence(types, base: 0, path: "")
    }

    public static func decode(_ data: [UInt8], as types: String...) throws -> [ABIValue] {
        try decode(data, as: types.map { try ABIType($0) })
    }

    struct Decoder {
        let data: [UInt8]
        /// Bytes of work left: 32 per value plus the bytes copied out.
        var budget: Int

        init(data: [UInt8]) {
            self.data = data
            self.budget = 4 * data.count + 65_536
        }

        mutating func spend(_ n: Int, _ path: String) throws {
            budget -= n
            if budget < 0 { throw ABIError.tooComplex("overlapping offsets at \(path.isEmpty ? "top" : path)") }
        }

        func label(_ path: String) -> String { path.isEmpty ? "top level" : path }

        func word(at p: Int, _ path: String) throws -> U256 {
            guard p >= 0, p <= data.count, data.count - p >= 32 else {
                throw ABIError.truncated(needed: 32, available: max(0, data.count - max(p, 0)), at: label(path))
            }
            return data.withUnsafeBytes { U256(bigEndian: $0.baseAddress! + p) }  // safe: bounds checked above
        }

        /// A word read as an offset or length that must not exceed `limit`.
        func size(at p: Int, limit: Int, isOffset: Bool, _ path: String) throws -> Int {
            let w = try word(at: p, path)
            guard w.fitsInUInt64, w.w0 <= UInt64(limit) else {
                if isOffset { throw ABIError.offsetOutOfRange(offset: w.hexString, limit: limit, at: label(path)) }
                throw ABIError.lengthOutOfRange(length: w.hexString, limit: limit, at: label(path))
            }
            return Int(w.w0)
        }

        mutating func sequence(_ types: [ABIType], base: Int, path: String) throws -> [ABIValue] {
            var out: [ABIValue] = []
            out.reserveCapacity(types.count)
            var pos = base
            for (i, t) in types.enumerated() {
                let p = path.isEmpty ? "argument \(i)" : "\(path).\(i)"
                if t.isDynamic {
                    let offset = try size(at: pos, limit: data.count - base, isOffset: true, p)
                    out.append(try value(t, at: base + offset, path: p))
                } else {
                    out.append(try value(t, at: pos, path: p))
                }
                pos += t.headSize
            }
            return out
        }

        mutating func elements(_ t: ABIType, count: Int, base: Int, path: String) throws -> [ABIValue] {
            let available = data.count - base
            // Enough bytes for every head before allocating anything.
            let (need, overflow) = t.headSize.multipliedReportingOverflow(by: count)
            guard !overflow, need <= available else {
                throw ABIError.lengthOutOfRange(length: String(count), limit: t.headSize == 0 ? available : available / t.headSize,
                                                at: label(path))
            }
            try spend(count, path)          // zero-size elements (empty tuples) cost something too
            var out: [ABIValue] = []
            out.reserveCapacity(count)
            var pos = base
            for i in 0..<count {
                let p = "\(path)[\(i)]"
                if t.isDynamic {
                    let offset = try size(at: pos, limit: available, isOffset: true, p)
                    out.append(try value(t, at: base + offset, path: p))
                } else {
                    out.append(try value(t, at: pos, path: p))
                }
                pos += t.headSize
            }
            return out
        }

        mutating func value(_ t: ABIType, at p: Int, path: String) throws -> ABIValue {
            try spend(32, path)
            switch t {
            case .uint(let m):
                let w = try word(at: p, path)
                guard w.bitWidth <= m else { throw ABIError.dirtyPadding(type: t.description, at: label(path)) }
                return .uint(w)
            case .int(let m):
                let w = try word(at: p, path)
                guard ABI.fitsSigned(w, bits: m) else { throw ABIError.dirtyPadding(type: t.description, at: label(path)) }
                return .int(w)
            case .address:
                let w = try word(at: p, path)
                guard w.bitWidth <= 160 else { throw ABIError.dirtyPadding(type: "address", at: label(path)) }
                return .address(Address(word: w))
            case .bool:
                let w = try word(at: p, path)
                guard w.bitWidth <= 1 else { throw ABIError.invalidBool(w.hexString, at: label(path)) }
                return .bool(w == .one)
            case .fixedBytes(let m):
                _ = try word(at: p, path)
                guard data[(p + m)..<(p + 32)].allSatisfy({ $0 == 0 }) else {
                    throw ABIError.dirtyPadding(type: t.description, at: label(path))
                }
                return .fixedBytes(Array(data[p..<(p + m)]))
            case .bytes, .string:
                let start = p + 32
                let n = try size(at: p, limit: max(0, data.count - start), isOffset: false, path)
                try spend(n, path)
                let content = Array(data[start..<(start + n)])
                // Padding up to the next word, where present, must be zero.
                let padEnd = min(data.count, start + (n + 31) / 32 * 32)
                guard data[(start + n)..<padEnd].allSatisfy({ $0 == 0 }) else {
                    throw ABIError.dirtyPadding(type: t.description, at: label(path))
                }
                if case .bytes = t { return .bytes(content) }
                guard let s = String(validating: content, as: UTF8.self) else { throw ABIError.invalidUTF8(at: label(path)) }
                return .string(s)
            case .array(let et, let k):
                return .array(try elements(et, count: k, base: p, path: path))
            case .dynamicArray(let et):
                let start = p + 32
                let available = max(0, data.count - start)
                let n = try size(at: p, limit: et.headSize == 0 ? available : available / et.headSize, isOffset: false, path)
                return .array(try elements(et, count: n, base: start, path: path))
            case .tuple(let ts):
                return .tuple(try sequence(ts, base: p, path: path.isEmpty ? "tuple" : path))
            }
        }
    }
}
