import Testing

@testable import VigieClassify

/// Phone numbers in the national and international forms of France, the UK, Germany, Spain
/// and the US, and postal addresses in French, English, German and Spanish forms. Companies'
/// freephone lines, order, ticket and case numbers, and shops' addresses are not personal data.
@Suite struct PhoneAndAddressTests {
    let classifier: Classifier

    init() throws { classifier = try Classifier(brands: []) }

    func personalData(_ text: String) -> ClassificationResult.CategoryMatch? {
        classifier.classify(ClassifierInput(text: text)).categories.first { $0.id == "personal_data" }
    }

    @Test(arguments: [
        ("call me on 07700 900123 pls", "07700 900123"),
        ("ring me on +44 7700 900456 tonight", "+44 7700 900456"),
        ("text me at (555) 123-4567 when it ships", "(555) 123-4567"),
        ("my cell is 415-555-0132", "415-555-0132"),
        ("my number is +1 212-555-0187", "+1 212-555-0187"),
        ("meine Nummer ist 0171 1234567", "0171 1234567"),
        ("Handy 0151 23456789, ab 16 Uhr", "0151 23456789"),
        ("ruft an unter +49 151 23456789", "+49 151 23456789"),
        ("mi movil es 612 34 56 78", "612 34 56 78"),
        ("fijo 91 123 45 67 por la tarde", "91 123 45 67"),
        ("whatsapp +34 612 345 678", "+34 612 345 678"),
    ])
    func nationalAndInternationalForms(text: String, number: String) throws {
        let match = try #require(personalData(text), "\(text)")
        #expect(match.rule == "phone")
        #expect(match.span?.text == number)
    }

    @Test(arguments: [
        "Service client : 09 69 32 42 42, appel non surtaxé",
        "Customer care: 1-800-275-2273, open 24/7",
        "call their support on 0800 123 4567",
        "Kundenhotline 0800 330 1000 kostenlos",
        "Atencion al cliente: 900 100 200",
        "Commande 0612345678 bien reçue",
        "order #4155550132 shipped",
        "pedido 612345678 entregado",
        "ticket 07700900123 closed",
        "Bestellnummer 302-7745128 ist angekommen",
        "the (2019) model is 415 dollars",
    ])
    func companyLinesAndReferencesAreNotPersonalData(text: String) {
        #expect(personalData(text) == nil, "\(text)")
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
