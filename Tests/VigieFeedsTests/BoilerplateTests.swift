import Testing

@testable import VigieFeeds

/// The furniture check read from bytes against the same check made with strings (the line
/// lower-cased, split into words by their Unicode properties), which it must always agree with.
@Suite struct BoilerplateTests {
    /// The check as it is defined: the opening word, then the lower-cased line as a string.
    static func reference(_ line: String) -> Bool {
        var utf8 = Array(line.utf8)
        return utf8.withUnsafeMutableBufferPointer { p in
            Boilerplate.furnitureOpening(UnsafeBufferPointer(p)) != nil
                && Boilerplate.isBoilerplate(lowercased: line.lowercased(), utf8Count: p.count)
        }
    }

    static func check(_ line: String) -> Bool {
        var utf8 = Array(line.utf8)
        return utf8.withUnsafeMutableBufferPointer { Boilerplate.isBoilerplate(UnsafeBufferPointer($0)) }
    }

    /// The word check from bytes, nil where it leaves the line to the strings.
    static func wordsFromBytes(_ line: String) -> Bool? {
        var utf8 = Array(line.utf8)
        return utf8.withUnsafeMutableBufferPointer { Boilerplate.wordsAreFurniture(UnsafeBufferPointer($0)) }
    }

    @Test func blogFurnitureFromBytes() {
        for line in [
            "Aucun commentaire:", "3 commentaires :", "Partager sur Facebook", "J’aime ça :", "J'AIME Chargement…",
            "Share this:", "Envoyer par e-mail BlogThis! Partager sur Twitter", "Lire la suite »", "Tweet ½",
        ] {
            #expect(Self.wordsFromBytes(line) == true, "\(line)")
            #expect(Self.check(line), "\(line)")
        }
        for line in ["Aucun commentaire sur ce produit", "Partager un café", "Un", "sur la", "2 sur 3", "Share-x"] {
            #expect(Self.wordsFromBytes(line) == false, "\(line)")
            #expect(!Self.check(line), "\(line)")
        }
        // Lines that only their start makes furniture, and characters left to the strings.
        #expect(Self.check("Libellés : cuisine, vacances"))
        #expect(Self.check("Publié par Marie à 10:32"))
        #expect(Self.wordsFromBytes("Partager Ω") == nil)
        #expect(Self.wordsFromBytes("\u{212A}") == nil)
    }

    /// Every character the byte check reads itself is split and lower-cased as the strings are.
    @Test func charactersReadFromBytesAgreeWithUnicode() {
        let scalars = Array(0x01...0x2FF) + Array(0x2000...0x20FF)
        for value in scalars {
            let c = String(Character(Unicode.Scalar(UInt32(value))!))
            for line in [
                "\(c)", "comment\(c)partager", "\(c)facebook", "facebook \(c)", "-\(c)facebook", "\(c)-tweet",
                "aime\(c)", "\(c)\(c) comments", "e\(c)mail",
            ] {
                let bytes = Self.wordsFromBytes(line)
                #expect(bytes == nil || bytes == Boilerplate.wordsAreFurniture(lowercased: line.lowercased()), "\(line)")
                #expect(Self.check(line) == Self.reference(line), "\(line)")
            }
        }
    }

    static let pieces: [String] = [
        "aucun", "Aucun", "AUCUN", "commentaire", "Commentaires", "COMMENTS", "comment", "partager", "Partager",
        "sur", "Sur", "un", "x", "X", "e-mail", "E-MAIL", "email", "blogthis!", "BlogThis!", "j’aime", "J'aime",
        "ça", "ÇA", "Ça", "aime", "chargement", "lire", "la", "suite", "LA SUITE", "read", "more", "tweet", "share",
        "pages", "print", "imprimer", "libellés", "Libellés", "LIBELLÉS", "étiquettes", "Étiquettes", "publié",
        "Publié par", "posté par", "posted by", "Posted in", "classé dans", "filed under", "label", "labels",
        " à ", " le ", " at ", " on ", "marie", "Marie", "café", "Café", "produit", "été", "Été", "naïve",
        "0", "1", "42", "10:32", "²", "½", "¾", "ª", "º", "µ", "ß", "ÿ", "×", "÷", "-", "--", "- ", " -",
        " ", " ", "  ", ",", ":", " :", ";", ".", "…", "!", "?", "'", "’", "‘", "«", "»", "“", "”", "–", "—",
        "\u{A0}", "\u{202F}", "\u{AD}", "(", ")", "/", "|", "\u{212A}", "İ", "Ω", "ω", "中文", "😀", "ⁱ", "⁴",
        "é", "É", "À", "à", "Ç", "Ö", "ö", "Þ", "þ", "abcdefghijklmnopqrstuvwxyzabcdefghij",
        "commentairecommentairecommentaire", "2commentaires", "commentaires2", "-comment", "comment-",
    ]

