// The attributes of an allowed tag: read, judged and written sorted, as feedparser
// writes them. See ``HTMLSanitizer``.

extension HTMLSanitizer.Scanner {
    /// An allowed attribute as read: where its name and its value are in the input, and
    /// the value to write when it is not those bytes (references decoded, a URL resolved
    /// or emptied, a style cut down). Most values are written from the input.
    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
        var safe: [UInt8]?
    }

    /// What becomes of an allowed attribute's value.
    enum Verdict {
        /// Written as it is.
        case keep
        /// The attribute is dropped.
        case drop
        /// These bytes are written instead.
        case replace([UInt8])
    }

    /// Reads the attributes in `range` (what follows the name), keeps the allowed ones,
    /// made safe, and writes them sorted by name, the last of a repeated name winning.
    /// ``attributes`` keeps its capacity from tag to tag: reading one allocates nothing
    /// unless a value must change.
    mutating func writeAttributes(_ range: Range<Int>) {
        attributes.removeAll(keepingCapacity: true)
        let end = range.upperBound
        var j = range.lowerBound
        while j < end {
            while j < end, XMLTokenizer.isSpace(p[j]) || p[j] == UInt8(ascii: "/") { j += 1 }
            let nameStart = j
            while j < end, !XMLTokenizer.isSpace(p[j]), p[j] != UInt8(ascii: "="), p[j] != UInt8(ascii: "/") {
                j += 1
            }
            guard j > nameStart else {
                // A stray `=`: skipped.
                j += 1
                continue
            }
            let name = nameStart..<j
            while j < end, XMLTokenizer.isSpace(p[j]) { j += 1 }
            var valueRange = j..<j
            if j < end, p[j] == UInt8(ascii: "=") {
                j += 1
                while j < end, XMLTokenizer.isSpace(p[j]) { j += 1 }
                if j < end, p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'") {
                    let quote = p[j]
                    let valueStart = j + 1
                    j = valueStart
                    while j < end, p[j] != quote { j += 1 }
                    valueRange = valueStart..<j
                    j += 1
                } else {
                    let valueStart = j
                    while j < end, !XMLTokenizer.isSpace(p[j]) { j += 1 }
                    valueRange = valueStart..<j
                }
            }
            guard let standing = attributeClass(name) else { continue }
            let raw = UnsafeBufferPointer(rebasing: p[valueRange])
            var safe: [UInt8]?
            if raw.contains(UInt8(ascii: "&")) {
                let decoded = Self.decodingReferences(raw)
                switch decoded.withUnsafeBufferPointer({ verdict(standing, $0) }) {
                case .keep: safe = decoded
                case .drop: continue
                case .replace(let bytes): safe = bytes
                }
            } else {
                switch verdict(standing, raw) {
                case .keep: safe = nil
                case .drop: continue
                case .replace(let bytes): safe = bytes
                }
            }
            if let index = attributes.firstIndex(where: { sameName($0.name, name) }) {
                attributes[index].value = valueRange
                attributes[index].safe = safe
            } else {
                attributes.append(Attribute(name: name, value: valueRange, safe: safe))
            }
        }
        if attributes.count > 1 {
            let p = p
            attributes.sort { Self.nameBefore($0.name, $1.name, in: p) }
        }
        for k in attributes.indices {
            put(UInt8(ascii: " "))
            appendLowercased(attributes[k].name)
            put("=\"")
            if let safe = attributes[k].safe {
                safe.withUnsafeBufferPointer { putEscaped($0) }
            } else {
                putEscaped(UnsafeBufferPointer(rebasing: p[attributes[k].value]))
            }
            put(UInt8(ascii: "\""))
        }
    }

    /// Whether two names in the input are the same in any case.
    func sameName(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { ASCII.lowercased(p[$0]) == ASCII.lowercased(p[$1]) }
    }

    /// Whether the name `a` sorts before `b`, both lowercased. Allowed names are ASCII:
    /// their bytes sort as their strings do.
    static func nameBefore(_ a: Range<Int>, _ b: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Bool {
        for (x, y) in zip(a, b) {
            let (lx, ly) = (ASCII.lowercased(p[x]), ASCII.lowercased(p[y]))
            if lx != ly { return lx < ly }
        }
        return a.count < b.count
    }

    /// The value an allowed attribute keeps.
    mutating func verdict(_ standing: HTMLSanitizer.AttributeClass, _ value: UnsafeBufferPointer<UInt8>) -> Verdict {
        switch standing {
        case .allowed:
            return .keep
        case .style:
            // A style with nothing safe in it is dropped.
            let style = HTMLSanitizer.safeStyle(Array(value))
            return style.isEmpty ? .drop : .replace(style)
        case .lowercased:
            return value.contains(where: { $0 != ASCII.lowercased($0) }) ? .replace(value.map(ASCII.lowercased)) : .keep
        case .url:
            return safeURL(value)
        }
    }

    /// A URL kept when its scheme is allowed, resolved when it has none; empty when its
    /// scheme is another, as feedparser empties it.
    mutating func safeURL(_ value: UnsafeBufferPointer<UInt8>) -> Verdict {
        switch HTMLSanitizer.scheme(of: value) {
        case .allowed: return .keep
        case .forbidden: return .replace([])
        case .none:
            let range = value.rangeTrimmingASCIIWhitespace()
            guard !range.isEmpty, value[range.lowerBound] != UInt8(ascii: "#") else { return .keep }
            if knownBase == nil { knownBase = .some(base()) }
            guard let base = knownBase ?? nil else { return .keep }
            let resolved = URLResolver.resolve(
                String(decoding: UnsafeBufferPointer(rebasing: value[range]), as: UTF8.self), base: base)
            let bytes = Array(resolved.utf8)
            // A base could itself carry a forbidden scheme: checked again.
            return HTMLSanitizer.scheme(of: bytes) == .forbidden ? .replace([]) : .replace(bytes)
        }
    }

    /// An attribute value with its character references decoded, as an HTML parser
    /// reads it: the URL and CSS checks see what a browser would.
    static func decodingReferences(_ v: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            if v[i] == UInt8(ascii: "&"), let match = CharacterReference.match(v, at: i, end: v.count) {
                out.appendScalar(match.scalar)
                i += match.length
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    /// An attribute value written between double quotes: `&` always as `&amp;`, so
    /// that no reference written as text (`&amp;#58;`) becomes one in the output.
    mutating func putEscaped(_ value: UnsafeBufferPointer<UInt8>) {
        // Nearly every value has nothing to escape: written whole.
        if !value.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            put(value)
            return
        }
        for byte in value {
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "\""): put("&quot;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            default: put(byte)
            }
        }
    }
}
