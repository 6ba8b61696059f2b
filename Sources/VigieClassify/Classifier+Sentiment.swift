extension Classifier {
    /// Most sentiment reasons kept in one post's explanation.
    static let explanationBudget = 8

    /// Scores each sentence in its own language (the post's when unsure) and the post as a whole.
    func scoreSentences(
        _ buffer: ScanBuffer, input: ClassifierInput, language: PostLanguage, explanation: inout [String]
    ) -> (ClassificationResult.Sentiment, [ClassificationResult.SentenceResult]) {
        var budget = Self.explanationBudget
        var scratch = SentimentAnalyzer.Scratch()
        var results: [ClassificationResult.SentenceResult] = []
        results.reserveCapacity(buffer.sentences.count)
        var raws: [Float] = []
        raws.reserveCapacity(buffer.sentences.count)
        for sentence in buffer.sentences {
            let (lane, lexicon) = sentenceLexicon(sentence, language: language)
            let code = lane >= 0 ? LanguageModel.languages[lane] : "und"
            let before = explanation.count
            let score = buffer.folded.withUnsafeBufferPointer { folded in
                data.sentiment.score(
                    sentence, tokens: buffer.tokens, folded: folded, lexicon: lexicon, scratch: &scratch,
                    explanation: &explanation, budget: &budget)
            }
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
        return (sentiment, results)
    }
}
