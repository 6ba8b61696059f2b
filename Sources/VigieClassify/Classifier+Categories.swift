extension Classifier {
    /// Runs the detectors over title and text, then tags each category by its first matching rule.
    func tagCategories(
        _ buffer: ScanBuffer, input: ClassifierInput, witnesses: [QuerySet.Witness], titleTokens: Int, textTokens: Int,
        explanation: inout [String]
    ) -> [ClassificationResult.CategoryMatch] {
        var detectorHits: [(Field, DetectorHit)] = []
        if !detectors.isEmpty {
            var found: [DetectorHit] = []
            var text = input.text
            text.withUTF8 { p in
                PersonalDataScanner.scan(
                    p, detectors: detectors, tokens: buffer.tokens[titleTokens ..< textTokens], into: &found)
            }
            detectorHits += found.map { (.text, $0) }
            if var title = input.title {
                found.removeAll()
                title.withUTF8 { p in
                    PersonalDataScanner.scan(p, detectors: detectors, tokens: buffer.tokens[0 ..< titleTokens], into: &found)
                }
                detectorHits += found.map { (.title, $0) }
            }
        }

        var matches: [ClassificationResult.CategoryMatch] = []
        var tagged = [Bool](repeating: false, count: categoryCount)
        for (k, rule) in rules.enumerated() {
            let category = ruleCategories[k]
            var witness = QuerySet.Witness.none
            var detected: (Field, DetectorHit)?
            if ruleQueries[k] >= 0 {
                witness = witnesses[ruleQueries[k]]
                guard witness.matched else { continue }
            } else if case .detector(let detector) = rule.pattern,
                let hit = detectorHits.first(where: { $0.1.detector == detector })
            {
                detected = hit
            } else {
                continue
            }
            // Categories carry their rule and span themselves; further rules of an already
            // tagged category only get a line of explanation.
            if tagged[category] {
                explanation.append("category " + rule.category + " also matches rule " + rule.name)
                continue
            }
            tagged[category] = true
            var span: TextSpan?
            if let (field, hit) = detected {
                span = Self.span(field == .title ? input.title ?? "" : input.text, field: field, hit.start, hit.end)
            } else if witness.start >= 0 {
                span = self.span(of: witness, buffer: buffer, input: input)
            }
            matches.append(.init(id: rule.category, rule: rule.name, span: span))
        }
        return matches
    }
}
