extension PersonalDataScanner {
    private static let streetTypes = WordSet(
        ["rue", "avenue", "av", "boulevard", "bd", "bld", "place", "allee", "impasse", "chemin", "route", "quai",
         "cours", "square", "faubourg", "passage", "sentier", "voie", "street", "st", "road", "rd", "lane", "drive",
         "calle", "avenida", "plaza", "paseo", "via", "viale", "piazza", "corso", "rua", "praca", "straat", "laan",
         "plein", "weg", "gasse", "platz"])
    private static let englishStreetTypes = WordSet(
        ["street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "boulevard", "blvd", "way", "close", "court",
         "crescent", "terrace", "place"])
    private static let numberSuffixes = WordSet(["bis", "ter", "quater", "b", "a"])
    /// Spanish and Catalan street types written before the name: `C/ Mayor 3`, `Avda. Diagonal 450`.
    private static let leadingStreetTypes = WordSet(
        ["calle", "avda", "avenida", "plaza", "pza", "paseo", "ronda", "carrer", "travesia", "camino", "ctra"])
    private static let nameLinks = WordSet(["de", "del", "la", "las", "los"])
    /// German street names end in one of these: `Hauptstraße 5`, `Goethestr. 5a`, `Lindenallee 16`.
    private static let germanStreetSuffixes: [[UInt8]] = ["strasse", "str", "allee", "gasse", "damm"].map { Array($0.utf8) }

    /// Words that announce a shop's, a branch's or an office's address, which is not a private person's.
    private static let businessWords = WordSet(
        ["boutique", "magasin", "agence", "siege", "bureaux", "showroom", "shop", "store", "flagship", "office",
         "visit", "filiale", "geschaft", "laden", "besucht", "tienda", "oficina", "sucursal", "visitanos"])

    /// `12 rue de la Paix`, `12 bis avenue ...`, `221 Baker Street`, `Calle Mayor 5`, `C/ Alcalá 45`,
    /// `Hauptstraße 5`, `Goethestr. 5a`; not when a shop or an office is named just before.
    static func addresses(_ p: UnsafeBufferPointer<UInt8>, tokens: ArraySlice<Token>, into hits: inout [DetectorHit]) {
        let list = tokens
        var k = list.startIndex
        while k < list.endIndex {
            let t = list[k]
            var end: Int?
            if isHouseNumber(t, p: p) { end = numberFirst(list, at: k) }
            if end == nil { end = typeFirst(p, list, at: k) }
            // German: a capitalised word ending in a street suffix, then a house number.
            if end == nil, t.foldLength > 4, t.flags & Token.capitalized != 0, k + 1 < list.endIndex,
                isHouseNumber(list[k + 1], p: p),
                germanStreetSuffixes.contains(where: { Int(t.foldLength) > $0.count + 1 && hasSuffix(t, $0, p: p) })
            {
                end = k + 1
            }
            guard let last = end else {
                k += 1
                continue
            }
            if !list[max(list.startIndex, k - 6) ..< k].contains(where: { businessWords.contains($0.hash) }) {
                hits.append(DetectorHit(detector: .postalAddress, start: Int(t.sourceStart), end: Int(list[last].sourceEnd)))
            }
            k = last + 1
        }
    }

    /// French and others (number, street type, a name word) or English (number, capitalised words, street type):
    /// the index of the address's last token.
    private static func numberFirst(_ list: ArraySlice<Token>, at k: Int) -> Int? {
        var j = k + 1
        if j < list.endIndex, numberSuffixes.contains(list[j].hash), list[j].sourceStart == list[j - 1].sourceEnd + 1 { j += 1 }
        if j + 1 < list.endIndex, streetTypes.contains(list[j].hash), list[j + 1].flags & Token.hasLetter != 0 {
            let end = min(list.endIndex - 1, j + 3)
            var last = j + 1
            while last < end, list[last + 1].flags & Token.hasLetter != 0, list[last + 1].sourceStart - list[last].sourceEnd <= 1 { last += 1 }
            return last
        }
        var m = j
        while m < list.endIndex, m - j < 3, list[m].flags & Token.capitalized != 0, !englishStreetTypes.contains(list[m].hash) { m += 1 }
        if m > j, m < list.endIndex, englishStreetTypes.contains(list[m].hash), list[m].flags & Token.capitalized != 0 { return m }
        return nil
    }

    /// Spanish: a street type (`C/` for calle), one to three name words, a house number.
    private static func typeFirst(_ p: UnsafeBufferPointer<UInt8>, _ list: ArraySlice<Token>, at k: Int) -> Int? {
        let t = list[k]
        let slashC = t.foldLength == 1 && (p[Int(t.sourceStart)] | 0x20) == 0x63 && Int(t.sourceEnd) < p.count && p[Int(t.sourceEnd)] == 0x2F
        guard slashC || (t.foldLength >= 4 && leadingStreetTypes.contains(t.hash)) else { return nil }
        var m = k + 1
        var names = 0
        while m < list.endIndex, m - k <= 4 {
            let w = list[m]
            if w.flags & Token.capitalized != 0, w.flags & Token.numeric == 0 { names += 1 } else if !nameLinks.contains(w.hash) { break }
            m += 1
        }
        guard names > 0, m < list.endIndex, isHouseNumber(list[m], p: p) else { return nil }
        return m
    }

    /// A token of one to four characters that starts with a digit: `5`, `5a`, `221B`.
    private static func isHouseNumber(_ t: Token, p: UnsafeBufferPointer<UInt8>) -> Bool {
        t.foldLength <= 4 && isDigit(p[Int(t.sourceStart)])
    }

    /// Whether the token's source text, folded, ends with `suffix` (ß counts as ss).
    private static func hasSuffix(_ t: Token, _ suffix: [UInt8], p: UnsafeBufferPointer<UInt8>) -> Bool {
        var folded: [UInt8] = []
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[Int(t.sourceStart) ..< Int(t.sourceEnd)]), as: UTF8.self)
        for s in text.unicodeScalars {
            if s.value == 0xDF { folded.append(contentsOf: [0x73, 0x73]) } else if s.isASCII { folded.append(UInt8(s.value) | 0x20) }
        }
        return folded.count >= suffix.count && Array(folded.suffix(suffix.count)) == suffix
    }
}
