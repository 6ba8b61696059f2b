import Testing
import VigieModel

@testable import VigieClassify

@Suite struct SentimentTests {
    let classifier: Classifier

    init() throws { classifier = try Classifier(brands: []) }

    func sentiment(_ text: String, lang: String? = nil) -> ClassificationResult.Sentiment {
        classifier.classify(ClassifierInput(text: text, lang: lang)).sentiment
    }

    func score(_ text: String) -> Double { sentiment(text).score }

    @Test(arguments: [
        ("Le service est excellent, je recommande.", SentimentLabel.positive),
        ("Application lamentable, elle plante sans arrêt.", .negative),
        ("La boutique ouvre à neuf heures le samedi.", .neutral),
        ("The support team was helpful and friendly.", .positive),
        ("The update is awful and the app keeps crashing.", .negative),
        ("The store opens at nine on Saturdays.", .neutral),
        ("Der Kundendienst war sehr freundlich und hilfsbereit.", .positive),
        ("Die Lieferung war eine Katastrophe.", .negative),
        ("El servicio fue excelente y muy rápido.", .positive),
        ("Un desastre de servicio, muy decepcionado.", .negative),
    ])
    func labelsPostsInFourLanguages(text: String, expected: SentimentLabel) {
        #expect(sentiment(text).label == expected)
    }

    @Test func scoresStayWithinBounds() {
        let loud = "GÉNIAL GÉNIAL GÉNIAL !!!! Parfait, merveilleux, fantastique, sublime, excellent 😍😍😍"
        let awful = "Horrible, catastrophique, lamentable, honteux, scandaleux !!!! 😡😡😡"
        #expect(score(loud) <= 1 && score(loud) > 0.9)
        #expect(score(awful) >= -1 && score(awful) < -0.9)
    }

    @Test func frenchNegationFlipsPolarity() {
        #expect(score("Ce service est bien.") > 0)
        #expect(score("Ce service n'est pas bien.") < 0)
        #expect(score("Je ne suis plus satisfait de mon forfait.") < 0)
        #expect(score("Je ne serai jamais satisfait de ce genre de service.") < 0)
        #expect(score("Je n'ai jamais eu de problème avec eux.") > 0)
        #expect(score("Franchement pas mal du tout.") > 0)
        #expect(score("Rien de bon dans cette offre.") < 0)
        #expect(score("Je ne recommanderai jamais cette banque.") < 0)
        #expect(score("Nous recommandons ce magasin.") > 0)
        // A phrase that holds its own negation is not flipped by the "ne" before it.
        #expect(score("Le colis n'est toujours pas arrivé.") < 0)
    }

    @Test func strongNegationWithNothingToNegateReadsAsAComplaint() {
        #expect(sentiment("Je n'ai jamais reçu ma commande.").label == .negative)
        #expect(sentiment("Le technicien n'est plus revenu.").label == .negative)
        #expect(sentiment("I never got my parcel.").label == .negative)
        #expect(sentiment("Ich habe nie eine Antwort bekommen.").label == .negative)
        #expect(sentiment("Nunca recibí el pedido.").label == .negative)
        // A question keeps its neutral reading, and "pas" alone is not a complaint.
        #expect(sentiment("Vous n'avez jamais utilisé l'application ?").label == .neutral)
        #expect(sentiment("Je ne sais pas quand le colis arrive.").label == .neutral)
    }

    @Test func negationStopsAtAClauseBoundary() {
        // "pas" belongs to the first clause; "ravie" after the comma stays positive.
        let separated = score("Je ne suis pas en colère, ravie même.")
        #expect(separated > 0)
    }

    @Test func englishGermanAndSpanishNegation() {
        #expect(score("The app is good.") > 0)
        #expect(score("The app is not good.") < 0)
        #expect(score("I have never been happy with this bank.") < 0)
        #expect(score("Das Essen ist gut.") > 0)
        #expect(score("Das Essen ist nicht gut.") < 0)
        #expect(score("Das gefällt mir nicht.") < 0)
        #expect(score("Das war kein guter Kauf.") < 0)
        #expect(score("El producto es bueno.") > 0)
        #expect(score("El producto no es bueno.") < 0)
        #expect(score("Nunca estoy satisfecho con este banco.") < 0)
    }

