import Foundation

/// Dates as feeds write them: RFC 822 with named or numeric zones and the usual
/// malformations, RFC 3339 and W3C-DTF (partial dates too), and dates with French, German
/// or Spanish month and day names as blogs print them. A date without a zone is taken as UTC.
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(parse(utf8:))
    }

    /// The same over UTF-8 bytes; the usual forms are read without making a string.
    static func parse(utf8 p: UnsafeBufferPointer<UInt8>) -> Date? {
        let trimmed = p.rangeTrimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.count < 100 else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: p[trimmed])
        // RFC 3339 and W3C-DTF dates start with the year; most RSS dates with a day's name.
        if !ASCII.isLetter(bytes[0]), let date = iso(bytes) { return date }
        if let date = rfc822(bytes) { return date }
        return loose(String(decoding: bytes, as: UTF8.self))
    }

    /// The decimal value of `count` digits at `start`; nil unless all are digits.
    @inline(__always)
    static func fixedDigits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for k in start..<(start + count) {
            let digit = b[k] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A date from its parts, `offset` minutes east of UTC; nil for a date that does not exist.
    static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ fraction: Double,
        _ offset: Int
    ) -> Date? {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month), hour <= 24, minute < 60, second <= 60
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset * 60)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

import Foundation

/// RFC 3339 and W3C-DTF dates (ISO 8601 profiles), partial dates too: the dates of Atom
/// feeds, Dublin Core and JSON Feed.
extension FeedDate {
    static func iso(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        if let date = canonicalISO(b) { return date }
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func accept(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if i == b.count { return make(year, month, day, 0, 0, 0, 0, 0) }
        let dashed = accept(UInt8(ascii: "-"))
        guard let m = digits(2) else { return nil }
        month = m
        if i < b.count {
            if dashed { guard accept(UInt8(ascii: "-")) else { return nil } }
            guard let d = digits(2) else { return nil }
            day = d
        } else if !dashed {
            return nil
        }
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else {
                return nil
            }
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            _ = accept(UInt8(ascii: ":"))
            guard let mi = digits(2) else { return nil }
            minute = mi
            if accept(UInt8(ascii: ":")) || (i < b.count && b[i] >= 48 && b[i] <= 57) {
                guard let s = digits(2) else { return nil }
                second = s
                if accept(UInt8(ascii: ".")) || accept(UInt8(ascii: ",")) {
                    var scale = 0.1
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        fraction += Double(b[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            if i + 1 == b.count, b[i] | 0x20 == UInt8(ascii: "z") {
                i = b.count
            } else if i + 6 == b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                b[i + 3] == UInt8(ascii: ":")
            {
                // The common numeric zone, `+01:00`.
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let h = digits(2), accept(UInt8(ascii: ":")), let m = digits(2), m < 60, h * 60 + m <= 18 * 60
                else { return nil }
                offset = sign * (h * 60 + m)
            } else if i < b.count {
                let rest = String(decoding: b[i...], as: UTF8.self)
                guard let zone = zoneOffset(rest) else { return nil }
                offset = zone
                i = b.count
            }
        }
        guard i == b.count else { return nil }
        return make(year, month, day, hour, minute, second, fraction, offset)
    }

    /// `YYYY-MM-DDThh:mm:ssZ` and `YYYY-MM-DDThh:mm:ss±hh:mm`, the forms nearly every Atom
    /// feed writes, read at fixed offsets; nil for anything else, which ``iso(_:)`` reads.
    private static func canonicalISO(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20 || b.count == 25, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = fixedDigits(b, 0, 4), let month = fixedDigits(b, 5, 2), let day = fixedDigits(b, 8, 2),
            let hour = fixedDigits(b, 11, 2), let minute = fixedDigits(b, 14, 2), let second = fixedDigits(b, 17, 2)
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard b[19] == UInt8(ascii: "Z") else { return nil }
        } else {
            guard b[22] == UInt8(ascii: ":"), let h = fixedDigits(b, 20, 2), let m = fixedDigits(b, 23, 2), m < 60,
                h * 60 + m <= 18 * 60
            else { return nil }
            switch b[19] {
            case UInt8(ascii: "+"): offset = h * 60 + m
            case UInt8(ascii: "-"): offset = -(h * 60 + m)
            default: return nil
            }
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }
}

import Foundation

/// RFC 822 dates as RSS writes them, by the book and with the usual malformations
/// (two-digit years, missing seconds, named zones).
extension FeedDate {
    /// `Www, DD Mmm YYYY HH:MM:SS +hhmm` and `… GMT`, the form nearly every RSS date takes,
    /// read at fixed places; nil for anything else, which ``rfc822(_:)`` reads as it comes.
    private static func canonicalRFC822(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 31 || b.count == 29, b[3] == UInt8(ascii: ","), b[4] == UInt8(ascii: " "),
            b[7] == UInt8(ascii: " "), b[11] == UInt8(ascii: " "), b[16] == UInt8(ascii: " "),
            b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == UInt8(ascii: " "),
            ASCII.isLetter(b[0]), ASCII.isLetter(b[1]), ASCII.isLetter(b[2]),
            ASCII.isLetter(b[8]), ASCII.isLetter(b[9]), ASCII.isLetter(b[10]),
            let month = englishMonth(PackedKey.packFolded(b[8], b[9], b[10])),
            let day = fixedDigits(b, 5, 2), let year = fixedDigits(b, 12, 4), let hour = fixedDigits(b, 17, 2),
            let minute = fixedDigits(b, 20, 2), let second = fixedDigits(b, 23, 2)
        else { return nil }
        let offset: Int
        if b.count == 31 {
            guard let zone = numericZone(b, from: 26) else { return nil }
            offset = zone
        } else {
            guard b[26] == UInt8(ascii: "G"), b[27] == UInt8(ascii: "M"), b[28] == UInt8(ascii: "T") else { return nil }
            offset = 0
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }

    /// `+hhmm` or `-hhmm` from `start` to the end, the usual numeric zone, in minutes east
    /// of UTC; nil for anything else, which ``zoneOffset(_:)`` reads.
    static func numericZone(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard b.count - start == 5, let h = fixedDigits(b, start + 1, 2), let m = fixedDigits(b, start + 3, 2),
            m < 60, h * 60 + m <= 18 * 60
        else { return nil }
        switch b[start] {
        case UInt8(ascii: "+"): return h * 60 + m
        case UInt8(ascii: "-"): return -(h * 60 + m)
        default: return nil
        }
    }

    /// The month of an English abbreviation packed as ``PackedKey/packFolded(_:_:_:)``
    /// packs it (first byte lowest, so `jan` reads `0x6E_61_6A`): a switch, where a dictionary
    /// would hash the key first.
    private static func englishMonth(_ key: UInt32) -> Int? {
        switch key {
        case 0x6E_61_6A: return 1  // jan
        case 0x62_65_66: return 2  // feb
        case 0x72_61_6D: return 3  // mar
        case 0x72_70_61: return 4  // apr
        case 0x79_61_6D: return 5  // may
        case 0x6E_75_6A: return 6  // jun
        case 0x6C_75_6A: return 7  // jul
        case 0x67_75_61: return 8  // aug
        case 0x70_65_73: return 9  // sep
        case 0x74_63_6F: return 10  // oct
        case 0x76_6F_6E: return 11  // nov
        case 0x63_65_64: return 12  // dec
        default: return nil
        }
    }

    /// `[Www, ]DD Mon YYYY HH:MM[:SS] zone`, the common case, without allocation; anything
    /// else falls through to the tolerant reader.
    static func rfc822(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        if let date = canonicalRFC822(b) { return date }
        var i = 0
        let n = b.count
        if n > 5, ASCII.isLetter(b[0]) {
            while i < n, ASCII.isLetter(b[i]) { i += 1 }
            guard i < n, b[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        func skipSpaces() { while i < n, b[i] == UInt8(ascii: " ") { i += 1 } }
        func number(_ maxDigits: Int) -> (Int, Int)? {
            var value = 0
            var count = 0
            while i < n, count < maxDigits, ASCII.isDigit(b[i]) {
                value = value * 10 + Int(b[i] - 48)
                i += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }
        skipSpaces()
        guard let (day, _) = number(2) else { return nil }
        skipSpaces()
        guard i + 3 <= n, ASCII.isLetter(b[i]), ASCII.isLetter(b[i + 1]), ASCII.isLetter(b[i + 2])
        else { return nil }
        guard let month = englishMonth(PackedKey.packFolded(b[i], b[i + 1], b[i + 2])) else { return nil }
        i += 3
        guard i < n, b[i] == UInt8(ascii: " ") else { return nil }
        skipSpaces()
        guard let (rawYear, yearDigits) = number(4), yearDigits == 4 || yearDigits == 2 else { return nil }
        let year = yearDigits == 4 ? rawYear : (rawYear < 50 ? 2000 + rawYear : 1900 + rawYear)
        skipSpaces()
        guard let (hour, _) = number(2), i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let (minute, _) = number(2) else { return nil }
        var second = 0
        if i < n, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let (value, _) = number(2) else { return nil }
            second = value
        }
        skipSpaces()
        var offset = 0
        if i < n {
            guard let zone = numericZone(b, from: i) ?? zoneOffset(String(decoding: b[i...], as: UTF8.self)) else {
                return nil
            }
            offset = zone
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }
}

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

import Foundation

/// The tolerant reader: dates as blogs print them, with English, French, German, Spanish,
/// Italian or Portuguese month names, numeric dates and clock times in any order.
extension FeedDate {
    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        // English, French, German, Spanish, then Italian and Portuguese, as blogs print them.
        let forms: [[String]] = [
            [
                "january", "jan", "janvier", "janv", "januar", "jänner", "jaenner", "enero", "ene", "gennaio", "gen",
                "janeiro",
            ],
            [
                "february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev", "februar", "febrero", "febbraio",
                "fevereiro",
            ],
            ["march", "mar", "mars", "märz", "maerz", "mrz", "mär", "marzo", "março", "marco"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio"],
            ["june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho"],
            ["july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug", "julho"],
            ["august", "aug", "août", "aout", "agosto", "ago"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro"],
            ["october", "oct", "octobre", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            [
                "december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic", "dicembre",
                "dezembro",
            ],
        ]
        for (index, names) in forms.enumerated() {
            for name in names { table[name] = index + 1 }
        }
        return table
    }()

    /// Tokens read as words: month names in four languages; anything else (day names,
    /// "de", "le", "um", "à") is skipped.
    static func loose(_ text: String) -> Date? {
        let tokens = looseTokens(text)
        var day: Int?
        var month: Int?
        var year: Int?
        var hour = 0
        var minute = 0
        var second = 0
        var sawTime = false
        var offset: Int?
        var monthCandidates: [(position: Int, month: Int)] = []
        var pm: Bool?
        var numbers: [Int] = []

        for (position, lowered) in tokens.enumerated() {
            var token = lowered
            // "05-Mar-2024": split dashed day-month-year.
            if token.containsBytes("-"), !token.hasPrefix("-"), !token.hasPrefix("+"),
                token.split(separator: "-").count == 3
            {
                let parts = token.split(separator: "-")
                if let m = months[String(parts[1]).trimmingCharacters(in: .punctuationCharacters)] {
                    monthCandidates.append((position, m))
                    if let d = Int(parts[0]) { numbers.append(d) }
                    if let y = Int(parts[2]) { numbers.append(y) }
                    continue
                }
            }
            // Numeric dates: 05/03/2024 or 05.03.2024 (day first, unless that is impossible).
            if token.containsBytes("/") || token.containsBytes("."), let date = numericDate(token) {
                day = date.day
                month = date.month
                year = date.year
                continue
            }
            if !sawTime, let time = clock(token) {
                (hour, minute, second) = time.hms
                sawTime = true
                if let zone = time.zone { offset = zone }
                continue
            }
            if token == "am" || token == "a.m." {
                pm = false
                continue
            }
            if token == "pm" || token == "p.m." {
                pm = true
                continue
            }
            if sawTime, offset == nil, let zone = zoneOffset(token) {
                offset = zone
                continue
            }
            if token.hasSuffix(".") { token.removeLast() }
            if let m = months[token] {
                monthCandidates.append((position, m))
                continue
            }
            // "5th", "1er", "4.", "2024" → numbers.
            let digits = token.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.count <= 4, let value = Int(digits) {
                let suffix = token.dropFirst(digits.count)
                if suffix.isEmpty || ["st", "nd", "rd", "th", "er", "e", "º", "o", "."].contains(String(suffix)) {
                    numbers.append(value)
                }
            }
        }
        if month == nil {
            let preferred =
                monthCandidates.count > 1 ? monthCandidates.filter({ $0.position > 0 }).last : monthCandidates.first
            month = preferred?.month
        }
        if day == nil || year == nil {
            for value in numbers {
                if value >= 100, year == nil {
                    year = value
                } else if value >= 1, value <= 31, day == nil {
                    day = value
                } else if year == nil {
                    year = value < 50 ? 2000 + value : (value < 100 ? 1900 + value : value)
                }
            }
        }
        guard let day, let month, let year else { return nil }
        if let pm {
            if pm, hour < 12 { hour += 12 }
            if !pm, hour == 12 { hour = 0 }
        }
        return make(year, month, day, hour, minute, second, 0, offset ?? 0)
    }

    /// The words of a date, lower-cased: split on spaces, tabs, no-break spaces and commas,
    /// keeping signs, colons, slashes and dots.
    static func looseTokens(_ text: String) -> [String] {
        simpleLooseTokens(text) ?? looseTokens(characters: text)
    }

    /// ``looseTokens(_:)`` by characters, with `lowercased()`.
    static func looseTokens(characters text: String) -> [String] {
        var tokens: [String] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == " " || c == "," || c == "\t" || c == "\u{A0}" {
                if start < index { tokens.append(text[start..<index].lowercased()) }
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        if start < text.endIndex { tokens.append(text[start...].lowercased()) }
        return tokens
    }

    /// ``looseTokens(_:)`` on the bytes, for text of ASCII and Latin-1 only (as dates are),
    /// where characters are single scalars (CR LF aside, which no split falls inside) and
    /// lower-casing moves capitals 32 code points; nil for other text.
    static func simpleLooseTokens(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { b -> [String]? in
            var tokens: [String] = []
            var lowered: [UInt8] = []
            lowered.reserveCapacity(b.count)
            func endToken() {
                if !lowered.isEmpty { tokens.append(String(decoding: lowered, as: UTF8.self)) }
                lowered.removeAll(keepingCapacity: true)
            }
            var i = 0
            while i < b.count {
                let byte = b[i]
                if byte < 0x80 {
                    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\t") {
                        endToken()
                    } else {
                        lowered.append(ASCII.lowercased(byte))
                    }
                    i += 1
                    continue
                }
                guard byte == 0xC2 || byte == 0xC3, i + 1 < b.count else { return nil }
                let next = b[i + 1]
                if byte == 0xC2, next == 0xA0 {
                    endToken()
                } else {
                    lowered.append(byte)
                    lowered.append(byte == 0xC3 ? ASCII.lowercasedLatin1(afterC3: next) : next)
                }
                i += 2
            }
            endToken()
            return tokens
        }
    }

    private static func numericDate(_ token: String) -> (day: Int, month: Int, year: Int)? {
        let separator: Character = token.containsBytes("/") ? "/" : "."
        let parts = token.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        if parts[0].count == 4 { return (c, b, a) }
        let year = c < 100 ? (c < 50 ? 2000 + c : 1900 + c) : c
        if b > 12, a <= 12 { return (b, a, year) }
        return (a, b, year)
    }

    /// "10:32", "10:32:05", "10h32", "10:32:05+01:00", "10:32:05Z".
    private static func clock(_ token: String) -> (hms: (Int, Int, Int), zone: Int?)? {
        guard let first = token.utf8.first, first >= 48, first <= 57 else { return nil }
        let scalars = Array(token.utf8)
        var i = 0
        func number() -> Int? {
            var value = 0
            var count = 0
            while i < scalars.count, scalars[i] >= 48, scalars[i] <= 57, count < 2 {
                value = value * 10 + Int(scalars[i] - 48)
                i += 1
                count += 1
            }
            return count > 0 ? value : nil
        }
        guard let h = number(), i < scalars.count, scalars[i] == UInt8(ascii: ":") || scalars[i] == UInt8(ascii: "h")
        else { return nil }
        i += 1
        guard let m = number() else { return nil }
        var s = 0
        if i < scalars.count, scalars[i] == UInt8(ascii: ":") {
            i += 1
            guard let value = number() else { return nil }
            s = value
            if i < scalars.count, scalars[i] == UInt8(ascii: ".") {
                i += 1
                while i < scalars.count, scalars[i] >= 48, scalars[i] <= 57 { i += 1 }
            }
        }
        guard h < 25, m < 60, s <= 60 else { return nil }
        var zone: Int?
        if i < scalars.count {
            guard let z = zoneOffset(String(decoding: scalars[i...], as: UTF8.self)) else { return nil }
            zone = z
        }
        return ((h, m, min(s, 59)), zone)
    }
}
