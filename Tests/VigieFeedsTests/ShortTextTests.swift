import Testing

@testable import VigieFeeds

/// The texts of short fields: titles, categories, names.
@Suite struct ShortTextTests {
    static func plain(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { HTMLText.plainText(utf8: $0) }
    }

    /// Collapsing whitespace is splitting on every whitespace character it knows and
    /// joining the pieces with single spaces.
    @Test func collapsingWhitespaceMatchesItsDefinition() {
        let spaces: Set<Unicode.Scalar> = Set(
            [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x85, 0x2028, 0x2029, 0x202F, 0x3000].compactMap(Unicode.Scalar.init)
                + (0x2000...0x200A).compactMap(Unicode.Scalar.init))
        func reference(_ text: String) -> String {
            text.unicodeScalars.split(whereSeparator: spaces.contains).map { String(String.UnicodeScalarView($0)) }
                .joined(separator: " ")
        }
        var rng = SplitMix64(seed: 0xC011A)
        let pieces = [
            "mot", "é", "©", "\u{200B}", "\u{2009}", "\u{A0}", "\u{85}", "\u{3000}", "\u{2028}", "\u{202F}", "\u{2030}",
            "\u{E2}", " ", "  ", "\t", "\n", "\r", "\u{0B}", "\u{01}", "x", "Ж", "😀",
        ]
        /// Whether the fast test finds the text collapsed: exactly when collapsing leaves it as
        /// it is and it holds no control, which the test sends the long way.
        func checkCollapsed(_ text: String) -> Bool {
            var bytes = Array(text.utf8)
            let collapsed = bytes.withUnsafeMutableBufferPointer { HTMLText.isCollapsed(UnsafeBufferPointer($0)) }
            #expect(collapsed == (reference(text) == text && !text.utf8.contains { $0 < 0x20 }), "\(Array(text.unicodeScalars))")
            return collapsed
        }
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(HTMLText.collapsingWhitespace(text) == reference(text), "\(Array(text.unicodeScalars))")
            _ = checkCollapsed(text)
        }
        // Titles as they usually come, words and single spaces, long enough to be read 16
        // bytes at a time: text found already collapsed is what writing it out would give.
        let words = ["mot", "é", "x", "Ж", "😀", "€", "©", "\u{2030}", "Lancement", "n°0"]
        let separators = [" ", "  ", "\u{A0}", "\t", "\u{2009}", ""]
        var unchanged = 0
        for _ in 0..<20_000 {
            var text = rng.next() % 8 == 0 ? " " : ""
            // Half the texts draw only single spaces and words without E2 bytes, most of which
            // are already collapsed; the others rarely are.
            let clean = rng.next() % 2 == 0
            for index in 0..<Int(rng.next() % 24) {
                if index > 0 { text += clean ? " " : separators[Int(rng.next() % UInt64(separators.count))] }
                text += words[Int(rng.next() % UInt64(clean ? 5 : words.count))]
            }
            var bytes = Array(text.utf8)
            let (collapsed, copy) = bytes.withUnsafeMutableBufferPointer { m in
                (HTMLText.isCollapsed(UnsafeBufferPointer(m)), HTMLText.collapsedCopy(utf8: UnsafeBufferPointer(m)))
            }
            #expect(copy == reference(text), "\(Array(text.unicodeScalars))")
            #expect(checkCollapsed(text) == collapsed)
            if collapsed {
                unchanged += 1
                #expect(copy == text, "\(Array(text.unicodeScalars))")
            }
            #expect(HTMLText.collapsingWhitespace(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
        #expect(unchanged > 1_000 && unchanged < 19_000)
    }

    /// Whatever the text's length, whitespace to collapse is found at every place in it, the
    /// first and last bytes and those that chunks of 16 read twice or one at a time.
    @Test func collapsingIsFoundAtEveryPlace() {
        func isCollapsed(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { HTMLText.isCollapsed($0) } }
        func isPlain(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { HTMLText.isPlainAsWritten($0) } }
        let stops: [[UInt8]] = [[0x20, 0x20], [0x09], [0x0A], [0x01], [0xC2, 0xA0], [0xE2, 0x80, 0x89], [0xE3, 0x80, 0x80]]
        for n in 1...40 {
            // Words of two letters and single spaces: nothing to collapse.
            let clean = (0..<n).map { $0 % 3 == 2 ? UInt8(ascii: " ") : UInt8(ascii: "x") }
            let ending = clean.last == UInt8(ascii: " ") ? Array(clean.dropLast()) + [UInt8(ascii: "y")] : clean
            #expect(isCollapsed(ending), "\(n)")
            #expect(isPlain(ending), "\(n)")
            for k in 0..<n {
                for stop in stops {
                    var text = ending
                    text.replaceSubrange(k..<min(k + stop.count, n), with: stop)
                    #expect(!isCollapsed(text), "\(text)")
                }
                for markup in [UInt8(ascii: "<"), UInt8(ascii: "&"), 0x7F] {
                    var text = ending
                    text[k] = markup
                    #expect(isCollapsed(text), "\(text)")
                    #expect(!isPlain(text), "\(text)")
                }
            }
        }
    }

    /// A text found plain as written is exactly what stripping it gives, so the parser may
    /// keep its bytes; and plain-looking texts are found so, or the fast path does nothing.
    @Test func plainAsWrittenIsWhatStrippingGives() {
        var rng = SplitMix64(seed: 0x9A1A)
        let pieces = [
            "Lancement", "produit", "é", "n°0", " ", " ", " ", "  ", "\t", "\n", "<b>", "</b>", "<", "&amp;", "&eacute;",
            "&", "\u{7F}", "\u{01}", "\u{A0}", "\u{2009}", "Aucun", "commentaire", "Partager", "Tweet", "12", "x",
        ]
        var plainAsWritten = 0
        for _ in 0..<30_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer(HTMLText.isPlainAsWritten)
            if fast {
                plainAsWritten += 1
                #expect(Self.plain(bytes) == text, "\(Array(text.unicodeScalars))")
            }
        }
        #expect(plainAsWritten > 3_000)
        #expect(!Array("Aucun commentaire".utf8).withUnsafeBufferPointer(HTMLText.isPlainAsWritten))
        #expect(Array("Aucun problème".utf8).withUnsafeBufferPointer(HTMLText.isPlainAsWritten))
    }

    /// Texts written into a storage stay readable as it grows and moves: each keeps its
    /// offset, not an address.
    @Test func storageKeepsTextsAsItGrows() {
        let storage = TextStorage(capacity: 1)
        var texts: [(FeedText, String)] = []
        for index in 0..<2_000 {
            let html = "<p>Paragraphe \(index) &eacute;t&eacute;</p>" + String(repeating: "x", count: index % 50)
            let text = Array(html.utf8).withUnsafeBufferPointer { HTMLText.plainText(utf8: $0, into: storage) }
            texts.append((text, HTMLText.plainText(html)))
        }
        #expect(storage.count > 64)
        for (text, expected) in texts { #expect(text.string == expected) }
    }

    @Test func titlesAndFurniture() {
        #expect(Self.plain(Array("  Lancement\u{A0} produit \n n°0 ".utf8)) == "Lancement produit n°0")
        #expect(Self.plain(Array("Aucun commentaire".utf8)) == "")
        #expect(Self.plain(Array("Caf&eacute; <b>x</b>".utf8)) == "Café x")
    }
}