    @Test func intensifiersAndDiminishers() {
        #expect(score("Le service est très bien.") > score("Le service est bien."))
        #expect(score("Le service est vraiment bien.") > score("Le service est bien."))
        #expect(score("C'est trop cher.") < score("C'est cher."))
        #expect(score("C'est un peu cher.") > score("C'est cher."))
        #expect(score("C'est un peu cher.") < 0)
        #expect(score("The service is very good.") > score("The service is good."))
        #expect(score("The service is barely good.") < score("The service is good."))
        #expect(score("Der Service ist sehr gut.") > score("Der Service ist gut."))
        #expect(score("El servicio es muy bueno.") > score("El servicio es bueno."))
    }

    @Test func clauseAfterAContrastWeighsMore() {
        #expect(score("L'appli est jolie mais elle plante à chaque ouverture.") < 0)
        #expect(score("Un peu cher, mais franchement excellent.") > 0)
        #expect(score("The screen is great but the battery is terrible.") < 0)
        #expect(score("Der Preis ist hoch, aber die Qualität ist hervorragend.") > 0)
        #expect(score("Es caro, pero el servicio es excelente.") > 0)
        let later = score("Le service est nul. Pourtant le personnel est adorable et très efficace.")
        #expect(later > 0)
    }

    @Test func exclamationAndCapitalsAmplify() {
        #expect(score("Service génial !!!") > score("Service génial."))
        #expect(score("Service NUL, je suis déçu.") < score("Service nul, je suis déçu."))
        #expect(score("The delay was BAD.") < score("The delay was bad."))
    }

    @Test func lonePraiseBesideAComplaintReadsAsIrony() {
        #expect(sentiment("Bravo la compagnie, troisième vol annulé de la semaine 👏").label == .negative)
        #expect(sentiment("Great, another outage during my working day.").label == .negative)
        // Praise with other praise, or without a clear complaint, stays praise.
        #expect(sentiment("Bravo à l'équipe, panne réparée en une heure.").label == .positive)
        #expect(sentiment("Bravo pour ce nouveau service.").label == .positive)
        let text = classifier.classify(ClassifierInput(text: "Bravo, encore un retard 👏")).explanation.joined()
        #expect(text.contains("ironic"))
    }

    @Test func questionsWeighLess() {
        #expect(abs(score("Le nouveau forfait est-il vraiment meilleur ?")) < abs(score("Le nouveau forfait est vraiment meilleur.")))
        #expect(abs(score("Is the new app any good?")) < abs(score("The new app is good.")))
        #expect(sentiment("Pourquoi mon colis est encore en retard ?!").label == .negative)
    }

    @Test func emoticonsAndEmoji() {
        #expect(sentiment("Livraison reçue ce matin 😍").label == .positive)
        #expect(sentiment("Livraison reçue ce matin 😡").label == .negative)
        #expect(sentiment("Package arrived today :)").label == .positive)
        #expect(sentiment("Package arrived today :(").label == .negative)
        #expect(sentiment("Colis arrivé 👍🏽").label == .positive)
    }

    @Test func elisionAndAccentsAreFolded() {
        #expect(sentiment("J'adore cette appli").label == .positive)
        #expect(sentiment("J’adore cette appli").label == .positive)
        #expect(sentiment("Ce n'est pas terrible").label == .negative)
        #expect(score("Je suis déçu par la livraison.") == score("Je suis decu par la livraison."))
        #expect(score("Je suis DÉÇUE par la livraison.") < 0)
    }

    @Test func inflectedFormsFindTheirBaseWord() {
        #expect(score("Les équipes sont décevantes.") < 0)
        #expect(score("Des conseillères très aimables.") > 0)
        #expect(score("Las tiendas son preciosas.") > 0)
    }

    @Test func eachSentenceHasItsOwnScore() {
        let result = classifier.classify(ClassifierInput(text: "Livraison rapide. Emballage abîmé. Merci quand même !"))
        #expect(result.sentences.map(\.label) == [.positive, .negative, .positive])
        #expect(result.sentences.map(\.text) == ["Livraison rapide.", "Emballage abîmé.", "Merci quand même !"])
    }

