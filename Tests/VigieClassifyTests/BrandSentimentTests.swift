import Foundation
import Testing
import VigieModel

@testable import VigieClassify

/// Each brand a post names gets the sentiment of the clauses naming it, not the post's.
@Suite struct BrandSentimentTests {
    let classifier: Classifier

    init() throws {
        classifier = try Classifier(brands: [
            Brand(name: "Acme", query: "\"Acme\""), Brand(name: "Globex", query: "\"Globex\" OR \"GBX\""),
            Brand(name: "By Acme", query: "author:Acme"),
        ])
    }

    func labels(_ text: String, lang: String? = nil) -> [String: SentimentLabel] {
        let result = classifier.classify(ClassifierInput(text: text, lang: lang))
        var out: [String: SentimentLabel] = [:]
        for brand in result.brands { if let s = brand.sentiment { out[brand.name] = s.label } }
        return out
    }

    @Test(arguments: [
        // Praise one, criticise the other, in two sentences.
        ("J'adore Acme, service excellent et très rapide. Globex est nul, service horrible.", SentimentLabel.positive, SentimentLabel.negative),
        ("Acme support was great and friendly. Globex lost my parcel, awful.", .positive, .negative),
        ("Acme war super freundlich. Globex ist eine Katastrophe.", .positive, .negative),
        ("Acme fue excelente. Globex un desastre total.", .positive, .negative),
        // A contrast in one sentence.
        ("J'adore Acme mais Globex est vraiment nul.", .positive, .negative),
        ("Acme is awful but Globex is great.", .negative, .positive),
        // Comparisons: the brand after "que"/"than" is judged the other way.
        ("Acme est bien meilleur que Globex.", .positive, .negative),
        ("Acme est moins cher que Globex.", .positive, .negative),
        ("Globex is way better than Acme.", .negative, .positive),
        // Both in one clause, or items of one list, share it.
        ("Acme et Globex sont nuls.", .negative, .negative),
        // Named in passing in an angry post: not blamed.
        ("Je regardais une série sur Globex hier soir. Acme a encore coupé ma connexion, c'est nul et honteux.", .negative, .neutral),
    ])
    func eachBrandItsOwnSentiment(text: String, acme: SentimentLabel, globex: SentimentLabel) {
        let found = labels(text)
        #expect(found["Acme"] == acme, "\(text)")
        #expect(found["Globex"] == globex, "\(text)")
    }

    @Test("a negation does not reach across to the other brand's clause")
    func negationStaysInItsClause() {
        let found = labels("Acme n'est pas mauvais du tout, mais Globex est nul.")
        #expect(found["Acme"] == .positive)
        #expect(found["Globex"] == .negative)
    }

    @Test("a sentence naming no brand counts, at half weight, for the brand named before it")
    func carriedSentence() throws {
        let result = classifier.classify(ClassifierInput(text: "Globex ? Rien à dire. Acme a encore planté. Trois fois cette semaine, honteux !"))
        let acme = try #require(result.brands.first { $0.name == "Acme" }?.sentiment)
        #expect(acme.label == .negative)
        #expect(acme.explanation.contains { $0.hasPrefix("sentence 4 names no brand, read with sentence 3 x0.5") })
        // The same text without the trailing sentence scores Acme higher.
        let alone = try #require(
            classifier.classify(ClassifierInput(text: "Globex ? Rien à dire. Acme a encore planté.")).brands.first { $0.name == "Acme" }?
                .sentiment)
        #expect(acme.score < alone.score)
    }

    @Test("the post keeps its own sentiment; brands read the same through brands(in:)")
    func postSentimentStays() throws {
        let text = "J'adore Acme, service excellent. Globex est nul, service horrible, je suis très déçu, quelle honte."
        let input = ClassifierInput(text: text, lang: "fr")
        let result = classifier.classify(input)
        let plain = try Classifier(brands: []).classify(input)
        #expect(result.sentiment == plain.sentiment)
        #expect(result.sentences == plain.sentences)
        #expect(classifier.brands(in: input) == result.brands)
        #expect(classifier.brandIDs(in: input) == result.brands.map(\.id))
    }

    @Test("a brand matched outside the title and text has no sentiment of its own")
    func outsideText() throws {
        let result = classifier.classify(ClassifierInput(text: "Acme est vraiment nul, je suis déçu.", author: "Acme"))
        let byAcme = try #require(result.brands.first { $0.name == "By Acme" })
        #expect(byAcme.span?.field == "author")
        #expect(byAcme.sentiment == nil)
        #expect(result.brands.first { $0.name == "Acme" }?.sentiment?.label == .negative)
    }

    @Test("the explanation names the clause read and ends with the brand's label")
    func explanation() throws {
        let result = classifier.classify(ClassifierInput(text: "J'adore Acme mais Globex est vraiment nul."))
        let globex = try #require(result.brands.first { $0.name == "Globex" }?.sentiment)
        #expect(globex.explanation.first?.hasPrefix("sentence 1: \"mais Globex est vraiment nul\"") == true, "\(globex.explanation)")
        #expect(globex.explanation.contains { $0.hasPrefix("\"nul\"") })
        #expect(globex.explanation.last?.hasPrefix("brand sentiment negative -") == true)
        // As `vigie classify --stdin` writes it: each entry of "brands" has its own "sentiment".
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result)) as? [String: Any]
        let brands = try #require(object?["brands"] as? [[String: Any]])
        let sentiments = brands.map { $0["sentiment"] as? [String: Any] }
        #expect(sentiments.map { $0?["label"] as? String } == ["positive", "negative"])
        #expect(sentiments.allSatisfy { $0?["score"] is Double && $0?["explanation"] is [String] })
        let decoded = try JSONDecoder().decode(ClassificationResult.self, from: try JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test("a sentence naming brands thousands of times is read in linear time, explained within budget", .timeLimit(.minutes(1)))
    func manyMentions() throws {
        // 8,000 runs with nothing between them share one clause; then 2,000 sentences naming none.
        let text = String(repeating: "Acme Globex ", count: 4000) + "tous nuls. " + String(repeating: "Encore nul. ", count: 2000)
        let started = ContinuousClock.now
        let result = classifier.classify(ClassifierInput(text: text, lang: "fr"))
        let elapsed = ContinuousClock.now - started
        for name in ["Acme", "Globex"] {
            let sentiment = try #require(result.brands.first { $0.name == name }?.sentiment)
            #expect(sentiment.label == .negative)
            #expect(sentiment.explanation.count <= 2 * Classifier.brandExplanationBudget + 1)
        }
        // Scored once per clause, not once per run: 8,000 runs each re-scoring the shared clause would not fit.
        #expect(elapsed < .seconds(20), "\(elapsed)")
    }

    @Test("aliases and repeated mentions of one brand make one clause, not a split")
    func repeatedMentions() {
        let found = labels("Globex, enfin GBX comme on dit, est génial.")
        #expect(found["Globex"] == .positive)
    }
}
