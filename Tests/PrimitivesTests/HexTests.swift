import Testing
import Primitives

// The hex text form of bytes as the execution specs and JSON-RPC write it ("0x" + two digits per
// byte); the codec is strict: anything else is an error, never a guessed value.
@Suite struct HexTests {
    @Test func decodesBothCasesWithAndWithoutPrefix() throws {
        #expect(try Hex.decodeStrict("0xdeadBEEF") == [0xde, 0xad, 0xbe, 0xef])
        #expect(try Hex.decodeStrict("0XDEADbeef") == [0xde, 0xad, 0xbe, 0xef])
        #expect(try Hex.decodeStrict("00ff10") == [0x00, 0xff, 0x10])
    }

    @Test func emptyIsNoBytes() throws {
        #expect(try Hex.decodeStrict("") == [])
        #expect(try Hex.decodeStrict("0x") == [])
        #expect(try Hex.decodeStrict("  ") == [])
    }

    @Test func surroundingWhitespaceIsIgnored() throws {
        #expect(try Hex.decodeStrict(" \t0x0a0b\n") == [0x0a, 0x0b])
    }

    @Test func oddLengthIsAnError() {
        #expect(throws: Hex.DecodeError.oddLength(3)) { try Hex.decodeStrict("0xabc") }
        #expect(throws: Hex.DecodeError.oddLength(1)) { try Hex.decodeStrict("1") }
    }

    @Test func badDigitIsAnErrorNotZero() {
        #expect(throws: Hex.DecodeError.invalidCharacter(UInt8(ascii: "g"), position: 1)) { try Hex.decodeStrict("0x0g") }
        #expect(throws: Hex.DecodeError.invalidCharacter(UInt8(ascii: " "), position: 2)) { try Hex.decodeStrict("aa  bb") }
        // Non-ASCII: the first UTF-8 byte of "é" (0xc3), shown as a number.
        #expect(throws: Hex.DecodeError.invalidCharacter(0xc3, position: 0)) { try Hex.decodeStrict("é00") }
        #expect(Hex.decode("0x0g") == nil)
    }

    @Test func prefixOnlyOnceAndOnlyAtTheStart() {
        #expect(Hex.decode("0x0x12") == nil)
        #expect(Hex.decode("x12") == nil)
        #expect(Hex.decode("120x") == nil)
        #expect(Hex.decode("-0x12") == nil)
    }

    @Test func errorsAreOneLine() {
        let e = Hex.DecodeError.invalidCharacter(0x0a, position: 4)
        #expect(e.description == "invalid hex character byte 0x0a at position 4")
        #expect(Hex.DecodeError.oddLength(5).description == "hex string has an odd number of digits (5)")
    }

    @Test func encodesLowercase() {
        #expect(Hex.encode([0xde, 0xad, 0xbe, 0xef]) == "deadbeef")
        #expect(Hex.encode([0x00, 0x0f], prefix: true) == "0x000f")
        #expect(Hex.encode([UInt8](), prefix: true) == "0x")
    }

    @Test func addressParsesTwentyBytesOnly() {
        #expect(Address(hex: "0x" + String(repeating: "ab", count: 20))?.description == "0x" + String(repeating: "ab", count: 20))
        #expect(Address(hex: "0x" + String(repeating: "ab", count: 19)) == nil)
        #expect(Address(hex: "0x" + String(repeating: "zz", count: 20)) == nil)
    }
}

@Suite struct WhitespaceTests {
    @Test func trimsSpacesTabsAndLineBreaksAtBothEnds() {
        #expect(" \t a b \n\r\n".trimmingWhitespace == "a b")
        #expect("x".trimmingWhitespace == "x")
        #expect("".trimmingWhitespace == "")
        #expect(" \n\t ".trimmingWhitespace == "")
        // Unicode whitespace counts too (U+00A0 no-break space, U+2003 em space).
        #expect("\u{00A0}v\u{2003}".trimmingWhitespace == "v")
        #expect("ab cd"[...].trimmingWhitespace == "ab cd")
    }
}
