import Testing
import VigieModel

@testable import VigieClassify

@Suite struct BrandQueryTests {
    func matches(_ query: String, _ input: ClassifierInput) throws -> Bool {
        let classifier = try Classifier(brands: [Brand(id: 7, name: "Brand", query: query)])
        return classifier.classify(input).brands.map(\.id) == [7]
    }

    func matches(_ query: String, _ text: String) throws -> Bool {
        try matches(query, ClassifierInput(text: text))
    }

    @Test func parsesOperatorsWithPrecedence() throws {
        #expect(try BrandQuery.parse("a OR b c") == .or([.term("a", prefix: false), .and([.term("b", prefix: false), .term("c", prefix: false)])]))
        #expect(try BrandQuery.parse("(a OR b) AND NOT c") == .and([.or([.term("a", prefix: false), .term("b", prefix: false)]), .not(.term("c", prefix: false))]))
        #expect(try BrandQuery.parse("\"Crédit Agricole\" NEAR/3 boycott*") == .near(.phrase(["credit", "agricole"]), .term("boycott", prefix: true), distance: 3))
        #expect(try BrandQuery.parse("title:Orange lang:fr") == .and([.field(.title, .term("orange", prefix: false)), .language("fr")]))
        #expect(try BrandQuery.parse("L'Oréal") == .phrase(["l", "oreal"]))
    }

    @Test func fieldAppliesToAGroupAndLowercaseOperatorsAreWords() throws {
        #expect(try BrandQuery.parse("title:(rappel OR recall)") == .field(.title, .or([.term("rappel", prefix: false), .term("recall", prefix: false)])))
        #expect(try BrandQuery.parse("NOT a NEAR/2 b AND c") == .and([.not(.near(.term("a", prefix: false), .term("b", prefix: false), distance: 2)), .term("c", prefix: false)]))
        #expect(try matches("black and decker", "Ma perceuse Black and Decker"))
        #expect(!(try matches("black and decker", "Black Friday chez Decker")))
    }

    @Test func booleanOperators() throws {
        #expect(try matches("orange AND fibre", "Panne de fibre chez Orange ce matin"))
        #expect(!(try matches("orange AND fibre", "Panne chez Orange ce matin")))
        #expect(try matches("sfr OR bouygues", "Bouygues a changé ses tarifs"))
        #expect(try matches("orange NOT (fruit OR jus)", "Orange augmente ses prix"))
        #expect(!(try matches("orange NOT (fruit OR jus)", "Un jus d'orange bien frais")))
    }

    @Test func phrasesAreConsecutiveWords() throws {
        #expect(try matches("\"air france\"", "Vol Air France annulé"))
        #expect(try matches("\"air france\"", "Vol Air-France annulé"))
        #expect(!(try matches("\"air france\"", "L'air de la France")))
        #expect(!(try matches("\"air france\"", "Air et France")))
        #expect(!(try matches("\"air france\"", "Trop d'air. France Info en parle.")))
    }

    @Test func nearMatchesWithinDistanceEitherOrder() throws {
        #expect(try matches("sncf NEAR/3 retard", "La SNCF annonce un gros retard"))
        #expect(try matches("sncf NEAR/3 retard", "Encore un retard pour la SNCF"))
        #expect(!(try matches("sncf NEAR/1 retard", "La SNCF annonce encore un retard")))
        #expect(try matches("\"la poste\" NEAR/3 (colis OR lettre)", "La Poste a perdu mon colis"))
        #expect(!(try matches("\"la poste\" NEAR/2 (colis OR lettre)", "La Poste a perdu mon colis")))
    }

    @Test func prefixWildcards() throws {
        #expect(try matches("boycott*", "Appel au #BoycottNestle ce week-end"))
        #expect(try matches("boycott*", "Je boycotte cette marque"))
        #expect(try matches("boycott*", "boycott"))
        #expect(!(try matches("boycott*", "Le boy cotte")))
    }

    @Test func caseAndAccentInsensitive() throws {
        #expect(try matches("société générale", "SOCIETE GENERALE ferme des agences"))
        #expect(try matches("\"Societe Generale\"", "La Société Générale ferme des agences"))
        #expect(try matches("Çà", "ca"))
    }

    @Test func aliasesAreQueries() throws {
        let classifier = try Classifier(brands: [
            Brand(id: 1, name: "Facebook", query: "facebook OR fb OR \"meta platforms\""),
            Brand(id: 2, name: "Orange", query: "orange NOT (jus OR fruit)"),
        ])
        let result = classifier.classify(ClassifierInput(text: "Mon compte FB est bloqué depuis hier"))
        #expect(result.brands.map(\.id) == [1])
        #expect(result.brands[0].span == TextSpan(field: "text", start: 11, end: 13, text: "FB"))
    }

    @Test func fieldLimits() throws {
        let input = ClassifierInput(title: "Avis sur Darty", text: "Livraison rapide, rien à dire.", author: "Jean Fnac")
        #expect(try matches("title:darty", input))
        #expect(!(try matches("text:darty", input)))
        #expect(try matches("darty", input))
        #expect(try matches("author:fnac", input))
        #expect(!(try matches("fnac", input)))
        #expect(try matches("darty lang:fr", input))
        #expect(!(try matches("darty lang:en", input)))
    }

    @Test func spanReportsTheFieldAndScalarOffsets() throws {
        let classifier = try Classifier(brands: [Brand(id: 3, name: "Crédit Agricole", query: "\"credit agricole\"")])
        let result = classifier.classify(ClassifierInput(title: "Été chaud", text: "Déçu par le Crédit Agricole 😡"))
        #expect(result.brands.first?.span == TextSpan(field: "text", start: 12, end: 27, text: "Crédit Agricole"))
    }

    @Test(arguments: [
        ("", 1, "empty"),
        ("(orange OR sfr", 1, "never closed"),
        ("orange)", 7, "unmatched ')'"),
        ("orange OR", 8, "OR needs something after it"),
        ("AND orange", 1, "needs something before it"),
        ("\"air france", 1, "never closed"),
        ("foo:bar", 1, "unknown field 'foo'"),
        ("orange NEAR sfr", 8, "NEAR needs a distance"),
        ("orange NEAR/0 sfr", 8, "whole number"),
        ("boy*cott", 4, "only allowed at the end"),
        ("bo*", 1, "at least 3 letters"),
        ("NOT orange", 1, "only excludes"),
        ("(orange AND sfr) NEAR/3 free", 18, "NEAR joins"),
        ("lang:french", 6, "not a language code"),
        ("()", 2, "empty parentheses"),
        ("\"!!\"", 1, "no letters or digits"),
    ])
    func badQueriesSayWhereAndWhy(query: String, position: Int, reason: String) {
        do {
            _ = try BrandQuery.parse(query)
            Issue.record("expected an error for \(query)")
        } catch let error as BrandQueryError {
            #expect(error.position == position, "\(query): \(error)")
            #expect(error.reason.contains(reason), "\(query): \(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func classifierNamesTheBrandWithABadQuery() {
        do {
            _ = try Classifier(brands: [
                Brand(id: 1, name: "Good", query: "good"),
                Brand(id: 2, name: "Broken", query: "(broken"),
            ])
            Issue.record("expected an error")
        } catch let error as BrandQueryError {
            #expect(error.brand == "Broken")
            #expect(error.position == 1)
            #expect(error.description == "brand \"Broken\": query error at character 1: '(' is never closed")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
