/// Lines of blog furniture that carry nothing of the post: share buttons, comment prompts,
/// bylines and label lists as Blogger and WordPress print them, in French and English.
enum Boilerplate {
    /// Longer lines are never furniture; this also bounds the work per line.
    static let maxLineLength = 240

    /// Phrases that, alone or together on one line, make it furniture. Longest first, so a
    /// phrase is removed before any shorter phrase inside it.
    private static let phrases: [String] = [
        "enregistrer un commentaire", "poster un commentaire", "publier un commentaire",
        "laisser un commentaire", "ajouter un commentaire", "aucun commentaire",
        "pas de commentaire", "envoyer par e-mail", "envoyer par email", "partager sur twitter",
        "partager sur facebook", "partager sur pinterest", "partager sur linkedin",
        "partager sur whatsapp", "partager sur x", "share to twitter", "share to facebook",
        "share to pinterest", "share on twitter", "share on facebook", "share on linkedin",
        "post a comment", "leave a comment", "no comments", "commentaires", "commentaire",
        "comments", "comment", "email this", "blogthis!", "share this", "like this",
        "j'aime ça", "j’aime ça", "j'aime", "j’aime", "aime", "chargement", "loading",
        "partager", "cliquez pour partager", "click to share", "share", "tweet", "imprimer",
        "print", "e-mail", "email", "facebook", "twitter", "pinterest", "linkedin", "whatsapp",
        "reddit", "tumblr", "continue reading", "read more", "lire la suite", "la suite", "pages",
    ]

    /// Line starts that mark a whole line as furniture.
    private static let prefixes: [String] = [
        "libellés :", "libellés:", "libellé :", "libellé:", "labels:", "label:",
        "étiquettes :", "étiquettes:",
    ]

    /// Every word of the phrases: a line made only of these (and numbers) is furniture.
    private static let furnitureWords: Set<String> = {
        var words: Set<String> = []
        for phrase in phrases {
            for word in splitWords(phrase) { words.insert(word) }
        }
        return words
    }()

    /// Words that make a line furniture only next to a stronger one ("un", "sur", "this").
    private static let weakWords: Set<String> = [
        "un", "une", "de", "sur", "par", "to", "on", "this", "a", "x", "j", "e", "ça", "no", "pas", "click",
        "cliquez", "pour", "post", "leave", "like", "la", "read", "more", "reading",
    ]

    /// The lower-cased words that can open a furniture line; any other opening word rejects
    /// the line without further work.
    static let openingWordBytes: Set<[UInt8]> = {
        var words = Set(furnitureWords.map { Array($0.utf8) })
        for phrase in phrases {
            let token = phrase.split(separator: " ").first.map(String.init) ?? phrase
            words.insert(Array(token.utf8.filter { $0 >= 0x80 || ASCII.isLetter($0) || $0 == UInt8(ascii: "-") }))
        }
        for extra in [
            "publié", "publiée", "posté", "posted", "libellés", "libellé", "labels", "label", "étiquettes", "classé",
            "filed",
        ] {
            words.insert(Array(extra.utf8))
        }
        precondition(words.allSatisfy { $0.count <= longestOpeningWord }, "an opening word too long for its key")
        return words
    }()

    /// The most bytes an opening word has: a longer first word opens no furniture line.
    private static let longestOpeningWord = 15

