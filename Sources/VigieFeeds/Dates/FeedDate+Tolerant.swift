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
        // Dutch, Hungarian and Greek, which feedparser reads too.
        let more: [[String]] = [
            ["januari", "január", "ιαν", "ιανουαρίου"],
            ["februari", "február", "φεβ", "φεβρουαρίου"],
            ["maart", "mrt", "március", "márc", "μάρ", "μαρ", "μάώ", "μαρτίου"],
            ["április", "ápr", "απρ", "απριλίου"],
            ["mei", "május", "máj", "μάι", "μαϊ", "μαι", "μαΐου"],
            ["június", "jún", "ιούν", "ιουν", "ιουνίου"],
            ["július", "júl", "ιούλ", "ιουλ", "ιουλίου"],
            ["augustus", "augusztus", "aug", "αύγ", "αυγ", "αυγούστου"],
            ["szeptember", "szept", "σεπ", "σεπτεμβρίου"],
            ["oktober", "október", "okt", "οκτ", "οκτωβρίου"],
            ["νοέ", "νοε", "νοεμβρίου"],
            ["δεκ", "δεκεμβρίου"],
        ]
        for (index, names) in more.enumerated() {
            for name in names where table[name] == nil { table[name] = index + 1 }
        }
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
