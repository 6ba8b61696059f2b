import Testing

@testable import VigieFeeds

/// The one-pass texts of short fields against their definitions.
@Suite struct ShortPlainTextTests {
    static func both(_ bytes: [UInt8]) -> (short: String, stripped: String) {
        bytes.withUnsafeBufferPointer { (HTMLText.shortPlainText(utf8: $0), HTMLText.plainText(utf8: $0)) }
    }

    @Test func randomizedAgainstTheStripper() {
        var rng = SplitMix64(seed: 0x7171E)
        // Whitespace of every kind, controls, no-break spaces, accents, furniture words,
        // and now and then the `<` or `&` that sends the text to the stripper itself.
        let pieces: [[UInt8]] = [
            Array("Lancement".utf8), Array("produit".utf8), Array("sécurité".utf8), Array("n°0".utf8),
            Array("Partager".utf8), Array("Aucun commentaire".utf8), Array("Share".utf8), Array("42".utf8),
            [0x20], [0x20, 0x20], [0x0A], [0x09], [0x0D], [0x0C], [0x0B], [0x00], [0x1F], [0x7F], [0xC2, 0xA0],
            [0xC2, 0xA9], [0xE2, 0x80, 0x83], [0xF0, 0x9F, 0x98, 0x80], Array("<b>".utf8), Array("&eacute;".utf8),
        ]
        var compared = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) {
                bytes += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            let (short, stripped) = Self.both(bytes)
            #expect(short == stripped, "\(bytes)")
            if !bytes.contains(UInt8(ascii: "<")), !bytes.contains(UInt8(ascii: "&")) { compared += 1 }
        }
        // Most cases go through the one-pass path, not the stripper.
        #expect(compared > 10_000)
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
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(HTMLText.collapsingWhitespace(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func titlesAndFurniture() {
        #expect(Self.both(Array("  Lancement\u{A0} produit \n n°0 ".utf8)).short == "Lancement produit n°0")
        #expect(Self.both(Array("Aucun commentaire".utf8)).short == "")
        #expect(Self.both(Array("Caf&eacute; <b>x</b>".utf8)).short == "Café x")
    }
}
