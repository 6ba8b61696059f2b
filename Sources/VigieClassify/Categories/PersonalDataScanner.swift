/// A detector hit, in UTF-8 offsets of the scanned field.
struct DetectorHit {
    var detector: Detector
    var start: Int
    var end: Int
}

enum PersonalDataScanner {
    /// Known IBAN lengths by country; other countries are tried at every length from 15 to 34.
    private static let ibanLengths: [String: Int] = [
        "FR": 27, "MC": 27, "DE": 22, "ES": 24, "IT": 27, "PT": 25, "NL": 18, "BE": 16, "LU": 20,
        "CH": 21, "GB": 22, "IE": 22, "AT": 20, "PL": 28, "SE": 24, "DK": 18, "FI": 18, "NO": 15,
        "GR": 27, "CZ": 24, "RO": 24, "HU": 28,
    ]

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

    /// Runs `detectors` over `p`, appending hits.
    /// Runs `detectors` over `p`, whose tokens are `tokens`, appending hits.
    ///
    /// Emails are found from their `@`; numbers and IBANs only where a token starts, so the
    /// cost follows the number of words rather than bytes.
    static func scan(
        _ p: UnsafeBufferPointer<UInt8>, detectors: DetectorSet, tokens: ArraySlice<Token>, into hits: inout [DetectorHit]
    ) {
        let wantNumbers = detectors.has(.phone) || detectors.has(.paymentCard) || detectors.has(.frenchSocialSecurity)
        let wantIBAN = detectors.has(.iban)
        let n = p.count
        if detectors.has(.email) {
            var i = 0
            while i < n {
                if p[i] == 0x40, let (s, e) = email(p, at: i) {
                    hits.append(DetectorHit(detector: .email, start: s, end: e))
                    i = e
                } else {
                    i += 1
                }
            }
        }
        if wantNumbers || wantIBAN {
            var consumed = 0
            for k in tokens.indices where Int(tokens[k].sourceStart) >= consumed && tokens[k].flags & Token.symbol == 0 {
                let token = tokens[k]
                var i = Int(token.sourceStart)
                let first = p[i]
                if wantIBAN, isLetter(first), i + 4 <= n, isLetter(p[i + 1]), isDigit(p[i + 2]), isDigit(p[i + 3]) {
                    // Whether or not it passes mod-97, its digits are not read again as a card or phone.
                    let (valid, end) = iban(p, at: i)
                    if let valid { hits.append(DetectorHit(detector: .iban, start: i, end: valid)) }
                    consumed = end
                    continue
                }
                guard wantNumbers, isDigit(first) else { continue }
                if i >= 1, p[i - 1] == 0x2B || p[i - 1] == 0x28, i < 2 || !isAlnum(p[i - 2]) { i -= 1 }
                if detectors.has(.frenchSocialSecurity), let e = socialSecurity(p, at: i) {
                    hits.append(DetectorHit(detector: .frenchSocialSecurity, start: i, end: e))
                    consumed = e
                    continue
                }
                let (digits, e, plus, groupsOK, groups) = number(p, at: i)
                consumed = e
                if detectors.has(.paymentCard), !plus, groupsOK, digits.count >= 13, digits.count <= 19,
                    Checksums.luhn(digits)
                {
                    hits.append(DetectorHit(detector: .paymentCard, start: i, end: e))
                } else if detectors.has(.phone), isPhone(digits, plus: plus, groups: groups),
                    !isReference(p, before: i, tokens: tokens[..<k])
                {
                    hits.append(DetectorHit(detector: .phone, start: i, end: e))
                }
            }
        }
        if detectors.has(.postalAddress) { addresses(p, tokens: tokens, into: &hits) }
        if detectors.has(.promoCode) { promoCodes(p, tokens: tokens, into: &hits) }
    }

