import Testing

@testable import VigieClassify

@Suite struct LanguageTests {
    let classifier: Classifier

    init() throws { classifier = try Classifier(brands: []) }

    func lang(_ text: String, hint: String? = nil) -> String {
        classifier.classify(ClassifierInput(text: text, lang: hint)).lang
    }

    @Test(arguments: [
        ("fr", "Le train de ce matin est encore arrivé avec vingt minutes de retard, comme toute la semaine."),
        ("en", "The delivery arrived two days late and nobody from the support team answered my emails."),
        ("de", "Die Lieferung kam zwei Tage zu spät und niemand vom Kundendienst hat auf meine Mails geantwortet."),
        ("es", "El pedido llegó con dos días de retraso y nadie del servicio de atención respondió a mis correos."),
        ("it", "Il pacco è arrivato con due giorni di ritardo e nessuno del servizio clienti ha risposto alle mie email."),
        ("pt", "A encomenda chegou com dois dias de atraso e ninguém do apoio ao cliente respondeu aos meus emails."),
        ("nl", "Het pakket kwam twee dagen te laat aan en niemand van de klantenservice heeft mijn mails beantwoord."),
    ])
    func identifiesEachSupportedLanguage(expected: String, text: String) {
        #expect(lang(text) == expected)
    }

    @Test(arguments: [
        ("fr", "Franchement déçue par la livraison 😡"),
        ("en", "Worst customer service ever, seriously"),
        ("de", "Danke für die schnelle Hilfe gestern!"),
        ("es", "Gracias por la ayuda, todo funciona ya"),
    ])
    func handlesTweetLengthPosts(expected: String, text: String) {
        #expect(lang(text) == expected)
    }

    @Test func tooLittleTextIsUndetermined() {
        #expect(lang("👍👍") == "und")
        #expect(lang("12345 678") == "und")
        #expect(lang("ok") == "und")
    }

    @Test func hintDecidesOnlyWhenTheTextCannot() {
        #expect(lang("ok", hint: "de") == "de")
        #expect(lang("The parcel never arrived and support does not answer.", hint: "fr") == "en")
        #expect(lang("ok", hint: "xx") == "und")
    }

    @Test func mixedPostTakesItsMainLanguageAndEachSentenceItsOwn() {
        let text = """
            Je suis vraiment ravi du nouveau service de livraison, les colis arrivent toujours à l'heure et en parfait état. \
            L'équipe du magasin a été très aimable avec nous. The staff was great.
            """
        let result = classifier.classify(ClassifierInput(text: text))
        #expect(result.lang == "fr")
        #expect(result.sentences.count == 3)
        #expect(result.sentences[0].lang == "fr")
        #expect(result.sentences[2].lang == "en")
        // The English sentence is scored with the English lexicon: "great" is positive.
        #expect(result.sentences[2].label == .positive)
    }

    @Test func accentsAndCapitalsDoNotConfuseTheProfiles() {
        #expect(lang("LA LIVRAISON EST ARRIVÉE EN RETARD ET LE COLIS ÉTAIT ABÎMÉ") == "fr")
        #expect(lang("Über die Qualität der Ware können wir uns nicht beschweren") == "de")
    }
}
