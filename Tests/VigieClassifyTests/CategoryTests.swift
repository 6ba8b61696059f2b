import Testing

@testable import VigieClassify

@Suite struct CategoryTests {
    let classifier: Classifier

    init() throws { classifier = try Classifier(brands: []) }

    func categories(_ text: String, title: String? = nil) -> [String] {
        classifier.classify(ClassifierInput(title: title, text: text)).categories.map(\.id)
    }

    func tag(_ text: String, _ id: String) -> ClassificationResult.CategoryMatch? {
        classifier.classify(ClassifierInput(text: text)).categories.first { $0.id == id }
    }

    @Test(arguments: [
        ("complaint", "Toujours en attente de mon remboursement depuis trois semaines, c'est inadmissible."),
        ("complaint", "Still waiting for a reply about my broken fridge, this is unacceptable."),
        ("complaint", "Ich warte immer noch auf eine Antwort, ich bin wirklich enttäuscht."),
        ("complaint", "Sigo esperando el reembolso, estoy muy decepcionado con la tienda."),
        ("crisis", "Appel au boycott de la marque après ses propos sur les clients."),
        ("crisis", "Le fabricant rappelle plusieurs lots de lait infantile contaminés."),
        ("crisis", "The video of the rude driver went viral overnight and the backlash is huge."),
        ("crisis", "La vidéo fait le tour des réseaux sociaux depuis ce matin."),
        ("legal_risk", "Je vais porter plainte et contacter un avocat pour cette facturation."),
        ("legal_risk", "C'est une arnaque pure et simple, ils encaissent sans livrer."),
        ("legal_risk", "This company is a scam and we are preparing a class action lawsuit."),
        ("legal_risk", "Ces propos relèvent de la diffamation envers nos équipes."),
        ("security_incident", "Fuite de données chez l'opérateur : des millions de clients concernés."),
        ("security_incident", "Mon compte a été piraté hier soir et le support ne répond pas."),
        ("security_incident", "The retailer confirmed a ransomware attack on its warehouses."),
        ("regulation", "La CNIL a sanctionné l'entreprise pour manquement au RGPD."),
        ("regulation", "J'ai exercé mon droit d'accès à mes données personnelles il y a deux mois."),
        ("regulation", "I sent a subject access request under the GDPR last month."),
        ("regulation", "Le vendeur refuse d'appliquer la garantie légale de conformité."),
        ("service_request", "Comment faire pour changer l'adresse de livraison de ma commande ?"),
        ("service_request", "How can I reset my password? The link does not work."),
        ("employer_brand", "L'entreprise recrute 300 alternants pour la rentrée."),
        ("employer_brand", "Les conditions de travail dans les entrepôts sont dénoncées par les syndicats."),
        ("employer_brand", "We're hiring engineers in our Lisbon office."),
        ("incivility", "Bande de nuls, vous êtes des incapables."),
        ("incivility", "Je vais vous retrouver, vous allez le payer."),
        ("incivility", "You are all idiots, total clowns."),
        ("promotional", "Profitez de -20% avec le code promo HIVER20 jusqu'à dimanche."),
        ("promotional", "Use code SAVE15 at checkout for free shipping."),
        ("promotional", "The post Ten tips for winter appeared first on Example Blog."),
        ("promotional", "Vous avez gagné un iPhone, cliquez ici pour le recevoir."),
    ])
    func tagsEachCategory(expected: String, text: String) {
        #expect(categories(text).contains(expected), "\(categories(text))")
    }

    @Test func distinctiveWordsAreTaggedWhateverTheLanguage() {
        let result = classifier.classify(ClassifierInput(text: "Total scam"))
        #expect(result.lang == "und")
        // An accusation of fraud is a legal risk and, from a customer, a complaint too.
        #expect(result.categories.map(\.id) == ["complaint", "legal_risk"])
        #expect(result.categories.first { $0.id == "legal_risk" }?.rule == "fraud")
    }

    @Test(arguments: [
        ("Colis jamais arrivé, rappelez-moi au 06 11 22 33 44", ["complaint", "personal_data", "service_request"]),
        ("You charged me twice, you bunch of clowns", ["complaint", "incivility"]),
        ("Mon compte a été piraté et le SAV me balade depuis 10 jours", ["complaint", "security_incident"]),
        ("Zweimal abgebucht, mein Anwalt meldet sich", ["complaint", "legal_risk"]),
        ("¿Me podéis decir dónde está el pedido 4481207?", ["service_request"]),
    ])
    func postsKeepEveryCategoryTheyBelongTo(text: String, expected: [String]) {
        #expect(categories(text) == expected, "\(text)")
    }

    @Test func neutralTextHasNoCategory() {
        #expect(categories("Le magasin de la rue principale ouvre à neuf heures.") == [])
        #expect(categories("The quarterly report will be published on Monday.") == [])
    }

    @Test func tagsRecordRuleAndSpan() throws {
        let match = try #require(tag("Appel au #BoycottNestle ce week-end", "crisis"))
        #expect(match.rule == "boycott")
        #expect(match.span == TextSpan(field: "text", start: 10, end: 23, text: "BoycottNestle"))
        let email = try #require(tag("Écrivez-moi à jeanne.durand@example.fr merci", "personal_data"))
        #expect(email.rule == "email")
        #expect(email.span == TextSpan(field: "text", start: 14, end: 38, text: "jeanne.durand@example.fr"))
    }

