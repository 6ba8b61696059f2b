import Testing

@testable import VigieFeeds

/// The one-pass plain text of short fields against the stripper it stands in for.
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

    @Test func titlesAndFurniture() {
        #expect(Self.both(Array("  Lancement\u{A0} produit \n n°0 ".utf8)).short == "Lancement produit n°0")
        #expect(Self.both(Array("Aucun commentaire".utf8)).short == "")
        #expect(Self.both(Array("Caf&eacute; <b>x</b>".utf8)).short == "Café x")
    }
}
