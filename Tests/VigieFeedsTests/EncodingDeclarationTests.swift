import Foundation
import Testing

@testable import VigieFeeds

/// Encoding names are read on the bytes when they are ASCII: the same answers as reading
/// them as characters, with Foundation's trimming and lower-casing.
@Suite struct EncodingDeclarationTests {
    static let pieces = [
        "<?xml", " ", "\t", "\r\n", "\n", "version=\"1.0\"", "encoding", "Encoding", "=", " = ", "\"", "'", "UTF-8",
        "iso-8859-1", "Windows_1252", "latin1", "standalone='yes'", "?", "é", "\u{301}", "\u{A0}", "x",
    ]

    @Test func declarationsReadAsCharacters() {
        var rng = SplitMix64(seed: 0xE4C0)
        var fromBytes = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 10)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
                .joined()
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                fromBytes += 1
                let bytes = Array(text.utf8).withUnsafeBufferPointer { InputDecoder.asciiDeclaredEncoding($0) }
                #expect(bytes == InputDecoder.declaredEncoding(inDeclaration: text), "\(text)")
            }
        }
        #expect(fromBytes > 5_000)
        #expect(InputDecoder.declaredEncoding(Array("<?xml version='1.0' encoding = 'ISO-8859-1'?><rss/>".utf8)) == "ISO-8859-1")
    }

    @Test func labelsLoweredAsWithFoundation() {
        var rng = SplitMix64(seed: 0x1ABE1)
        let pieces = [" ", "\t", "\n", "UTF", "utf", "_", "-", "8", "Latin1", "ISO", "\u{A0}", "é", "\u{2003}", "x"]
        for _ in 0..<20_000 {
            let label = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let foundation = label.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
            if let bytes = InputDecoder.asciiLoweredLabel(label) {
                #expect(bytes == foundation, "\(label)")
            }
        }
        #expect(InputDecoder.normalizedLabel(" Windows_1252\t") == "windows-1252")
    }
}
