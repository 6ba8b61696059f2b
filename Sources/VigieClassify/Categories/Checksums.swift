/// Check digits that separate real identifiers from numbers that only look like them.
public enum Checksums {
    /// Luhn (mod 10) check used by payment card numbers; `digits` are 0 ... 9.
    public static func luhn(_ digits: [UInt8]) -> Bool {
        guard digits.count >= 2 else { return false }
        var sum = 0
        for (k, d) in digits.reversed().enumerated() {
            var v = Int(d)
            if k % 2 == 1 {
                v *= 2
                if v > 9 { v -= 9 }
            }
            sum += v
        }
        return sum % 10 == 0
    }

    /// ISO 13616 IBAN check: moving the first four characters to the end and reading letters
    /// as 10 ... 35 gives a number equal to 1 modulo 97. Spaces are ignored.
    public static func iban(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars.filter { $0 != " " })
        guard chars.count >= 15, chars.count <= 34 else { return false }
        guard chars[0].properties.isAlphabetic, chars[1].properties.isAlphabetic,
            ("0"..."9").contains(chars[2]), ("0"..."9").contains(chars[3])
        else { return false }
        var remainder = 0
        for c in chars[4...] + chars[..<4] {
            switch c {
            case "0"..."9":
                remainder = (remainder * 10 + Int(c.value - 48)) % 97
            case "A"..."Z":
                remainder = (remainder * 100 + Int(c.value - 55)) % 97
            default:
                return false
            }
        }
        return remainder == 1
    }

    /// French social security number (NIR): 13 characters then a two-digit key equal to
    /// 97 minus the first 13 (Corsica's 2A and 2B read as 19 and 18) modulo 97.
    /// Spaces are ignored; the sex digit and month are checked for plausibility too.
    public static func frenchSocialSecurity(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars.filter { $0 != " " && $0 != "." })
        guard chars.count == 15 else { return false }
        var body = ""
        for (k, c) in chars[..<13].enumerated() {
            if ("0"..."9").contains(c) {
                body.unicodeScalars.append(c)
            } else if k == 6 && chars[5] == "2" && (c == "A" || c == "B") {
                body.unicodeScalars.append(c)
            } else {
                return false
            }
        }
        guard chars[13...].allSatisfy({ ("0"..."9").contains($0) }), let key = Int(String(String.UnicodeScalarView(chars[13...])))
        else { return false }
        guard let sex = body.first, "123478".contains(sex) else { return false }
        let month = Int(body.dropFirst(3).prefix(2)) ?? 0
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        var numeric = body
        if numeric.contains("A") || numeric.contains("B") {
            // 2A (Corse-du-Sud) counts as 19 and 2B (Haute-Corse) as 18 in the key.
            let department = numeric.dropFirst(5).prefix(2)
            let replacement = department == "2A" ? "19" : "18"
            numeric = String(numeric.prefix(5)) + replacement + String(numeric.dropFirst(7))
        }
        guard let number = Int(numeric) else { return false }
        return key == 97 - number % 97
    }
}
