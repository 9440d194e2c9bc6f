import Testing
@testable import EVM

/// The interpreter reinterprets each opcode byte as `OpcodeByte`; that is only sound if the enum
/// is one byte and case N has tag N for every byte value.
@Suite struct OpcodeByteTests {
    @Test func everyByteIsItsOwnCase() {
        #expect(MemoryLayout<OpcodeByte>.size == 1)
        for b in 0...255 {
            let byte = UInt8(b)
            #expect(unsafeBitCast(byte, to: OpcodeByte.self).rawValue == byte)
            #expect(OpcodeByte(rawValue: byte).map { unsafeBitCast($0, to: UInt8.self) } == byte)
        }
    }
}
