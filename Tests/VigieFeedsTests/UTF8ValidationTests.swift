import Testing

@testable import VigieFeeds

/// The word-at-a-time validator must give the offset that decoding one sequence after
/// another gives, for every input.
@Suite struct UTF8ValidationTests {
    /// The definition: sequences decoded one after another from the start.
    static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            var i = 0
            while i < p.count {
                let length = InputDecoder.sequenceLength(p, at: i)
                if length == 0 { return i }
                i += length
            }
            return nil
        }
    }

    static func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = referenceFirstInvalid(bytes)
        #expect(InputDecoder.firstInvalidUTF8(bytes) == expected, "\(bytes)", sourceLocation: sourceLocation)
        // The standard library agrees on whether the bytes are valid at all.
        #expect((String(validating: bytes, as: UTF8.self) != nil) == (expected == nil), "\(bytes)",
            sourceLocation: sourceLocation)
    }

    @Test func knownSequences() {
        #expect(InputDecoder.firstInvalidUTF8([]) == nil)
        #expect(InputDecoder.firstInvalidUTF8(Array("plain ASCII text, long enough for words".utf8)) == nil)
        #expect(InputDecoder.firstInvalidUTF8(Array("Café, crème brûlée, été, n°1 — ’ € 😀".utf8)) == nil)
        let cases: [[UInt8]: Int] = [
            [0x80]: 0, [0xBF]: 0, [0xC0, 0x80]: 0, [0xC1, 0xBF]: 0, [0xC2]: 0, [0xC3, 0x41]: 0,
            [0xE0, 0x80, 0x80]: 0, [0xE0, 0x9F, 0xBF]: 0, [0xED, 0xA0, 0x80]: 0, [0xED, 0xBF, 0xBF]: 0,
            [0xF0, 0x8F, 0xBF, 0xBF]: 0, [0xF4, 0x90, 0x80, 0x80]: 0, [0xF5, 0x80, 0x80, 0x80]: 0, [0xFF]: 0,
            [0xE2, 0x82]: 0, [0xF0, 0x9F, 0x98]: 0, [0xC3, 0xA9, 0xC3]: 2,
        ]
        for (bytes, offset) in cases {
            #expect(InputDecoder.firstInvalidUTF8(bytes) == offset, "\(bytes)")
            // The same sequence after ASCII and two-byte text that fills whole words.
            let prefix = Array("abcdéfgh ijklmnoé".utf8)
            #expect(InputDecoder.firstInvalidUTF8(prefix + bytes) == prefix.count + offset, "\(bytes)")
        }
    }

    /// A lead byte or an error at every position around the eight- and sixteen-byte strides.
    @Test func sequencesAcrossWordBoundaries() {
        let fragments: [[UInt8]] = [
            [0xC3, 0xA9], [0xC3], [0xA9], [0xC1, 0xA9], [0xE2, 0x80, 0x99], [0xED, 0xA0, 0x80],
            [0xF0, 0x9F, 0x98, 0x80], [0xC2, 0xA0], [0xDF, 0xBF], [0xC2, 0xC2],
        ]
        for fragment in fragments {
            for offset in 0..<40 {
                for length in [offset + fragment.count, offset + fragment.count + 1, 48] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: max(length, offset + fragment.count))
                    bytes.replaceSubrange(offset..<(offset + fragment.count), with: fragment)
                    Self.check(bytes)
                }
            }
        }
    }

    /// Random and mutated byte strings: invalid bytes, overlongs, surrogates, sequences cut
    /// by the end of the input, against the definition.
    @Test func randomizedAgainstReference() {
        var rng = SplitMix64(seed: 0x5EED_0F_0DE0)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xA9, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF,
            0xE0, 0xE1, 0xE2, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF,
        ]
        let texts = [
            "Qualité écologie rappel service succès écologie garantie vidéo",
            "l’été — « Café » 😀 €5 n°1 Ärger ﬁn",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ].map { Array($0.utf8) }
        for _ in 0..<60_000 {
            var bytes: [UInt8]
            switch rng.next() % 3 {
            case 0:
                bytes = (0..<Int(rng.next() % 50)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 1:
                bytes = (0..<Int(rng.next() % 50)).map { _ in interesting[Int(rng.next() % UInt64(interesting.count))] }
            default:
                bytes = texts[Int(rng.next() % UInt64(texts.count))]
                for _ in 0..<(rng.next() % 3) {
                    let replacement = interesting[Int(rng.next() % UInt64(interesting.count))]
                    bytes[Int(rng.next() % UInt64(bytes.count))] = replacement
                }
                bytes.removeLast(Int(rng.next() % 4))
            }
            Self.check(bytes)
        }
    }
}