    /// A key for a lower-cased word of up to 15 bytes: its bytes packed into two words as
    /// ``PackedKey`` packs them, and its length. Two words with one key only send a line to
    /// the full check.
    @inline(__always)
    private static func wordKey(low: UInt64, high: UInt64, length: Int) -> UInt64 {
        low ^ ((high &+ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15)
    }

    static func wordKey<C: Collection<UInt8>>(_ word: C) -> UInt64 {
        wordKey(low: PackedKey.pack(word), high: PackedKey.pack(word.dropFirst(8)), length: word.count)
    }

    /// Line starts that mark a short line as furniture: WordPress category footers.
    private static let shortLinePrefixes: [String] = ["classé dans ", "publié dans ", "filed under ", "posted in "]

    /// The keys of the opening words of ``prefixes``, ``shortLinePrefixes`` and the bylines:
    /// only a line opening with one of them can be furniture by its start alone
    /// (``StaticTables/lineStartWords``).
    static var lineStartWordKeys: [UInt64] {
        ["libellés", "libellé", "labels", "label", "étiquettes", "classé", "publié", "publiée", "posté", "posted",
            "filed"].map { wordKey(Array($0.utf8)) }
    }

    /// Every furniture word by ``wordKey(_:)``, with whether it is weak, for
    /// ``StaticTables/furnitureWords``. Furniture words can open a line, so none is longer
    /// than ``longestOpeningWord``.
    static func furnitureWordPairs() -> [(UInt64, FurnitureWord)] {
        var table: [UInt64: FurnitureWord] = [:]
        for word in furnitureWords {
            let utf8 = Array(word.utf8)
            let key = wordKey(utf8)
            precondition(utf8.count <= longestOpeningWord && table[key] == nil, "a furniture word without a key of its own")
            table[key] = FurnitureWord(utf8: utf8, isWeak: weakWords.contains(word))
        }
        return table.map { ($0.key, $0.value) }
    }

    struct FurnitureWord: Sendable {
        let utf8: [UInt8]
        let isWeak: Bool
    }

    @inline(__always)
    static func isBoilerplate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Nearly every line opens with a word that opens no furniture: told here, inlined
        // where lines end, from one chunk when the line opens with a letter.
        guard let opening = furnitureOpening(bytes) else { return false }
        return isBoilerplate(bytes, opening: opening)
    }

    /// ``isBoilerplate(_:)`` for a line whose first word, of key `opening`, can open furniture.
    private static func isBoilerplate(_ bytes: UnsafeBufferPointer<UInt8>, opening: UInt64) -> Bool {
        // Most lines are told from their bytes: the word check, and then the line's start.
        if let furniture = wordsAreFurniture(bytes) {
            if furniture { return true }
            if StaticTables.lineStartWords[opening] == nil { return false }
        }
        return isBoilerplate(lowercased: String(decoding: bytes, as: UTF8.self).lowercased(), utf8Count: bytes.count)
    }

    /// The key of the line's first word when that word can open a furniture line (a furniture
    /// word, a number, or the first word of a line start); nil for any other line, which is
    /// not furniture.
    @inline(__always)
    static func furnitureOpening(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= maxLineLength, let opening = firstWordKey(bytes) else { return nil }
        return opening.startsWithDigit || StaticTables.openingWords[opening.key] != nil ? opening.key : nil
    }

    /// The checks of ``isBoilerplate(_:)`` on the lower-cased line, with strings: its start,
    /// bylines, and whether its words are furniture.
    static func isBoilerplate(lowercased line: String, utf8Count: Int) -> Bool {
        for prefix in prefixes where line.hasPrefix(prefix) {
            return true
        }
        if utf8Count <= 80, shortLinePrefixes.contains(where: { line.hasPrefix($0) }) { return true }
        if isByline(line) { return true }
        return wordsAreFurniture(lowercased: line)
    }

    /// ``wordsAreFurniture(_:)`` on the lower-cased line, with its words split into strings.
    static func wordsAreFurniture(lowercased line: String) -> Bool {
        var sawStrong = false
        for word in splitWords(line) {
            if word.first!.isNumber { continue }
            guard furnitureWords.contains(word) else { return false }
            if !weakWords.contains(word) { sawStrong = true }
        }
        return sawStrong
    }

