import Testing

@testable import VigieClassify

/// Postal addresses in French, English, German and Spanish forms; a shop's or an office's
/// address is not a private person's.
@Suite struct PostalAddressTests {
    let classifier: Classifier

    init() throws { classifier = try Classifier(brands: []) }

    func personalData(_ text: String) -> ClassificationResult.CategoryMatch? {
        classifier.classify(ClassifierInput(text: text)).categories.first { $0.id == "personal_data" }
    }

    @Test(arguments: [
        "Envoyez au 14 bis avenue des Tilleuls, 69003 Lyon",
        "Deliver to flat 2, 221B Baker Street, London",
        "Bitte an Lindenstr. 12 liefern",
        "Neue Adresse: Goethestr. 5a, 80336 München",
        "ich wohne Lindenallee 16, 50968 Köln",
        "Enviadlo a C/ Alcalá 45, 28014 Madrid",
        "vivo en Avda. Diagonal 450, Barcelona",
        "Calle Mayor 15, 3º B",
    ])
    func postalAddressForms(text: String) {
        #expect(personalData(text)?.rule == "postal_address", "\(text)")
    }

    @Test(arguments: [
        "Notre boutique : 15 rue de la République, Marseille",
        "Visit our flagship at 350 Fifth Avenue",
        "Besucht uns in der Filiale, Kaiserstraße 1, Frankfurt",
        "auf Platz 3 gelandet",
        "paseo por la playa 2 horas",
        "la calle 5 veces",
        "Mein Arbeitsweg 30 Minuten",
    ])
    func shopsAndOtherNumbersAreNotAddresses(text: String) {
        #expect(personalData(text) == nil, "\(text)")
    }
}
