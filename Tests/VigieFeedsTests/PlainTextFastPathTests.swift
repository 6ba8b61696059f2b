import Testing

@testable import VigieFeeds

/// The fast paths of the tag stripper and the plain-text writer against their definitions.
@Suite struct PlainTextFastPathTests {
    /// The bytes' address and count, for functions that take a pointer even when there are
    /// no bytes (an empty array may have no storage; any address does for zero bytes).
    static func withPointer<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        bytes.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    @Test func specialBytes() {
        let special = (0...255).filter { TagStripper.isSpecial(UInt8($0)) }
        #expect(special == Array(0..<0x20) + [0x26, 0x3C, 0x7F, 0xC2])
    }

    @Test func runEndRandomized() {
        var rng = SplitMix64(seed: 0x0E1D)
        // Every special byte, bytes next to them, and ordinary text.
        let pool: [UInt8] = [
            0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x20, 0x20, 0x21, 0x25, 0x26, 0x27, 0x3B, 0x3C, 0x3D, 0x7E, 0x7F,
            0x80, 0xA0, 0xC1, 0xC2, 0xC3, 0xA9, 0xE2, 0xFF, 0x41, 0x61, 0x61, 0x65, 0x6F, 0x2E,
        ]
        for _ in 0..<50_000 {
            let bytes = (0..<Int(rng.next() % 40)).map { _ in
                rng.next() % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : UInt8(ascii: "e")
            }
            for start in 0...bytes.count {
                let end = Self.withPointer(bytes) { TagStripper.runEnd($0, from: start, count: $1) }
                let expected = Self.withPointer(bytes) { ReferenceStripper.runEnd($0, from: start, count: $1) }
                #expect(end == expected, "\(bytes) from \(start)")
            }
        }
    }

    /// Bytes fewer than a chunk are read as one padded with zeros: their own bytes in their
    /// lanes, whatever their number and whatever bytes follow them.
    @Test func fewBytesArePaddedWithZeros() {
        var rng = SplitMix64(seed: 0xC4_0C4)
        for n in 1..<16 {
            for _ in 0..<200 {
                // The bytes after the line are never zero, so that any of them read shows.
                var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: rng.next()) | 1 }
                var expected = SIMD16<Int8>()
                for k in 0..<n { expected[k] = Int8(bitPattern: bytes[k]) }
                let chunk = bytes.withUnsafeMutableBufferPointer { ChunkLanes.paddedChunk($0.baseAddress!, count: n) }
                #expect(chunk == expected, "\(n) bytes")
            }
        }
    }

    /// `run` and `scalar` write what `byte` would write for each of their bytes.
    @Test func writerFastPathsMatchBytes() {
        var rng = SplitMix64(seed: 0xF00D)
        let scalars: [UInt32] = [0x41, 0xE9, 0xA0, 0x2019, 0x20AC, 0x1F600, 0x10FFFF, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF]
        for _ in 0..<20_000 {
            let capacity = Int(rng.next() % 24)
            let (fastText, slowText) = PlainTextWriter.withWriter(capacity: capacity) { fast in
                PlainTextWriter.withWriter(capacity: capacity) { slow in
                    for _ in 0..<(rng.next() % 12) {
                        switch rng.next() % 5 {
                        case 0:
                            let text = Array("ab cdé".utf8.prefix(Int(rng.next() % 8)))
                            Self.withPointer(text) { fast.run($0, count: $1) }
                            for b in text { slow.byte(b) }
                        case 1:
                            let value = scalars[Int(rng.next() % UInt64(scalars.count))]
                            fast.scalar(value)
                            for b in String(Unicode.Scalar(value)!).utf8 { slow.byte(b) }
                        case 2:
                            fast.space()
                            slow.space()
                        case 3:
                            let strength = Int(rng.next() % 2) + 1
                            fast.lineBreak(strength)
                            slow.lineBreak(strength)
                        default:
                            fast.byte(UInt8(ascii: "x"))
                            slow.byte(UInt8(ascii: "x"))
                        }
                    }
                    return (fast.finish(), slow.finish())
                }
            }
            #expect(fastText == slowText)
        }
    }

    @Test func spacesAroundRunsOfText() {
        #expect(HTMLText.plainText("un deux  trois\u{A0}quatre cinq ") == "un deux trois quatre cinq")
        #expect(HTMLText.plainText("avant <p>après</p> fin") == "avant\n\naprès\n\nfin")
        #expect(HTMLText.plainText("a &amp; b &#8203; c &shy;d") == "a & b c d")
        #expect(HTMLText.plainText("une phrase assez longue pour plusieurs mots <b>gras</b> et <br> enfin")
            == "une phrase assez longue pour plusieurs mots gras et\nenfin")
        #expect(HTMLText.plainText("x\n y\t\tz \r") == "x y z")
        // A run's last space, before a tag or a reference, is the one space written there.
        #expect(HTMLText.plainText("a <b>b</b> c <i> d </i> e &nbsp; f &#32;g ") == "a b c d e f g")
        #expect(HTMLText.plainText("ligne <br> après </p> <p> fin <td> cellule <!-- x --> ") == "ligne\naprès\n\nfin cellule")
    }

    @Test func packedKeyTableMatchesDictionary() {
        for (name, value) in HTMLEntities.table where name.utf8.count <= 8 {
            #expect(StaticTables.htmlEntities[PackedKey.pack(Array(name.utf8))] == value, "\(name)")
        }
        // Tables are only made as static constants: each is checked against its pairs, and
        // against keys it does not hold, small, large and random.
        var rng = SplitMix64(seed: 0x7AB1E)
        let misses: [UInt64] = [0, 1, .max] + (0..<500).map { _ in rng.next() >> (rng.next() % 64) }
        let entities = Dictionary(HTMLEntities.packedPairs, uniquingKeysWith: { $1 })
        for key in Array(entities.keys) + misses {
            #expect(StaticTables.htmlEntities[key] == entities[key])
        }
        let lineStarts = Set(Boilerplate.lineStartWordKeys)
        for key in Array(lineStarts) + misses {
            #expect((StaticTables.lineStartWords[key] != nil) == lineStarts.contains(key))
        }
        #expect(ElementKind.classify(UnsafeBufferPointer(start: nil, count: 0)) == .inline)
        let kinds: [(String, ElementKind)] = [
            ("P", .paragraph), ("bR", .lineBreak), ("SCRIPT", .raw), ("td", .cell), ("span", .inline),
        ]
        for (name, kind) in kinds {
            #expect(Array(name.utf8).withUnsafeBufferPointer { ElementKind.classify($0) } == kind)
        }
    }
}
