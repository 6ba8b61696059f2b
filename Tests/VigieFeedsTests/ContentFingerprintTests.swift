import Testing
import VigieDigest

@testable import VigieFeeds

@Suite struct ContentFingerprintTests {
    @Test func sha256KnownVectors() {
        #expect(SHA256.hexDigest(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Input given in pieces hashes as it does in one: whole blocks are read from each piece
    /// and only the rest is held over, so every split around a block boundary is tried.
    @Test func sha256InPiecesEqualsOneUpdate() {
        var random = SplitMix64(seed: 0x5A_2560)
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 200, 1_000] {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = SHA256.hexDigest(message)
            for _ in 0..<20 {
                var hasher = SHA256()
                var start = 0
                while start < length {
                    let end = min(length, start + Int(random.next() % 80))
                    hasher.update(message[start..<end])
                    start = end
                }
                #expect(SHA256.hex(hasher.finalize()) == whole, "length \(length)")
            }
        }
    }

    /// The SHA extensions give the digests of the Swift compression, on every length up to
    /// five blocks and in random pieces. Where the processor has no extensions, both are Swift.
    @Test func sha256HardwareMatchesSwift() {
        var random = SplitMix64(seed: 0x5A_0E1)
        for length in 0..<330 {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var hardware = SHA256()
            var swift = SHA256(hardware: false)
            var start = 0
            while start < length {
                let end = min(length, start + Int(random.next() % 150))
                hardware.update(message[start..<end])
                start = end
            }
            swift.update(message)
            #expect(SHA256.hex(hardware.finalize()) == SHA256.hex(swift.finalize()), "length \(length)")
        }
        print("SHA-256 with the processor's SHA extensions: \(SHA256.hardwareAvailable)")
    }

    @Test func fixedValueAcrossRuns() {
        // Pinned: a change here means every stored fingerprint changes.
        #expect(
            ContentFingerprint.of(title: "Hello", body: "World")
                == SHA256.hexDigest(Array("t:hello\nb:world".utf8)))
    }

    @Test func sameTextDifferentMarkupAndWhitespace() {
        let a = ContentFingerprint.of(
            title: "Un  Titre", body: "<p>Premier paragraphe, avec du <b>gras</b>.</p>\n<p>Fin!</p>")
        let b = ContentFingerprint.of(title: "un titre", body: "<div>Premier paragraphe avec du gras</div><br/>  fin ")
        let c = ContentFingerprint.of(title: "UN TITRE", body: "Premier&nbsp;paragraphe, avec du gras. Fin&#33;")
        #expect(a == b)
        #expect(a == c)
        #expect(a.count == 64)
        #expect(a.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func composedAndDecomposedAccentsAgree() {
        #expect(
            ContentFingerprint.of(title: nil, body: "caf\u{E9}")
                == ContentFingerprint.of(title: nil, body: "cafe\u{301}"))
    }

    @Test func differentTextDiffers() {
        #expect(ContentFingerprint.of(title: "A", body: "B") != ContentFingerprint.of(title: "A", body: "C"))
        #expect(ContentFingerprint.of(title: "A B", body: "C") != ContentFingerprint.of(title: "A", body: "B C"))
        #expect(ContentFingerprint.of(title: nil, body: "x") != ContentFingerprint.of(title: "x", body: ""))
    }

    /// The scalar-by-scalar path and the composing path give the same words on every text
    /// the first one takes, and texts it does not take still come out composed.
    @Test func fastPathAgreesWithComposingPath() {
        let alphabet: [Unicode.Scalar] = Array("aZ09 ,.;'-_\t\n!?éÉèàÀçÇœŒßẞæÆøØåÅñÑüÜöÖıİſµªº×÷¡¿«»’“”…–—€ÿŸǅǄǆ".unicodeScalars)
            + [Unicode.Scalar(0xA0)!, Unicode.Scalar(0xAD)!, Unicode.Scalar(0x2000)!, Unicode.Scalar(0x2070)!,
               Unicode.Scalar(0x2071)!, Unicode.Scalar(0x207F)!, Unicode.Scalar(0x20AC)!, Unicode.Scalar(0x1C4)!,
               Unicode.Scalar(0x2B0)!, Unicode.Scalar(0x2C6)!, Unicode.Scalar(0x2FF)!, Unicode.Scalar(0x1E9E)!]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text.append(alphabet.randomElement(using: &generator)!)
            }
            let input = String(text)
            var fast: [UInt8] = []
            ContentFingerprint.appendNormalizedWords(input, to: &fast)
            var general: [UInt8] = []
            ContentFingerprint.appendNormalizedWordsComposing(input, to: &general)
            #expect(fast == general, "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(ContentFingerprint.normalizedWords("Cafe\u{301} CRÈME, l’été…") == "café crème l été")
        #expect(ContentFingerprint.normalizedWords("Ὀδυσσεύς ΚΑΛΗΜΕΡΑ") == "ὀδυσσεύς καλημερα")
    }
}
