/// Built-in detectors a taxonomy rule can name with `detect:<name>`.
///
/// They scan the raw UTF-8 text for identifiers that a word query cannot express:
/// email addresses, phone numbers, IBANs, payment cards, French social security numbers,
/// postal addresses and promo codes. Numbers that fail their check digits are not reported.
public enum Detector: String, Sendable, CaseIterable, Hashable {
    case email
    /// French national (`06 12 34 56 78`) and international (`+33 6 ...`, `+44 20 ...`) numbers.
    case phone
    /// IBAN passing the ISO 13616 mod-97 check.
    case iban
    /// 13 to 19 digit card number passing the Luhn check.
    case paymentCard = "payment_card"
    /// French NIR with a valid key.
    case frenchSocialSecurity = "fr_social_security"
    /// Street address: number and street type (FR, EN, ES, IT) or street name ending in -straße (DE).
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
