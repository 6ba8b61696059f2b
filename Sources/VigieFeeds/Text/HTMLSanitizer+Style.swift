extension HTMLSanitizer {
    /// A `style` attribute reduced to safe declarations, as feedparser's `sanitize_style`
    /// reduces it, its regular expressions read here byte by byte; empty when nothing is
    /// kept. `url(...)` is removed first; then a style holding anything but names, values,
    /// simple quoted words and `(digits, commas)` is dropped whole, so no `expression(`
    /// and no `url(javascript:` can pass; of what is left, the properties in
    /// ``allowedCSSProperties`` are kept, and `background*`, `border*`, `margin*` and
    /// `padding*` when each keyword of the value is a colour, a size or an allowed word.
    static func safeStyle(_ raw: [UInt8]) -> [UInt8] {
        let style = removingURLs(raw)
        guard passesGauntlet(style), let declarations = declarations(style) else { return [] }
        var out: [UInt8] = []
        for (property, value) in declarations where !value.isEmpty {
            let name = String(decoding: property.map(ASCII.lowercased), as: UTF8.self)
            let family = name.split(separator: "-", omittingEmptySubsequences: false).first.map(String.init) ?? name
            if allowedCSSProperties.contains(name)
                || (checkedCSSFamilies.contains(family) && value.split(whereSeparator: isCSSSpace).allSatisfy(isSafeKeyword))
            {
                if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                out.append(contentsOf: property)
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: value)
                out.append(UInt8(ascii: ";"))
            }
        }
        return out
    }

    /// Python's `\s` over ASCII.
    private static func isCSSSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (0x09...0x0D).contains(b)
    }

    /// Python's `\w` over ASCII; any byte past ASCII counts as a word byte, as a letter
    /// would, since the gauntlet only lets it through between word bytes.
    private static func isWordByte(_ b: UInt8) -> Bool {
        ASCII.isLetterOrDigit(b) || b == UInt8(ascii: "_") || b >= 0x80
    }

    /// `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced by a space.
    private static func removingURLs(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + 3 <= s.count, s[i] == UInt8(ascii: "u"), s[i + 1] == UInt8(ascii: "r"), s[i + 2] == UInt8(ascii: "l") {
                var j = i + 3
                while j < s.count, isCSSSpace(s[j]) { j += 1 }
                if j < s.count, s[j] == UInt8(ascii: "(") {
                    j += 1
                    while j < s.count, isCSSSpace(s[j]) { j += 1 }
                    let argument = j
                    while j < s.count, !isCSSSpace(s[j]), s[j] != UInt8(ascii: ")") { j += 1 }
                    if j > argument {
                        while j < s.count, isCSSSpace(s[j]) { j += 1 }
                        if j < s.count, s[j] == UInt8(ascii: ")") {
                            j += 1
                            while j < s.count, isCSSSpace(s[j]) { j += 1 }
                            out.append(UInt8(ascii: " "))
                            i = j
                            continue
                        }
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`, read left to
    /// right: a hyphen must sit between two word bytes, so taking `\w-\w` whenever it
    /// fits is what the expression's backtracking would find.
    private static func passesGauntlet(_ s: [UInt8]) -> Bool {
        var i = 0
        while i < s.count {
            let b = s[i]
            if isWordByte(b), i + 2 < s.count, s[i + 1] == UInt8(ascii: "-"), isWordByte(s[i + 2]) {
                i += 3
            } else if ASCII.isLetterOrDigit(b) || isCSSSpace(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: ",")
                || b == UInt8(ascii: ";") || b == UInt8(ascii: "#") || b == UInt8(ascii: "%") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "!")
            {
                i += 1
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                var j = i + 1
                while j < s.count, isWordByte(s[j]) || isCSSSpace(s[j]) { j += 1 }
                guard j > i + 1, j < s.count, s[j] == b else { return false }
                i = j + 1
            } else if b == UInt8(ascii: "(") {
                var j = i + 1
                while j < s.count, ASCII.isDigit(s[j]) || isCSSSpace(s[j]) || s[j] == UInt8(ascii: ",") { j += 1 }
                guard j > i + 1, j < s.count, s[j] == UInt8(ascii: ")") else { return false }
                i = j + 1
            } else {
                return false
            }
        }
        return true
    }

    /// The declarations `([-\w]+)\s*:\s*([^:;]*);?`, or nil when anything but space lies
    /// outside them (feedparser's second check).
    private static func declarations(_ s: [UInt8]) -> [(ArraySlice<UInt8>, ArraySlice<UInt8>)]? {
        var result: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
        var i = 0
        while i < s.count {
            if isCSSSpace(s[i]) {
                i += 1
                continue
            }
            let nameStart = i
            var j = i
            while j < s.count, isWordByte(s[j]) || s[j] == UInt8(ascii: "-") { j += 1 }
            let nameEnd = j
            while j < s.count, isCSSSpace(s[j]) { j += 1 }
            guard nameEnd > nameStart, j < s.count, s[j] == UInt8(ascii: ":") else { return nil }
            j += 1
            while j < s.count, isCSSSpace(s[j]) { j += 1 }
            let valueStart = j
            while j < s.count, s[j] != UInt8(ascii: ":"), s[j] != UInt8(ascii: ";") { j += 1 }
            result.append((s[nameStart..<nameEnd], s[valueStart..<j]))
            if j < s.count, s[j] == UInt8(ascii: ";") { j += 1 }
            i = j
        }
        return result
    }

    /// A keyword of a `background`/`border`/`margin`/`padding` value: an allowed word, or
    /// `#hex`, `rgb(...)` or a size, as feedparser's `valid_css_values` reads them.
    private static func isSafeKeyword(_ k: ArraySlice<UInt8>) -> Bool {
        if allowedCSSKeywords.contains(String(decoding: k, as: UTF8.self)) { return true }
        let k = Array(k)
        var i = 0
        func take(_ b: UInt8) -> Bool {
            if i < k.count, k[i] == b {
                i += 1
                return true
            }
            return false
        }
        func digits(max: Int = .max) -> Int {
            var n = 0
            while i < k.count, n < max, ASCII.isDigit(k[i]) {
                i += 1
                n += 1
            }
            return n
        }
        if take(UInt8(ascii: "#")) {
            let start = i
            while i < k.count, ASCII.isDigit(k[i]) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(k[i]) { i += 1 }
            return i > start && i == k.count
        }
        if k.starts(with: "rgb(".utf8) {
            i = 4
            guard digits() > 0 else { return false }
            _ = take(UInt8(ascii: "%"))
            guard take(UInt8(ascii: ",")) else { return false }
            _ = digits()
            _ = take(UInt8(ascii: "%"))
            _ = take(UInt8(ascii: ","))
            _ = digits()
            _ = take(UInt8(ascii: "%"))
            _ = take(UInt8(ascii: ")"))
            return i == k.count
        }
        _ = digits(max: 2)
        _ = take(UInt8(ascii: "."))
        _ = digits(max: 2)
        let unit = String(decoding: k[i...], as: UTF8.self)
        return ["", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].contains(unit)
    }
}
