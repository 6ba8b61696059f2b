import Testing

@testable import VigieFeeds

/// The tag stripper against ``ReferenceStripper``, byte for byte, over random HTML-ish text.
@Suite struct TagStripperDifferentialTests {
    /// Pieces that random inputs are made of: markup of every kind the stripper tells apart,
    /// references, every whitespace kind, multi-byte text, furniture lines and truncated
    /// markup, with plain words repeated so that runs of text cross 16-byte boundaries.
    static let pieces: [String] = [
        "<p>", "</p>", "<P class=\"x\">", "<br>", "<br/>", "<BR />", "<a href=\"https://example.com/1\">", "</a>",
        "<a href='x>y'>", "<a title = \"a > b\" href=x>", "<a b=\"c'\">", "<a 'q>'>", "<b>", "</b>", "<span>",
        "<xhtml:p>", "</xhtml:div>", "<x:y:li>", "<blockquote>", "</figcaption>", "<blockquotes>", "<li>", "<td>",
        "<th>", "<pre>", "</pre>", "<img src=\"a.png\" alt=\"émoji &amp; co\">", "<img alt='😀'>", "<img alt=\"\">",
        "<img alt=x>", "<script>var s = \"<p>\";</script>", "<SCRIPT>x</script >", "<style>p{}</STYLE>",
        "<script>", "<title>titre</title>", "<!-- note <b> -->", "<!---->", "<![CDATA[ a\tb <c> ]]>", "<![cdata[x",
        "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "<h1>", "<table>", "<tr>", "<option>", "<a1>", "<1>",
        "<", "</", "<a href=\"", "<p", "<!--", "<!", "<?", "< p>", ">", "\"", "'", "=", "&", "&#", "&#x", "&amp;",
        "&amp", "&ampx", "&amp;x", "&eacute;", "&Eacute;", "&laquo;", "&raquo;", "&nbsp;", "&nbsp", "&#160;",
        "&#233;", "&#xE9;", "&#x1F600;", "&#0;", "&#xD800;", "&#150;", "&#9;", "&#10;", "&shy;", "&#8203;",
        "&copy", "&copyright", "&unknown;", "&lt;b&gt;", "&quot;", "&rsquo;", "&#99999999999;", " ", " ", " ",
        "  ", "\t", "\n", "\r\n", "\r", "\u{0C}", "\u{0B}", "\u{01}", "\u{7F}", "\u{A0}", " \u{A0} ", "\u{85}",
        "é", "Café", "été", "«", "»", "’", "€", "😀", "中文", "a", "e", "x", "un", "mot", "bonjour", "la suite",
        "Innovation service sécurité retour avis réseau", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "a b c d e f g",
        ".", ",", "1", "42", "-", "Aucun commentaire", "Partager", "Publié par Marie à 10:32", "Libellés : x",
        "Share", "Tweet", "Classé dans ", "Posted by Ann at noon", "Lire la suite", "J’aime", "E-mail",
    ]

    static func randomHTML(_ rng: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int(rng.next() % 40) {
            bytes += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8)
        }
        // Sometimes cut anywhere, in the middle of markup or of a multi-byte character.
        if rng.next() % 4 == 0, !bytes.isEmpty {
            bytes.removeLast(Int(rng.next() % UInt64(bytes.count)))
        }
        return bytes
    }

    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { p in
            let capacity = p.count + 8
            let text = TextStorage(capacity: capacity).appending(maxCount: capacity) { destination in
                var writer = PlainTextWriter(buffer: UnsafeMutableBufferPointer(start: destination, count: capacity))
                ReferenceStripper.strip(p, into: &writer)
                return writer.finishCount()
            }
            return text.withUTF8 { Array($0) }
        }
    }

    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        let storage = TextStorage(capacity: 0)
        let text = bytes.withUnsafeBufferPointer { HTMLText.plainText(utf8: $0, into: storage) }
        return text.withUTF8 { Array($0) }
    }

    @Test func matchesReferenceOnRandomHTML() {
        var rng = SplitMix64(seed: 0x5712_1BBE)
        for _ in 0..<30_000 {
            let html = Self.randomHTML(&rng)
            let expected = Self.reference(html)
            let actual = Self.stripped(html)
            #expect(actual == expected, "\(String(decoding: html, as: UTF8.self).debugDescription)")
            if actual != expected { return }
        }
    }

    /// Long runs of text with a rare special byte, at every offset around chunk boundaries.
    @Test func matchesReferenceAroundChunkBoundaries() {
        let specials: [[UInt8]] = [[0x20], [0x20, 0x20], [0x20, 0x3C], [0x3C], [0x26], [0x0A], [0x7F], [0xC2, 0xA0]]
        for length in 0..<70 {
            for position in 0...length {
                for special in specials {
                    var html = [UInt8](repeating: UInt8(ascii: "e"), count: length)
                    html.replaceSubrange(position..<min(position + special.count, length), with: special)
                    #expect(Self.stripped(html) == Self.reference(html), "\(html)")
                }
            }
        }
    }

    /// The packed constants name exactly the elements the reference lists, in any case.
    @Test func elementKindsMatchTheirNames() {
        func kind(_ name: String) -> ElementKind {
            Array(name.utf8).withUnsafeBufferPointer { ElementKind.classify($0) }
        }
        for (name, expected) in ReferenceStripper.kinds {
            #expect(kind(name) == expected, "\(name)")
            #expect(kind(name.uppercased()) == expected, "\(name)")
        }
        var rng = SplitMix64(seed: 0xE1E)
        let letters = Array("abcdefghilmnoprstuvy123456".utf8)
        for _ in 0..<50_000 {
            let name = String(decoding: (0..<(1 + rng.next() % 9)).map { _ in letters[Int(rng.next() % 26)] }, as: UTF8.self)
            #expect(kind(name) == ReferenceStripper.kinds[name] ?? .inline, "\(name)")
        }
    }

    /// Whitespace around HTML changes neither its plain text nor its trimmed form nor whether
    /// it has markup: the document leaves whitespace-only runs around CDATA out of the text.
    @Test func surroundingWhitespaceChangesNothing() {
        let spaces = ["", " ", "\n", "\t", "\r\n", "\n      ", "  \n\t "]
        var rng = SplitMix64(seed: 0xC0A7A)
        for _ in 0..<20_000 {
            let html = Self.randomHTML(&rng)
            let padded =
                Array(spaces[Int(rng.next() % UInt64(spaces.count))].utf8) + html
                + Array(spaces[Int(rng.next() % UInt64(spaces.count))].utf8)
            let (plain, trimmed, markup) = html.withUnsafeBufferPointer {
                (HTMLText.plainText(utf8: $0), Array($0[$0.rangeTrimmingASCIIWhitespace()]), MappingContext.containsMarkup($0))
            }
            padded.withUnsafeBufferPointer { p in
                #expect(HTMLText.plainText(utf8: p) == plain, "\(html)")
                #expect(Array(p[p.rangeTrimmingASCIIWhitespace()]) == trimmed, "\(html)")
                #expect(MappingContext.containsMarkup(p) == markup, "\(html)")
            }
        }
    }
}
