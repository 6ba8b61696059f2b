/// Where each brand is named, as runs: consecutive mentions of one brand in a sentence,
/// with no other brand between them.
struct MentionPlaces {
    struct Run {
        var brand: Int
        var start: Int
        var end: Int
    }

    /// Sentence index to its runs in token order, for sentences naming a brand.
    var bySentence: [(Int, [Run])] = []

    init(_ mentions: [[QuerySet.Witness]], tokens: [Token]) {
        var all: [(sentence: Int, run: Run)] = []
        for (brand, witnesses) in mentions.enumerated() {
            for w in witnesses where w.start >= 0 && tokens[Int(w.start)].sentence >= 0 {
                all.append((Int(tokens[Int(w.start)].sentence), Run(brand: brand, start: Int(w.start), end: Int(w.end))))
            }
        }
        all.sort { ($0.run.start, $0.run.brand) < ($1.run.start, $1.run.brand) }
        for (sentence, run) in all {
            guard let last = bySentence.last, last.0 == sentence else {
                bySentence.append((sentence, [run]))
                continue
            }
            let k = bySentence.count - 1
            let previous = last.1.count - 1
            if last.1[previous].brand == run.brand {
                bySentence[k].1[previous].end = max(last.1[previous].end, run.end)
            } else {
                // Another brand, possibly over the same words ("Air France" and "France"): nothing
                // lies between them, so ClauseWords finds no split and they share a clause.
                bySentence[k].1.append(run)
            }
        }
    }

    /// Each sentence naming no brand with the sentence it is read with: the nearest before
    /// it in the same field (`after` true), or for sentences before any brand of their field,
    /// the first after in it. (A title is not read as about the text's brands.)
    func carried(_ sentences: [Sentence]) -> [(sentence: Int, from: Int, after: Bool)] {
        var out: [(Int, Int, Bool)] = []
        var previous: Int? = nil
        var next = 0
        for s in sentences.indices {
            while next < bySentence.count && bySentence[next].0 < s { next += 1 }
            if next < bySentence.count && bySentence[next].0 == s {
                previous = s
            } else if let p = previous, sentences[p].field == sentences[s].field {
                out.append((s, p, true))
            } else if next < bySentence.count, sentences[bySentence[next].0].field == sentences[s].field {
                out.append((s, bySentence[next].0, false))
            }
        }
        return out
    }
}
