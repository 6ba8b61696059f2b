/// A lexicon behind one reference, so picking one per sentence copies a pointer, not its tables.
final class LexiconBox: Sendable {
    let lexicon: SentimentLexicon

    init(_ lexicon: SentimentLexicon) { self.lexicon = lexicon }
}
