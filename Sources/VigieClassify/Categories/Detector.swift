/// Built-in detectors a taxonomy rule can name with `detect:<name>`.
///
/// They scan the raw UTF-8 text for identifiers that a word query cannot express:
/// email addresses, phone numbers, IBANs, payment cards, French social security numbers,
/// postal addresses and promo codes. Numbers that fail their check digits are not reported.
public enum Detector: String, Sendable, CaseIterable, Hashable {
    case email
    /// National and international numbers of France, the UK, Germany, Spain and the US
    /// (`06 12 34 56 78`, `07700 900123`, `0171 1234567`, `612 34 56 78`, `(415) 555-0132`, `+33 6 ...`);
    /// not freephone lines nor order, ticket or case numbers.
    case phone
    /// IBAN passing the ISO 13616 mod-97 check.
    case iban
    /// 13 to 19 digit card number passing the Luhn check.
    case paymentCard = "payment_card"
    /// French NIR with a valid key.
    case frenchSocialSecurity = "fr_social_security"
    /// Street address: number and street type (FR, EN, ES, IT), street type and name then number
    /// (`C/ Mayor 3`), or street name ending in -straße, -str., -allee (DE); not a shop's or an office's.
    case postalAddress = "postal_address"
    /// A capitalised code announced as a promo or discount code.
    case promoCode = "promo_code"
}

/// A set of detectors as bits, tested once per byte without hashing.
struct DetectorSet: OptionSet, Sendable {
    var rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(_ detector: Detector) {
        self.rawValue = 1 << UInt16(Detector.allCases.firstIndex(of: detector)!)
    }

    func has(_ detector: Detector) -> Bool { contains(DetectorSet(detector)) }
}