    /// Whether every word of the line, numbers aside, is a furniture word and one is not
    /// weak: the word check of ``isBoilerplate(_:)``, read from the bytes without making
    /// strings, stopping at the first other word.
    ///
    /// Words are split and lower-cased as ``splitWords(_:)`` and `lowercased()` do. That is
    /// done here for ASCII, Latin-1 and general punctuation (U+2000–U+206F); nil for a line
    /// with any other character, which is left to them.
    static func wordsAreFurniture(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = bytes.count
        // The current word, lower-cased; no furniture word is longer than `capacity` bytes.
        let capacity = 32
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { word -> Bool? in
            var length = 0
            var tooLong = false
            var startsWithNumber = false
            var sawStrong = false
            /// Whether the word just ended leaves the line possibly furniture.
            func endWord() -> Bool {
                defer {
                    length = 0
                    tooLong = false
                    startsWithNumber = false
                }
                guard length > 0 || tooLong, !startsWithNumber else { return true }
                guard !tooLong else { return false }
                let utf8 = UnsafeBufferPointer(rebasing: word[0..<length])
                guard length <= longestOpeningWord, let known = StaticTables.furnitureWords[wordKey(utf8)], known.utf8.elementsEqual(utf8)
                else { return false }
                if !known.isWeak { sawStrong = true }
                return true
            }
            func append(_ b: UInt8) {
                if length == capacity {
                    tooLong = true
                } else if !tooLong {
                    word[length] = b
                    length += 1
                }
            }
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    if ASCII.isLetter(b) {
                        append(b | 0x20)
                    } else if ASCII.isDigit(b) {
                        if length == 0, !tooLong { startsWithNumber = true }
                        append(b)
                    } else if b == UInt8(ascii: "-") {
                        // Leading hyphens are dropped.
                        if length > 0 || tooLong { append(b) }
                    } else if !endWord() {
                        return false
                    }
                    continue
                }
                if (b == 0xC2 || b == 0xC3), i + 1 < n {
                    let scalar = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                    switch scalar {
                    case 0xAA, 0xB5, 0xBA, 0xDF...0xF6, 0xF8...0xFF:
                        // Letters already in lower case.
                        append(0xC3 &- (scalar < 0xC0 ? 1 : 0))
                        append(UInt8(0x80 | scalar & 0x3F))
                    case 0xC0...0xDE where scalar != 0xD7:
                        // Capitals, lower-cased 32 code points further.
                        append(0xC3)
                        append(UInt8(0x80 | (scalar + 0x20) & 0x3F))
                    case 0xB2, 0xB3, 0xB9, 0xBC...0xBE:
                        // Superscript digits and fractions are numbers.
                        if length == 0, !tooLong { startsWithNumber = true }
                        append(0xC2)
                        append(UInt8(0x80 | scalar & 0x3F))
                    default:
                        if !endWord() { return false }
                    }
                    continue
                }
                // General punctuation (U+2000–U+206F: E2 80 xx and E2 81 80–AF) separates words.
                if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || (bytes[i + 1] == 0x81 && bytes[i + 2] < 0xB0) {
                    i += 3
                    if !endWord() { return false }
                    continue
                }
                return nil
            }
            return endWord() && sawStrong
        }
    }

    /// The key of the first word, lower-cased, without allocating; nil when the line has no
    /// word, or when its first word is longer than any opening word and not a number.
    /// Accented capitals of Latin-1 (`É`, `À`) are folded in the UTF-8 bytes; no furniture
    /// word starts in another script.
    @inline(__always)
    private static func firstWordKey(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: UInt64, startsWithDigit: Bool)? {
        let n = bytes.count
        if n > 0, let base = bytes.baseAddress, isWordByte(base[0]), !ASCII.isDigit(base[0]) {
            if n >= 16 { return firstWordKey(chunk: UnsafeRawPointer(base).loadUnaligned(as: SIMD16<Int8>.self)) }
            // A shorter line (a category, a name) is read as one chunk too, padded with
            // zeros, which end a word.
            return firstWordKey(chunk: ChunkLanes.paddedChunk(base, count: n))
        }
        return firstWordKeyByBytes(bytes)
    }

    /// ``firstWordKey(_:)`` one byte at a time, for a line opening with something other than
    /// a letter: a number, punctuation, a space.
    private static func firstWordKeyByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (
        key: UInt64, startsWithDigit: Bool
    )? {
        let n = bytes.count
        var i = 0
        while i < n, !isWordByte(bytes[i]) { i += 1 }
        guard i < n else { return nil }
        let startsWithDigit = ASCII.isDigit(bytes[i])
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length = 0
        var previous: UInt8 = 0
        while i < n {
            let b = bytes[i]
            guard isWordByte(b) else { break }
            if length == longestOpeningWord {
                // A number is cut here: a line start sharing its key only costs the full check.
                guard startsWithDigit else { return nil }
                break
            }
            let lowered =
                previous == 0xC3 ? ASCII.lowercasedLatin1(afterC3: b) : ASCII.lowercased(b)
            if length < 8 {
                low |= UInt64(lowered) << (8 * length)
            } else {
                high |= UInt64(lowered) << (8 * (length - 8))
            }
            length += 1
            previous = b
            i += 1
        }
        return (wordKey(low: low, high: high, length: length), startsWithDigit)
    }

    /// ``firstWordKey(_:)`` for a line whose first 16 bytes are `v` and whose first byte
    /// starts a word, not a number: every byte is classified and lower-cased at once, the
    /// word's end found from the lanes, with no branch per byte.
    @inline(__always)
    private static func firstWordKey(chunk v: SIMD16<Int8>) -> (key: UInt64, startsWithDigit: Bool)? {
        func splat(_ b: UInt8) -> SIMD16<Int8> { ChunkLanes.splat(b) }
        let letters = ChunkLanes.letters(v)
        let digits = ChunkLanes.digits(v)
        let nonASCII = v .< SIMD16<Int8>(repeating: 0)
        let wordBytes = letters .| digits .| nonASCII .| (v .== splat(UInt8(ascii: "-")))
        let length = ChunkLanes.firstLane(.!wordBytes)
        guard length <= longestOpeningWord else { return nil }
        let first = UInt8(bitPattern: v[0])
        if ASCII.isLetter(first) {
            guard StaticTables.openingSketch.allows(first: first, second: UInt8(bitPattern: v[1]), length: length) else { return nil }
        }
        // The lanes that follow a 0xC3 lead byte: the mask moved up one lane, which is eight bits
        // up in the words (lane order as ``ChunkLanes`` tells).
        let leads = unsafeBitCast(v .== splat(0xC3), to: SIMD2<UInt64>.self)
        let afterLead = unsafeBitCast(SIMD2<UInt64>(leads[0] << 8, leads[1] << 8 | leads[0] >> 56), to: SIMD16<Int8>.self)
        // À–Þ but ×, as second bytes 0x80–0x9E but 0x97, which are the lowest signed values.
        let capitalLatin1 =
            unsafeBitCast(v .<= splat(0x9E), to: SIMD16<Int8>.self) & afterLead
            & unsafeBitCast(v .!= splat(0x97), to: SIMD16<Int8>.self)
        // Setting 0x20 lower-cases an ASCII capital and leaves a small letter as it is.
        let lowered = v | ((unsafeBitCast(letters, to: SIMD16<Int8>.self) | capitalLatin1) & splat(0x20))
        let laneIndices = SIMD16<Int8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let inWord = unsafeBitCast(laneIndices .< SIMD16<Int8>(repeating: Int8(length)), to: SIMD16<Int8>.self)
        let packed = unsafeBitCast(lowered & inWord, to: SIMD2<UInt64>.self)
        return (wordKey(low: packed[0], high: packed[1], length: length), false)
    }

    /// Letters, digits, hyphens and every byte of a multi-byte character.
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        ASCII.isLetterOrDigit(b) || b == UInt8(ascii: "-") || b >= 0x80
    }

    /// Runs of letters, numbers and hyphens, leading hyphens dropped: apostrophes and other
    /// punctuation end a word.
    private static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || scalar == "-" {
                current.append(scalar)
            } else {
                if !current.isEmpty { words.append(String(current)) }
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.compactMap { word in
            let trimmed = word.drop(while: { $0 == "-" })
            return trimmed.isEmpty ? nil : String(trimmed)
        }
    }

    /// "Publié par Marie à 10:32", "Posté par …", "Posted by … at …".
    private static func isByline(_ line: String) -> Bool {
        guard line.count <= 120 else { return false }
        if line.hasPrefix("publié par ") || line.hasPrefix("posté par ") || line.hasPrefix("publiée par ") {
            return line.firstRange(of: " à ") != nil || line.firstRange(of: " le ") != nil
        }
        if line.hasPrefix("posted by ") {
            return line.firstRange(of: " at ") != nil || line.firstRange(of: " on ") != nil
        }
        return false
    }
}
