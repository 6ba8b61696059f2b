import Foundation
import Testing
import VigieModel

@testable import VigieClassify

@Suite struct TaxonomyTests {
    @Test func bundledTaxonomyHasTheRequiredCategories() throws {
        let taxonomy = try Taxonomy.bundled()
        for id in [
            "complaint", "crisis", "legal_risk", "personal_data", "security_incident", "regulation", "service_request",
            "employer_brand", "incivility", "promotional",
        ] {
            #expect(taxonomy.categories.contains(id), "\(id)")
            #expect(taxonomy.rules.contains { $0.category == id }, "\(id) has no rule")
        }
    }

    @Test func versionIncludesTheTaxonomyVersion() throws {
        let taxonomy = try Taxonomy.bundled()
        #expect(Classifier.version == "vigie-clf-\(Classifier.algorithmVersion)+tax-\(taxonomy.version)")
        #expect(try Classifier(brands: []).taxonomyVersion == taxonomy.version)
    }

    @Test func customTaxonomy() throws {
        let taxonomy = try Taxonomy(
            parsing: """
                # test
                version = 7
                [delivery]
                late = retard* OR late
                [personal_data]
                card = detect:payment_card
                """)
        #expect(taxonomy.version == "7")
        let classifier = try Classifier(brands: [], taxonomy: taxonomy)
        #expect(classifier.taxonomyVersion == "7")
        let result = classifier.classify(ClassifierInput(text: "Colis en retard, carte 4111 1111 1111 1111"))
        #expect(result.categories.map(\.id) == ["delivery", "personal_data"])
        #expect(result.categories.map(\.rule) == ["late", "card"])
    }

    @Test(arguments: [
        ("[x]\nrule = a", 1, "version"),
        ("version = 1\nrule = a", 2, "before any [category]"),
        ("version = 1\n[Bad Id]", 2, "category id"),
        ("version = 1\n[a]\n[a]", 3, "appears twice"),
        ("version = 1\n[a]\nr = (open", 3, "never closed"),
        ("version = 1\n[a]\nr = detect:dna", 3, "unknown detector"),
        ("version = 1\n[a]\njust words", 3, "expected"),
        ("version = 1\n[a]\nr = x\nr = y", 4, "appears twice"),
    ])
    func malformedTaxonomyLines(text: String, line: Int, reason: String) {
        do {
            _ = try Taxonomy(parsing: text)
            Issue.record("expected an error")
        } catch let error as Taxonomy.ParseError {
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct ResultEncodingTests {
    @Test func encodesExactlyTheDocumentedKeys() throws {
        let classifier = try Classifier(brands: [Brand(id: 42, name: "Orange", query: "orange")])
        let result = classifier.classify(
            ClassifierInput(id: "p1", text: "Orange me rembourse enfin, merci ! Mon mail: a@example.org"))
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["id", "lang", "sentiment", "sentences", "brands", "categories", "explanation"])
        let sentiment = try #require(object["sentiment"] as? [String: Any])
        #expect(Set(sentiment.keys) == ["label", "score"])
        let sentence = try #require((object["sentences"] as? [[String: Any]])?.first)
        #expect(Set(sentence.keys) == ["text", "lang", "label", "score"])
        let brand = try #require((object["brands"] as? [[String: Any]])?.first)
        #expect(Set(brand.keys) == ["id", "name", "span", "sentiment"])
        #expect(brand["id"] as? Int == 42)
        let brandSentiment = try #require(brand["sentiment"] as? [String: Any])
        #expect(Set(brandSentiment.keys) == ["label", "score", "explanation"])
        let category = try #require((object["categories"] as? [[String: Any]])?.first)
        #expect(Set(category.keys) == ["id", "rule", "span"])
        let decoded = try JSONDecoder().decode(ClassificationResult.self, from: data)
        #expect(decoded == result)
    }

    @Test func missingIdEncodesAsNull() throws {
        let result = try Classifier(brands: []).classify(ClassifierInput(text: "Bonjour"))
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"id\":null"))
    }
}