    private static func email(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> (Int, Int)? {
        var s = at
        while s > 0 {
            let c = p[s - 1]
            if isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D { s -= 1 } else { break }
        }
        guard s < at, p[s] != 0x2E else { return nil }
        var e = at + 1
        var lastDot = -1
        while e < p.count {
            let c = p[e]
            if isAlnum(c) || c == 0x2D {
                e += 1
            } else if c == 0x2E, e + 1 < p.count, isAlnum(p[e + 1]), e > at + 1 {
                lastDot = e
                e += 1
            } else {
                break
            }
        }
        guard lastDot > at + 1, e - lastDot - 1 >= 2 else { return nil }
        for k in lastDot + 1 ..< e where !isLetter(p[k]) { return nil }
        return (s, e)
    }

    /// The end of a valid IBAN starting at `at` (nil when none passes mod-97) and the end of the candidate.
    private static func iban(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> (valid: Int?, candidate: Int) {
        var chars: [UInt8] = []
        var ends: [Int] = []
        var e = at
        while e < p.count, chars.count < 34 {
            let c = p[e]
            if isAlnum(c) {
                chars.append(c >= 0x61 ? c - 0x20 : c)
                e += 1
                ends.append(e)
            } else if c == 0x20, e + 1 < p.count, isAlnum(p[e + 1]), !chars.isEmpty {
                e += 1
            } else {
                break
            }
        }
        let country = String(decoding: chars.prefix(2), as: UTF8.self)
        let lengths: [Int] = ibanLengths[country].map { [$0] } ?? Array((15...34).reversed())
        for length in lengths where length <= chars.count {
            // The IBAN must end at a word boundary.
            let end = ends[length - 1]
            if end < p.count, isAlnum(p[end]), length < chars.count, ends[length] == end + 1 { continue }
            if Checksums.iban(String(decoding: chars.prefix(length), as: UTF8.self)) { return (end, e) }
        }
        return (nil, e)
    }

    /// A run of digits with single spaces, dots, dashes or `(0)` between groups, or a
    /// bracketed area code first (`(415) 555-0132`); `groups` are the digit counts between separators.
    private static func number(
        _ p: UnsafeBufferPointer<UInt8>, at: Int
    ) -> (digits: [UInt8], end: Int, plus: Bool, groupsOK: Bool, groups: [Int]) {
        var digits: [UInt8] = []
        var groups: [Int] = []
        var e = at
        var plus = false
        var bracket = false
        var separator: UInt8 = 0
        var groupsOK = true
        if p[e] == 0x2B {
            plus = true
            e += 1
        } else if p[e] == 0x28 {
            bracket = true
            e += 1
        }
        while e < p.count, digits.count <= 19 {
            let c = p[e]
            if isDigit(c) {
                if groups.isEmpty || e == at || !isDigit(p[e - 1]) { groups.append(0) }
                groups[groups.count - 1] += 1
                digits.append(c - 0x30)
                e += 1
            } else if bracket, c == 0x29, digits.count == 3, e + 2 < p.count, p[e + 1] == 0x20 || p[e + 1] == 0x2D,
                isDigit(p[e + 2])
            {
                bracket = false
                e += 2
            } else if (c == 0x20 || c == 0x2E || c == 0x2D), e + 1 < p.count, isDigit(p[e + 1]) {
                if separator == 0 { separator = c } else if separator != c { groupsOK = false }
                e += 1
            } else if c == 0x20, e + 4 < p.count, p[e + 1] == 0x28, p[e + 2] == 0x30, p[e + 3] == 0x29 {
                e += 4  // " (0)" after a country code
            } else if c == 0x28, e + 3 < p.count, p[e + 1] == 0x30, p[e + 2] == 0x29 {
                e += 3
            } else {
                break
            }
        }
        if e < p.count, isLetter(p[e]) { groupsOK = false }
        if bracket { groups = [] }  // "(415" never closed: not a phone number
        return (digits, e, plus, groupsOK && separator != 0x2E, groups)
    }

    /// National and international forms of French, British, German, Spanish and US numbers.
    /// Freephone and special-rate numbers are companies' lines, not a person's.
    static func isPhone(_ d: [UInt8], plus: Bool, groups: [Int]) -> Bool {
        if plus {
            if d.count >= 11, d[0] == 3, d[1] == 3 { return d.count == 11 && d[2] != 0 }
            return d.count >= 8 && d.count <= 15 && d[0] != 0
        }
        if d.count == 13, d[0] == 0, d[1] == 0, d[2] == 3, d[3] == 3 { return d[4] != 0 }
        if d.count >= 11, d.count <= 15, d[0] == 0, d[1] == 0 { return d[2] != 0 }
        // FR, UK and DE trunk prefix 0: 10 digits (FR, UK London, DE landlines) to 12 (DE mobiles).
        if d.count >= 10, d.count <= 12, d[0] == 0, d[1] != 0 {
            let special = d[1] == 8 || (d[1] == 9 && (d[2] == 0 || (d[2] == 6 && d[3] == 9)))
            return !special && (d.count == 10 || groups.count <= 3)
        }
        // US: (415) 555-0132, 415-555-0132, 1-415-555-0132; not 800, 888, 877...
        let us = groups == [3, 3, 4] ? 0 : groups == [1, 3, 3, 4] && d[0] == 1 ? 1 : -1
        if us >= 0 {
            return d[us] >= 2 && !(d[us] == 8 && d[us + 1] == d[us + 2])  // 800, 833 ... 888
        }
        // ES: nine digits from 6, 7 or 9 (612 34 56 78, 91 123 45 67); 900-902 are freephone and shared cost.
        if d.count == 9, d[0] == 6 || d[0] == 7 || d[0] == 9, groups.count == 1 || groups.count >= 3 {
            return !(d[0] == 9 && d[1] == 0)
        }
        return false
    }

    private static let referenceWords = WordSet(
        ["commande", "order", "ticket", "dossier", "case", "ref", "reference", "pedido", "bestellung", "bestellnummer",
         "auftrag", "vorgang", "kundennummer", "cliente", "incidencia", "expediente", "tracking", "seguimiento",
         "sendungsnummer", "suivi", "facture", "invoice", "rechnung", "factura", "contrat", "contract", "vertrag",
         "contrato", "colis", "parcel", "claim", "client", "customer", "kunde"])

    /// Whether the number at `at` is announced as an order, ticket, case or customer number.
    private static func isReference(_ p: UnsafeBufferPointer<UInt8>, before at: Int, tokens: ArraySlice<Token>) -> Bool {
        var j = at - 1
        while j >= 0, p[j] == 0x20 || p[j] == 0x3A { j -= 1 }
        if j >= 0, p[j] == 0x23 { return true }  // #
        for t in tokens.suffix(2).reversed() where t.flags & Token.symbol == 0 {
            if referenceWords.contains(t.hash) { return true }
        }
        return false
    }

    /// NIR: 15 characters, letters allowed only as Corsica's 2A/2B, spaces between groups.
    private static func socialSecurity(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
        guard "123478".utf8.contains(p[at]) else { return nil }
        var chars: [UInt8] = []
        var e = at
        while e < p.count, chars.count < 15 {
            let c = p[e]
            if isDigit(c) || ((c | 0x20) == 0x61 || (c | 0x20) == 0x62) && chars.count == 6 {
                chars.append(c)
                e += 1
            } else if c == 0x20, e + 1 < p.count, isAlnum(p[e + 1]) {
                e += 1
            } else {
                break
            }
        }
        guard chars.count == 15, e >= p.count || !isAlnum(p[e]) else { return nil }
        return Checksums.frenchSocialSecurity(String(decoding: chars, as: UTF8.self)) ? e : nil
    }

    private static let codeWords = WordSet(
        ["code", "coupon", "codepromo", "promocode", "gutschein", "gutscheincode", "rabattcode", "codigo", "cupon",
         "voucher", "promo"])

    /// `code promo SOLDES20`, `use code SAVE15`, `Gutscheincode SPAR10`.
    private static func promoCodes(_ p: UnsafeBufferPointer<UInt8>, tokens: ArraySlice<Token>, into hits: inout [DetectorHit]) {
        let list = tokens
        let codeWords = Self.codeWords
        // Every code word is 4 to 13 letters long: most tokens are ruled out without a lookup.
        for k in list.indices where list[k].foldLength >= 4 && list[k].foldLength <= 13 && codeWords.contains(list[k].hash) {
            let t = list[k]
            for j in k + 1 ..< min(list.endIndex, k + 4) {
                let c = list[j]
                guard c.flags & Token.allCaps != 0 else { continue }
                var digits = 0
                for b in UnsafeBufferPointer(rebasing: p[Int(c.sourceStart) ..< Int(c.sourceEnd)]) where isDigit(b) { digits += 1 }
                if (digits > 0 && c.foldLength >= 4) || c.foldLength >= 6 {
                    hits.append(DetectorHit(detector: .promoCode, start: Int(t.sourceStart), end: Int(c.sourceEnd)))
                    return
                }
            }
        }
    }
}
