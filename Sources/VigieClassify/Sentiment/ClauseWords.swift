/// Words that tell where one brand's clause ends and another's begins in a sentence
/// naming two brands, in the languages with a sentiment lexicon (folded, accents removed).
///
/// Kept apart from the sentiment lexicons on purpose: these words decide which brand a
/// sentiment word is about, not how much it weighs.
struct ClauseWords: Sendable {
    enum Kind {
        /// "mais", "but", "aber", "pero", "quand", "because": the next clause says something else.
        case contrast
        /// "et", "and", "und", "y", or a comma: the clauses may share their judgement.
        case coordination
    }

    /// Contrasts and subordinators.
    static let contrasts = [
        "mais", "pourtant", "cependant", "toutefois", "neanmoins", "contre", "revanche", "sauf", "quand", "lorsque",
        "lorsqu", "tandis", "alors", "car", "parce", "puisque", "pendant", "heureusement",
        "but", "however", "although", "though", "yet", "whereas", "while", "when", "because", "since", "unlike",
        "aber", "doch", "jedoch", "dagegen", "sondern", "wahrend", "weil", "wenn", "obwohl",
        "pero", "aunque", "mientras", "cuando", "porque", "sino",
    ]
    static let coordinations = ["et", "and", "und", "y", "puis", "then", "dann", "luego"]
    /// Words after which the brand named next is compared with the one before: "que", "than".
    static let links = ["que", "qu", "than", "als", "to", "a"]
    /// Comparatives that say the first brand has more of the quality named.
    static let comparatives = [
        "meilleur", "meilleure", "meilleurs", "meilleures", "mieux", "pire", "pires", "plus", "superieur",
        "superieure", "inferieur", "inferieure", "better", "worse", "more", "superior", "inferior",
        "besser", "schlechter", "mehr", "mejor", "mejores", "peor", "peores", "mas", "superior", "inferior",
    ]
    /// Comparatives that say it has less of it: "moins cher que" praises the first brand.
    static let lessComparatives = ["moins", "less", "weniger", "menos"]
    /// Links that only follow an adjective of the "supérieur à" kind.
    static let adjectiveLinks = ["a", "to"]
    static let adjectives = ["superieur", "superieure", "inferieur", "inferieure", "superior", "inferior"]

    let contrast = WordSet(contrasts)
    let coordination = WordSet(coordinations)
    let link = WordSet(links)
    let adjectiveLink = WordSet(adjectiveLinks)
    let comparative = WordSet(comparatives + lessComparatives)
    let less = WordSet(lessComparatives)
    let adjective = WordSet(adjectives)
    /// "than" and "als" also follow any comparative in -er ("cheaper than", "günstiger als").
    let erLink = WordSet(["than", "als"])

    /// Where the clause of a brand named at `before` ends and that of the brand named at
    /// `after` begins: the token that opens the second clause.
    enum Split: Equatable {
        /// No word or comma between them: one clause for both.
        case none
        case clause(Int, Kind)
        /// "A meilleur que B": B is judged the other way from A. `less` for "moins ... que".
        case comparison(link: Int, less: Bool)
    }

    /// The split between a mention ending at token `before` and one starting at `after`.
    /// A comparison wins; otherwise the last boundary before the second brand, so that a
    /// contrast inside the first brand's clause ("A a mis du temps, mais marche, pas comme B")
    /// stays with it.
    func split(_ tokens: [Token], folded: [UInt8], before: Int, after: Int) -> Split {
        var last = Split.none
        var comparing = -1
        var lessSeen = false
        var t = before + 1
        while t < after {
            let token = tokens[t]
            if comparative.contains(token.hash) {
                comparing = t
                lessSeen = less.contains(token.hash)
            } else if comparing >= 0 && link.contains(token.hash)
                && (!adjectiveLink.contains(token.hash) || adjective.contains(tokens[t - 1].hash))
            {
                return .comparison(link: t, less: lessSeen)
            } else if erLink.contains(token.hash) && t - 1 > before && endsInER(tokens[t - 1], folded: folded) {
                return .comparison(link: t, less: false)
            }
            if contrast.contains(token.hash) {
                last = .clause(t, .contrast)
            } else if coordination.contains(token.hash) || token.has(Token.clauseStart) {
                last = .clause(t, .coordination)
            }
            t += 1
        }
        if after < tokens.count && tokens[after].has(Token.clauseStart) { last = .clause(after, .coordination) }
        return last
    }

    private func endsInER(_ token: Token, folded: [UInt8]) -> Bool {
        let end = Int(token.foldStart) + Int(token.foldLength)
        return token.foldLength > 4 && folded[end - 2] == UInt8(ascii: "e") && folded[end - 1] == UInt8(ascii: "r")
    }
}
