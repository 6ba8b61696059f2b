import Testing

@testable import VigieFeeds

/// Named and numeric references, read at the end of a text and in the middle of a long one
/// (names are found differently when 16 bytes follow them).
@Suite struct CharacterReferenceTests {
    static func match(_ text: String) -> CharacterReference.Match? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CharacterReference.match($0, at: 0, end: $0.count) }
    }

    @Test func everyNamedReferenceIsReadWhateverFollowsIt() {
        #expect(HTMLEntities.table.count > 250)
        for (name, scalar) in HTMLEntities.table {
            for tail in ["", " ", " and some more text after it", ";x", "0123456789abcdefghij"] {
                let text = "&\(name);" + tail
                let found = Self.match(text)
                #expect(found?.scalar == scalar, "\(text)")
                #expect(found?.length == name.utf8.count + 2, "\(text)")
            }
            // A longer name that starts with this one is not this one.
            #expect(Self.match("&\(name)zz;" + String(repeating: " ", count: 20)) == nil, "\(name)zz")
        }
    }

    /// The eight-byte read of short named references finds what the full reading does, or
    /// leaves the reference to it: every name followed by every kind of byte, and random
    /// bytes after `&`.
    @Test func shortNamesAreReadAsTheFullReadingReadsThem() {
        func both(_ text: [UInt8]) -> (short: CharacterReference.Match?, full: CharacterReference.Match?) {
            text.withUnsafeBufferPointer { p in
                (
                    CharacterReference.shortNamed(p.baseAddress!, at: 0, end: p.count, entities: StaticTables.htmlEntities),
                    CharacterReference.match(p, at: 0, end: p.count)
                )
            }
        }
        var shortlyRead = 0
        for name in HTMLEntities.table.keys {
            for tail in [";", ";;", "; x", "x;", "9;", ";&amp;", "", " ", "#;"] {
                let text = Array(("&" + name + tail + "          ").utf8)
                let (short, full) = both(text)
                if let short {
                    shortlyRead += 1
                    #expect(short.scalar == full?.scalar && short.length == full?.length, "\(name + tail)")
                }
            }
        }
        #expect(shortlyRead > 200)
        var rng = SplitMix64(seed: 0x5E1)
        let alphabet = Array("aeltmpqu;#&x19 ;;".utf8)
        for _ in 0..<50_000 {
            let text = [UInt8(ascii: "&")] + (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let (short, full) = both(text)
            if let short { #expect(short.scalar == full?.scalar && short.length == full?.length, "\(text)") }
        }
    }

    @Test func unknownAndBareNames() {
        let long = String(repeating: " ", count: 20)
        #expect(Self.match("&unknown;" + long) == nil)
        #expect(Self.match("&abcdefghijklmnopq;" + long) == nil)
        #expect(Self.match("&amp" + long)?.scalar == 38)
        #expect(Self.match("&amp" + long)?.length == 4)
        // Bare legacy names are read before other letters, as browsers read them in text.
        #expect(Self.match("&ampx" + long)?.length == 4)
        #expect(Self.match("&eacutex" + long) == nil)
        #expect(Self.match("&#233;" + long)?.scalar == 0xE9)
        #expect(Self.match("&#xE9;" + long)?.length == 6)
        #expect(Self.match("&;" + long) == nil)
    }
}
