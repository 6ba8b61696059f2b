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

    /// FNV-1a hashes of the lower-cased words that can open a furniture line; any other
    /// opening word rejects the line without further work. A hash collision only sends a
    /// line to the full check.
    private static let openingWords: PackedKeyTable<Void> = {
        var words = Set(furnitureWords.map { fnv1a(Array($0.utf8)) })
        for phrase in phrases {
            let token = phrase.split(separator: " ").first.map(String.init) ?? phrase
            words.insert(
                fnv1a(Array(token.utf8.filter { $0 >= 0x80 || TagStripper.isLetter($0) || $0 == UInt8(ascii: "-") })))
        }
        for extra in [
            "publié", "publiée", "posté", "posted", "libellés", "libellé", "labels", "label", "étiquettes", "classé",
            "filed",
        ] {
            words.insert(fnv1a(Array(extra.utf8)))
        }
        return PackedKeyTable(words.map { ($0, ()) })
    }()

    private static func fnv1a<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// Line starts that mark a short line as furniture: WordPress category footers.
    private static let shortLinePrefixes: [String] = ["classé dans ", "publié dans ", "filed under ", "posted in "]

    static func isBoilerplate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maxLineLength, let opening = firstWordHash(bytes) else { return false }
        if !opening.startsWithDigit, openingWords[opening.hash] == nil { return false }
        let line = String(decoding: bytes, as: UTF8.self).lowercased()
        for prefix in prefixes where line.hasPrefix(prefix) {
            return true
        }
        if bytes.count <= 80, shortLinePrefixes.contains(where: { line.hasPrefix($0) }) { return true }
        if isByline(line) { return true }
        var sawStrong = false
        for word in splitWords(line) {
            if word.first!.isNumber { continue }
            guard furnitureWords.contains(word) else { return false }
            if !weakWords.contains(word) { sawStrong = true }
        }
        return sawStrong
    }

    /// The hash of the first word, lower-cased, without allocating; nil when the line has
    /// no word. Accented capitals of Latin-1 (`É`, `À`) are folded in the UTF-8 bytes; no
    /// furniture word starts in another script.
    private static func firstWordHash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, startsWithDigit: Bool)? {
        let n = bytes.count
        var i = 0
        while i < n, !isWordByte(bytes[i]) { i += 1 }
        guard i < n else { return nil }
        let startsWithDigit = TagStripper.isDigit(bytes[i])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var previous: UInt8 = 0
        while i < n {
            let b = bytes[i]
            guard isWordByte(b) else { break }
            var lowered = TagStripper.isLetter(b) ? b | 0x20 : b
            if previous == 0xC3, b >= 0x80, b <= 0x9E, b != 0x97 { lowered = b + 0x20 }
            hash = (hash ^ UInt64(lowered)) &* 0x100_0000_01b3
            previous = b
            i += 1
        }
        return (hash, startsWithDigit)
    }

    /// Letters, digits, hyphens and every byte of a multi-byte character.
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        TagStripper.isLetter(b) || TagStripper.isDigit(b) || b == UInt8(ascii: "-") || b >= 0x80
    }

    /// Runs of letters and digits; apostrophes, hyphens inside words and "!" kept with them.
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
