extension Classifier {
    /// The post's main language and what sentiment falls back on.
    struct PostLanguage {
        /// ISO 639-1 code or `und`.
        var code: String
        /// Lane in `LanguageModel.languages`, or -1 for `und`.
        var lane: Int
        /// Lexicon for sentences whose own language has none.
        var fallbackLexicon: Int
        /// Lane `lang:` queries test: `lane`, or for an undetermined post its likeliest language.
        var queryLane: Int
    }

    /// Decides the main language from every sentence's trigrams, the source's hint breaking
    /// ties only when the text is too short.
    func postLanguage(_ buffer: ScanBuffer, hint rawHint: String?, explanation: inout [String]) -> PostLanguage {
        var total = SIMD8<Int32>()
        var ngrams: Int32 = 0
        for s in buffer.sentences {
            total &+= s.languageScores
            ngrams &+= s.ngrams
        }
        let hint = rawHint.map { $0.lowercased() }.flatMap { LanguageModel.languages.contains($0) ? $0 : nil }
        let code: String
        if let decided = LanguageModel.decide(total, ngrams: ngrams) {
            code = decided.language
            explanation.append(
                "lang " + code + ": " + String(ngrams) + " trigrams, margin "
                    + SentimentAnalyzer.signed(decided.confidence).dropFirst())
        } else if let hint {
            code = hint
            explanation.append("lang " + code + ": from the source's hint, too little text to tell")
        } else {
            code = "und"
            explanation.append("lang und: " + String(ngrams) + " trigrams, no clear winner")
        }
        let mainLexicon = SentimentAnalyzer.lexiconLane(code)
        let lane = LanguageModel.languages.firstIndex(of: code) ?? -1
        var likeliest = -1
        if lane < 0 && ngrams > 0 {
            likeliest = 0
            for k in 1 ..< LanguageModel.languages.count where total[k] > total[likeliest] { likeliest = k }
        }
        return PostLanguage(
            code: code, lane: lane,
            fallbackLexicon: mainLexicon >= 0
                ? mainLexicon : SentimentAnalyzer.lexiconLane(Self.bestSentimentLanguage(total, hint: hint)),
            queryLane: lane >= 0 ? lane : likeliest)
    }

    /// The sentiment language to use when the post's own language has no lexicon.
    private static func bestSentimentLanguage(_ scores: SIMD8<Int32>, hint: String?) -> String {
        if let hint, SentimentAnalyzer.languages.contains(hint) { return hint }
        var best = "fr"
        var bestScore = Int32.min
        for lang in SentimentAnalyzer.fallbackLanguages {
            guard let lane = LanguageModel.languages.firstIndex(of: lang) else { continue }
            if scores[lane] > bestScore {
                bestScore = scores[lane]
                best = lang
            }
        }
        return best
    }
}