    @Test func titleIsScoredAsTheFirstSentence() {
        let result = classifier.classify(ClassifierInput(title: "Service catastrophique", text: "Commande 4521."))
        #expect(result.sentiment.label == .negative)
        #expect(result.sentences.map(\.text) == ["Service catastrophique", "Commande 4521."])
        let empty = classifier.classify(ClassifierInput(text: ""))
        #expect(empty.sentences.isEmpty)
        #expect(empty.sentiment == .init(label: .neutral, score: 0))
        #expect(empty.lang == "und")
    }

    @Test func explanationNamesTheWordsAndRules() {
        let result = classifier.classify(ClassifierInput(text: "Le service n'est pas très bon mais le personnel est génial !"))
        let text = result.explanation.joined(separator: "\n")
        #expect(text.contains("\"bon\""))
        #expect(text.contains("negated by \"pas\""))
        #expect(text.contains("boosted by \"tres\""))
        #expect(text.contains("after \"mais\""))
        #expect(text.contains("\"genial\""))
        #expect(text.contains("exclamation"))
        #expect(text.contains("sentiment positive"))
    }

    @Test(arguments: [
        ("Personale gentilissimo, consegna velocissima.", SentimentLabel.positive),
        ("Il prodotto è arrivato rotto, che schifo.", .negative),
        ("Il negozio apre alle nove il sabato.", .neutral),
        ("Atendimento excelente, recomendo demais!", .positive),
        ("O produto chegou quebrado, que vergonha.", .negative),
        ("A loja abre às nove no sábado.", .neutral),
        ("Heel vriendelijk personeel en snel geleverd.", .positive),
        ("Het pakket kwam kapot aan, schandalig.", .negative),
        ("De winkel gaat om negen uur open op zaterdag.", .neutral),
    ])
    func labelsItalianPortugueseAndDutchPosts(text: String, expected: SentimentLabel) {
        #expect(sentiment(text).label == expected)
    }

    @Test func italianPortugueseAndDutchNegation() {
        #expect(score("Il servizio è buono.") > 0)
        #expect(score("Il servizio non è buono.") < 0)
        #expect(score("Non sono per niente soddisfatto.") < 0)
        #expect(score("O serviço é bom.") > 0)
        #expect(score("O serviço não é bom.") < 0)
        #expect(score("Nunca fiquei satisfeito com esse banco.") < 0)
        #expect(score("De service van deze winkel is goed.") > 0)
        #expect(score("De service van deze winkel is niet goed.") < 0)
        #expect(score("Ik ben helemaal niet tevreden.") < 0)
        #expect(score("Dit was geen goede aankoop.") < 0)
    }

    @Test func italianPortugueseAndDutchContrast() {
        #expect(score("Il prezzo è alto, ma la qualità è eccellente.") > 0)
        #expect(score("La app è bella ma si blocca sempre.") < 0)
        #expect(score("É caro, mas o atendimento é excelente.") > 0)
        #expect(score("O hotel é bonito, mas o quarto estava imundo.") < 0)
        #expect(score("Het is duur, maar de kwaliteit is uitstekend.") > 0)
        #expect(score("Mooie winkel, maar het personeel was onbeleefd.") < 0)
    }

    @Test func englishServiceFailuresAndRemedies() {
        // Something that should work and does not, a remedy refused: complaints, not praise.
        #expect(sentiment("The AC didn't work all night.").label == .negative)
        #expect(sentiment("They won't refund the subscription.").label == .negative)
        #expect(sentiment("My plan was renewed without any warning.").label == .negative)
        #expect(sentiment("Cheap junk, the cable snapped.").label == .negative)
        #expect(sentiment("It's not worth the money.").label == .negative)
        // "like" as a preposition or a request is no liking.
        #expect(sentiment("The parcel looks like it was opened.").label == .neutral)
        #expect(sentiment("I'd like to change my delivery address.").label == .neutral)
        #expect(sentiment("Worth every penny, reliable and quiet.").label == .positive)
    }

    @Test func italianPostsUseTheirOwnLexicon() {
        let result = classifier.classify(ClassifierInput(text: "Il pacco è arrivato oggi, servizio eccellente."))
        #expect(result.lang == "it")
        #expect(result.sentiment.label == .positive)
        #expect(result.explanation.joined(separator: "\n").contains("\"eccellente\""))
    }
}
