extension Classifier {
    /// Most sentiment reasons kept in one post's explanation.
    static let explanationBudget = 8

    /// One sentence scored whole: its lexicon, raw score and first reasons, kept so that the
    /// brands it names reuse them rather than score it again.
    struct SentenceRead {
        var lexicon: Int
        var raw: Float
        /// Up to ``readBudget`` reasons: a shorter budget keeps a prefix of them.
        var explanation: [String]
    }

    /// Reasons kept per sentence read: enough for the post's and for a brand's explanation.
    static let readBudget = max(explanationBudget, brandExplanationBudget)

    /// Scores each sentence in its own language (the post's when unsure) and the post as a
    /// whole; also returns each sentence's read, for ``brandSentiments(_:mentions:input:language:reads:)``.
    func scoreSentences(
        _ buffer: ScanBuffer, input: ClassifierInput, language: PostLanguage, explanation: inout [String]
    ) -> (ClassificationResult.Sentiment, [ClassificationResult.SentenceResult], [SentenceRead]) {
        var budget = Self.explanationBudget
        var scratch = SentimentAnalyzer.Scratch()
        var results: [ClassificationResult.SentenceResult] = []
        results.reserveCapacity(buffer.sentences.count)
        var raws: [Float] = []
        raws.reserveCapacity(buffer.sentences.count)
        var reads: [SentenceRead] = []
        reads.reserveCapacity(buffer.sentences.count)
        for sentence in buffer.sentences {
            let (lane, lexicon) = sentenceLexicon(sentence, language: language)
            let code = lane >= 0 ? LanguageModel.languages[lane] : "und"
            let before = explanation.count
            var lines: [String] = []
            var readBudget = Self.readBudget
            let score = buffer.folded.withUnsafeBufferPointer { folded in
                data.sentiment.score(
                    sentence, tokens: buffer.tokens, folded: folded, lexicon: lexicon, scratch: &scratch,
                    explanation: &lines, budget: &readBudget)
            }
            // Reasons come in a fixed order, a budget keeping the first ones: the post's are a prefix.
            let kept = min(budget, lines.count)
            explanation.append(contentsOf: lines.prefix(kept))
            budget -= kept
            reads.append(SentenceRead(lexicon: lexicon, raw: score.raw, explanation: lines))
            if score.opensWithContrast && !raws.isEmpty {
                for k in raws.indices { raws[k] *= SentimentAnalyzer.contrastBefore }
                raws.append(score.raw * SentimentAnalyzer.contrastAfter)
                explanation.append("sentence opens with a contrast: earlier sentences x0.5")
            } else {
                raws.append(score.raw)
            }
            if explanation.count > before && lane != language.lane {
                explanation.insert("sentence " + String(results.count + 1) + " in " + code + ":", at: before)
            }
            let normalised = SentimentAnalyzer.normalise(score.raw)
            results.append(
                .init(
                    text: Self.slice(
                        sentence.field == .title ? input.title ?? "" : input.text, Int(sentence.sourceStart),
                        Int(sentence.sourceEnd)),
                    lang: code, label: SentimentAnalyzer.label(normalised), score: Self.round(normalised)))
        }
        let postScore = SentimentAnalyzer.normalise(raws.reduce(0, +))
        let sentiment = ClassificationResult.Sentiment(label: SentimentAnalyzer.label(postScore), score: Self.round(postScore))
        explanation.append("sentiment " + sentiment.label.rawValue + " " + SentimentAnalyzer.signed(postScore))
        return (sentiment, results, reads)
    }
}