    @Test func categoriesAreFoundInTitlesToo() throws {
        let result = classifier.classify(ClassifierInput(title: "Appel au boycott", text: "Rien à signaler."))
        let match = try #require(result.categories.first { $0.id == "crisis" })
        #expect(match.span?.field == "title")
    }

    // MARK: personal data

    @Test(arguments: [
        "Contact : jean.dupont@example.org",
        "mail: a.b-c+tag@sub.example.co.uk",
    ])
    func emails(text: String) {
        #expect(tag(text, "personal_data")?.rule == "email")
    }

    @Test(arguments: ["écrivez à jean@localhost", "rendez-vous @SNCF demain", "prix: 3@4.5"])
    func notEmails(text: String) {
        #expect(tag(text, "personal_data") == nil)
    }

    @Test(arguments: [
        "Appelez-moi au 06 12 34 56 78 svp",
        "Mon numéro : 06.12.34.56.78",
        "Mon numéro : 06-12-34-56-78",
        "Tel 0612345678",
        "Joignable au +33 6 12 34 56 78",
        "Joignable au +33 (0)1 23 45 67 89",
        "Joignable au 0033 1 23 45 67 89",
        "Call me on +44 20 7946 0958",
        "Call me on +1 415 555 0132",
    ])
    func phoneNumbers(text: String) {
        #expect(tag(text, "personal_data")?.rule == "phone", "\(text)")
    }

    @Test(arguments: [
        "Le colis fait 12 34 56 cm",
        "Commande 1234567890123",
        "Tel 00 12 34 56 78",
        "Le 12/03/2024 à 10h30",
    ])
    func notPhoneNumbers(text: String) {
        #expect(tag(text, "personal_data") == nil, "\(text)")
    }

    @Test(arguments: [
        "FR14 2004 1010 0505 0001 3M02 606",
        "FR1420041010050500013M02606",
        "DE89 3704 0044 0532 0130 00",
        "ES91 2100 0418 4502 0005 1332",
        "GB82 WEST 1234 5698 7654 32",
    ])
    func ibansPassingModulo97(iban: String) throws {
        let match = try #require(tag("Virement sur le compte \(iban) demain.", "personal_data"))
        #expect(match.rule == "iban")
        #expect(match.span?.text == iban)
        #expect(Checksums.iban(iban))
    }

    @Test(arguments: [
        "FR14 2004 1010 0505 0001 3M02 607",
        "DE89 3704 0044 0532 0130 01",
        "ES91 2100 0418 4502 0005 1333",
    ])
    func ibansFailingModulo97AreNotPersonalData(iban: String) {
        #expect(!Checksums.iban(iban))
        #expect(tag("Virement sur le compte \(iban) demain.", "personal_data") == nil)
    }

    @Test(arguments: ["4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "3782 822463 10005"])
    func cardsPassingLuhn(card: String) throws {
        let match = try #require(tag("Ma carte \(card) a été débitée deux fois", "personal_data"))
        #expect(match.rule == "payment_card")
        #expect(match.span?.text == card)
    }

    @Test(arguments: ["4111 1111 1111 1112", "5500-0000-0000-0005", "1234 5678 9012 3456"])
    func cardsFailingLuhnAreNotPersonalData(card: String) {
        #expect(tag("Ma carte \(card) a été débitée deux fois", "personal_data") == nil)
    }

    @Test func luhnDirectly() {
        #expect(Checksums.luhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!Checksums.luhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
        #expect(Checksums.luhn([0, 0]))
        #expect(!Checksums.luhn([7]))
    }

    @Test(arguments: ["1 84 12 76 451 089 46", "184127645108946", "2 90 02 2A 123 456 78", "2 69 05 49 588 157 80"])
    func frenchSocialSecurityNumbersWithValidKey(nir: String) throws {
        #expect(Checksums.frenchSocialSecurity(nir))
        let match = try #require(tag("Mon numéro de sécu est le \(nir), merci de le corriger.", "personal_data"))
        #expect(match.rule == "fr_social_security")
        #expect(match.span?.text == nir)
    }

    @Test(arguments: [
        "1 84 12 76 451 089 47",  // wrong key
        "2 90 02 2B 123 456 78",  // key computed for 2A, not 2B
        "5 84 12 76 451 089 46",  // no such sex digit
        "1 84 13 76 451 089 46",  // no month 13
    ])
    func frenchSocialSecurityNumbersWithBadKeyAreNotPersonalData(nir: String) {
        #expect(!Checksums.frenchSocialSecurity(nir))
        #expect(tag("Mon numéro de sécu est le \(nir), merci de le corriger.", "personal_data") == nil)
    }

    @Test(arguments: [
        "Livrez au 12 rue de la Paix, 75002 Paris",
        "Adresse : 3 bis avenue Jean Jaurès à Lyon",
        "Send it to 221 Baker Street please",
        "Bitte an Hauptstraße 5 schicken",
        "Mi dirección es 14 calle Mayor",
    ])
    func postalAddresses(text: String) {
        #expect(tag(text, "personal_data")?.rule == "postal_address", "\(text)")
    }

    @Test func addressNeedsAStreetType() {
        #expect(tag("Nous avons reçu 12 colis de Paris", "personal_data") == nil)
    }

    @Test func firstMatchingRuleIsRecordedOncePerCategory() {
        let result = classifier.classify(ClassifierInput(text: "Mail jean@example.org, tel 06 12 34 56 78"))
        let personal = result.categories.filter { $0.id == "personal_data" }
        #expect(personal.count == 1)
        #expect(personal.first?.rule == "email")
        #expect(result.explanation.contains { $0.contains("rule phone") })
    }
}
