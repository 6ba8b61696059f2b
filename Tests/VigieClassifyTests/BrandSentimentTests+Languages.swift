import Testing
import VigieModel

@testable import VigieClassify

/// A sentence naming two brands is cut with the clause words of its own language: the
/// Acme and Globex of ``BrandSentimentTests``, in Italian, Portuguese and Dutch.
extension BrandSentimentTests {
    @Test(arguments: [
        // Praise one, criticise the other, in one sentence with the language's contrast word.
        ("it", "Adoro Acme ma Globex è davvero pessimo.", SentimentLabel.positive, SentimentLabel.negative),
        ("pt", "Adoro a Acme mas a Globex é horrível.", .positive, .negative),
        ("nl", "Ik vind Acme geweldig maar Globex is waardeloos.", .positive, .negative),
        ("it", "Acme è pessimo, invece Globex è ottimo.", .negative, .positive),
        ("nl", "Acme was slecht terwijl Globex top was.", .negative, .positive),
        // "A is better than B": B is judged the other way.
        ("it", "Acme è molto meglio di Globex.", .positive, .negative),
        ("pt", "A Acme é melhor que a Globex.", .positive, .negative),
        ("nl", "Acme is echt veel beter dan Globex.", .positive, .negative),
        ("nl", "Acme is veel duurder dan Globex.", .negative, .positive),
        // The language's "and" joins two brands sharing one judgement.
        ("it", "Acme e Globex sono pessimi.", .negative, .negative),
        ("nl", "Acme en Globex zijn allebei waardeloos.", .negative, .negative),
    ])
    func eachBrandItsOwnSentimentIn(lang: String, text: String, acme: SentimentLabel, globex: SentimentLabel) {
        let found = labels(text, lang: lang)
        #expect(found["Acme"] == acme, "\(text)")
        #expect(found["Globex"] == globex, "\(text)")
    }

    @Test("each language has its own words, so Italian \"ma\" and Dutch \"en\" do not cut French")
    func wordsPerLanguage() throws {
        #expect(ClauseWords.byLexicon.count == SentimentAnalyzer.languages.count)
        func words(_ code: String) throws -> ClauseWords {
            ClauseWords.byLexicon[try #require(SentimentAnalyzer.languages.firstIndex(of: code))]
        }
        let fr = try words("fr")
        let it = try words("it")
        let nl = try words("nl")
        #expect(it.contrast.contains(TermHash.hash("ma")))
        #expect(!fr.contrast.contains(TermHash.hash("ma")) && !fr.coordination.contains(TermHash.hash("ma")))
        #expect(nl.coordination.contains(TermHash.hash("en")))
        #expect(!fr.coordination.contains(TermHash.hash("en")) && !fr.contrast.contains(TermHash.hash("en")))
        for code in SentimentAnalyzer.languages {
            let entry = try #require(ClauseWords.table.first { $0.language == code }, "\(code)")
            #expect(!entry.words.contrasts.isEmpty && !entry.words.links.isEmpty, "\(code)")
        }
        // In French, "en" stays a plain word: the clause after the comma is Globex's.
        let found = labels("Acme est génial en ce moment, Globex est nul.", lang: "fr")
        #expect(found["Acme"] == .positive)
        #expect(found["Globex"] == .negative)
    }
}

