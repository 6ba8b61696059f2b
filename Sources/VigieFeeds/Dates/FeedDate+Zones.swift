import Foundation

/// Time zones as feeds write them, named or numeric, for every reader of dates.
extension FeedDate {
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
        "ast": -240, "adt": -180, "nst": -210, "ndt": -150, "cet": 60, "cest": 120, "met": 60, "mest": 120,
        "mez": 60, "mesz": 120, "eet": 120, "eest": 180, "west": 60, "bst": 60, "ist": 330, "jst": 540,
        "kst": 540, "aest": 600, "aedt": 660, "acst": 570, "awst": 480, "nzst": 720, "nzdt": 780,
        "hkt": 480, "sgt": 480, "msk": 180,
        // North American zones without their standard or daylight letter, as feedparser reads
        // them: standard time.
        "at": -240, "et": -300, "ct": -360, "mt": -420, "pt": -480,
    ]

    /// Minutes east of UTC for "Z", "+0100", "-05:00", "+1", "GMT", "CEST", "GMT+2".
    static func zoneOffset(_ text: String) -> Int? {
        if text == "+0000" || text == "GMT" || text == "Z" || text == "UTC" { return 0 }
        let lowered = loweredZone(text)
        if let named = zones[lowered] { return named }
        for prefix in ["gmt", "utc", "ut"] where lowered.hasPrefix(prefix) {
            return zoneOffset(String(lowered.dropFirst(prefix.count)))
        }
        guard let sign = lowered.first, sign == "+" || sign == "-" else { return nil }
        let digits = lowered.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let value = Int(digits)!
        let minutes: Int
        switch digits.count {
        case 1, 2: minutes = value * 60
        case 3: minutes = (value / 100) * 60 + value % 100
        default: minutes = (value / 100) * 60 + value % 100
        }
        guard minutes <= 18 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }

    /// The zone lower-cased, without spaces or parentheses around it. ASCII, as zones are, is
    /// done on its bytes; anything else with `lowercased()` and `CharacterSet`.
    static func loweredZone(_ text: String) -> String {
        text.asciiLowercasedTrimming { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }
            ?? text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
    }
}
