import CLibCrypto

/// One-shot SHA-256 and RIPEMD-160 (precompiles 0x02 and 0x03) through libcrypto.
/// OpenSSL 3 still exports the low-level SHA256()/RIPEMD160() entry points (deprecated, not
/// removed, and not gated by the legacy provider), so no EVP context is needed.
public enum Digest {
    public static func sha256(_ p: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
            guard let o = out.baseAddress else { return }
            // libcrypto reads nothing when the length is 0, but wants a non-null pointer regardless.
            withNonNullBase(p) { SHA256($0, $1, o) }
            initialized = 32
        }
    }

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { sha256($0) }
    }

    public static func ripemd160(_ p: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 20) { out, initialized in
            guard let o = out.baseAddress else { return }
            withNonNullBase(p) { RIPEMD160($0, $1, o) }
            initialized = 20
        }
    }

    public static func ripemd160(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { ripemd160($0) }
    }

    private static func withNonNullBase(_ p: UnsafeRawBufferPointer,
                                        _ body: (UnsafePointer<UInt8>, Int) -> Void) {
        if let base = p.baseAddress, p.count > 0 {
            body(base.assumingMemoryBound(to: UInt8.self), p.count)
        } else {
            var zero: UInt8 = 0
            withUnsafePointer(to: &zero) { body($0, 0) }
        }
    }
}
