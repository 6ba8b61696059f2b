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