    @Test func randomLinesAgreeWithTheStrings() {
        var rng = SplitMix64(seed: 0xB0_11E4)
        var decidedFromBytes = 0
        var furniture = 0
        for _ in 0..<60_000 {
            var line = ""
            for k in 0..<Int(rng.next() % 9) {
                if k > 0, rng.next() % 3 != 0 { line += " " }
                line += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
            }
            let bytes = Self.wordsFromBytes(line)
            if let bytes {
                decidedFromBytes += 1
                #expect(bytes == Boilerplate.wordsAreFurniture(lowercased: line.lowercased()), "\(line)")
            }
            let result = Self.check(line)
            if result { furniture += 1 }
            #expect(result == Self.reference(line), "\(line)")
        }
        // The inputs reach both answers and both paths.
        #expect(furniture > 1_000)
        #expect(decidedFromBytes > 40_000 && decidedFromBytes < 60_000)
    }
    static func opening(_ line: String) -> UInt64? {
        var utf8 = Array(line.utf8)
        return utf8.withUnsafeMutableBufferPointer { Boilerplate.furnitureOpening(UnsafeBufferPointer($0)) }
    }

    /// Every opening word, in any case and alone or opening a line, is found to open one;
    /// words that open none are not, whatever their first letters and length.
    @Test func openingWordsAreFoundAndOthersAreNot() {
        var checked = 0
        for word in Boilerplate.openingWordBytes {
            let text = String(decoding: word, as: UTF8.self)
            for variant in [text, text.uppercased(), text.capitalized] {
                for line in [variant, variant + " : un, deux", variant + " " + String(repeating: "x", count: 20)] {
                    #expect(Self.opening(line) != nil, "\(line)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
        // Words that share an opening word's first two letters and length, or its first
        // letter, open nothing unless they are one.
        let openings = Set(Boilerplate.openingWordBytes.map { String(decoding: $0, as: UTF8.self) })
        for word in Boilerplate.openingWordBytes where word.count >= 2 {
            let text = String(decoding: word, as: UTF8.self)
            for change in ["q", "z", "é", "w"] {
                let other = String(text.dropLast()) + change
                guard !openings.contains(other) else { continue }
                #expect(Self.opening(other) == nil, "\(other)")
                #expect(Self.opening(other + " et la suite du texte") == nil, "\(other)")
            }
        }
    }

    /// A line's first word gets the same key read 16 bytes at once (a line that long) as
    /// byte by byte (a shorter one): capitals, accents, hyphens and word ends alike.
    @Test func openingWordKeyDoesNotDependOnLineLength() {
        var rng = SplitMix64(seed: 0x0B_E11E)
        var openings = 0
        var compared = 0
        for _ in 0..<20_000 {
            var word = Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
            if rng.next() % 2 == 0 { word += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            guard word.utf8.count < 16 else { continue }
            // Punctuation adds no word: the line's first word stays the piece's.
            let long = word + " " + String(repeating: ":", count: 16)
            let short = Self.opening(word)
            #expect(short == Self.opening(long), "\(word)")
            // Opening with punctuation, the line is read byte by byte; the word is the same.
            #expect(short == Self.opening(": " + word), "\(word)")
            compared += 1
            if short != nil { openings += 1 }
        }
        #expect(compared > 15_000)
        #expect(openings > 2_000)
        for line in ["Étiquettes : cuisine, vacances", "COMMENTAIRES et réponses du jour", "Libellés: a, b, c, d, e"] {
            #expect(Self.opening(line) != nil, "\(line)")
        }
        for line in ["Innovation service sécurité retour", "Été comme hiver, la marque", "Commentairesx et plus"] {
            #expect(Self.opening(line) == nil, "\(line)")
        }
    }
}
