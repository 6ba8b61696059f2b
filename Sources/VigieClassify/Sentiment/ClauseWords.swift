/// Words that tell where one brand's clause ends and another's begins in a sentence
/// naming two brands, per language with a sentiment lexicon (folded, accents removed).
///
/// Kept apart from the sentiment lexicons on purpose: these words decide which brand a
/// sentiment word is about, not how much it weighs.
struct ClauseWords: Sendable {
    enum Kind {
        /// "mais", "but", "aber", "ma", "quand", "because": the next clause says something else.
        case contrast
        /// "et", "and", "und", "en", or a comma: the clauses may share their judgement.
        case coordination
    }

    /// One language's words (folded, accents removed). Chosen by the sentence's language, never
    /// merged: Italian "ma" and Dutch "en" are French words too.
    struct Words {
        /// Contrasts and subordinators.
        var contrasts: [String]
        /// "and", "then".
        var coordinations: [String]
        /// Words after which the brand named next is compared with the one before: "que", "than".
        var links: [String]
        /// Comparatives that say the first brand has more of the quality named.
        var comparatives: [String]
        /// Comparatives that say it has less of it: "moins cher que" praises the first brand.
        var less: [String]
        /// Adjectives of the "supérieur à" kind, and the links that only follow them.
        var adjectives: [String] = []
        var adjectiveLinks: [String] = []
        /// The link that also follows any comparative in -er ("cheaper than", "günstiger als").
        var erLinks: [String] = []
    }

    /// Per language of ``SentimentAnalyzer/languages``.
    static let table: [(language: String, words: Words)] = [
        ("fr", Words(
            contrasts: [
                "mais", "pourtant", "cependant", "toutefois", "neanmoins", "contre", "revanche", "sauf", "quand",
                "lorsque", "lorsqu", "tandis", "alors", "car", "parce", "puisque", "pendant", "heureusement",
            ],
            coordinations: ["et", "puis"], links: ["que", "qu"],
            comparatives: [
                "meilleur", "meilleure", "meilleurs", "meilleures", "mieux", "pire", "pires", "plus", "superieur",
                "superieure", "inferieur", "inferieure",
            ],
            less: ["moins"], adjectives: ["superieur", "superieure", "inferieur", "inferieure"],
            adjectiveLinks: ["a"])),
        ("en", Words(
            contrasts: [
                "but", "however", "although", "though", "yet", "whereas", "while", "when", "because", "since", "unlike",
                "meanwhile",
            ],
            coordinations: ["and", "then"], links: ["than"],
            comparatives: ["better", "worse", "more", "superior", "inferior"], less: ["less"],
            adjectives: ["superior", "inferior"], adjectiveLinks: ["to"], erLinks: ["than"])),
        ("de", Words(
            contrasts: ["aber", "doch", "jedoch", "dagegen", "sondern", "wahrend", "weil", "wenn", "obwohl"],
            coordinations: ["und", "dann"], links: ["als"], comparatives: ["besser", "schlechter", "mehr"],
            less: ["weniger"], erLinks: ["als"])),
        ("es", Words(
            contrasts: ["pero", "aunque", "mientras", "cuando", "porque", "sino"],
            coordinations: ["y", "luego"], links: ["que"],
            comparatives: ["mejor", "mejores", "peor", "peores", "mas", "superior", "inferior"],
            less: ["menos"], adjectives: ["superior", "inferior"], adjectiveLinks: ["a"])),
        ("it", Words(
            contrasts: [
                "ma", "pero", "invece", "mentre", "quando", "perche", "tuttavia", "sebbene", "benche", "anzi", "eppure",
            ],
            coordinations: ["e", "poi"], links: ["di", "del", "dello", "della", "dei", "degli", "delle", "che"],
            comparatives: [
                "meglio", "migliore", "migliori", "peggio", "peggiore", "peggiori", "piu", "superiore", "inferiore",
            ],
            less: ["meno"], adjectives: ["superiore", "inferiore"], adjectiveLinks: ["a"])),
        ("pt", Words(
            contrasts: ["mas", "porem", "contudo", "todavia", "enquanto", "quando", "porque", "embora", "entanto"],
            coordinations: ["e", "depois"], links: ["que"],
            comparatives: ["melhor", "melhores", "pior", "piores", "mais", "superior", "inferior"],
            less: ["menos"], adjectives: ["superior", "inferior"], adjectiveLinks: ["a"])),
        ("nl", Words(
            contrasts: ["maar", "echter", "terwijl", "toen", "wanneer", "omdat", "hoewel", "ondanks", "behalve"],
            coordinations: ["en", "daarna"], links: ["dan"],
            comparatives: ["beter", "betere", "slechter", "slechtere", "meer"], less: ["minder"], erLinks: ["dan"])),
    ]

    /// The words of each language of ``SentimentAnalyzer/languages``, in its order.
    static let byLexicon: [ClauseWords] = SentimentAnalyzer.languages.map { code in
        let none = Words(contrasts: [], coordinations: [], links: [], comparatives: [], less: [])
        return ClauseWords(table.first { $0.language == code }?.words ?? none)
    }

    let contrast: WordSet
    let coordination: WordSet
    let link: WordSet
    let adjectiveLink: WordSet
    let comparative: WordSet
    let less: WordSet
    let adjective: WordSet
    let erLink: WordSet

    init(_ words: Words) {
        contrast = WordSet(words.contrasts)
        coordination = WordSet(words.coordinations)
        link = WordSet(words.links + words.adjectiveLinks)
        adjectiveLink = WordSet(words.adjectiveLinks)
        comparative = WordSet(words.comparatives + words.less)
        less = WordSet(words.less)
        adjective = WordSet(words.adjectives)
        erLink = WordSet(words.erLinks)
    }

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
