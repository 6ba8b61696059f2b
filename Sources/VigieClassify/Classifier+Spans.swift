extension Classifier {
    func span(of w: QuerySet.Witness, buffer: ScanBuffer, input: ClassifierInput) -> TextSpan {
        let first = buffer.tokens[Int(w.start)]
        let last = buffer.tokens[Int(w.end)]
        let source: String
        let name: String
        switch first.field {
        case .text: (source, name) = (input.text, "text")
        case .title: (source, name) = (input.title ?? "", "title")
        case .author: (source, name) = (input.author ?? "", "author")
        }
        return TextSpan(
            field: name, start: Int(first.scalarStart), end: Int(last.scalarEnd),
            text: Self.slice(source, Int(first.sourceStart), Int(last.sourceEnd)))
    }

    static func span(_ source: String, field: Field, _ start: Int, _ end: Int) -> TextSpan {
        var scalarStart = 0
        var scalarEnd = 0
        var source = source
        source.withUTF8 { p in
            for k in 0 ..< min(end, p.count) where p[k] & 0xC0 != 0x80 {
                if k < start { scalarStart += 1 }
                scalarEnd += 1
            }
        }
        let name: String
        switch field {
        case .text: name = "text"
        case .title: name = "title"
        case .author: name = "author"
        }
        return TextSpan(field: name, start: scalarStart, end: scalarEnd, text: slice(source, start, end))
    }

    /// The text between two UTF-8 offsets, trimmed of surrounding whitespace.
    static func slice(_ source: String, _ start: Int, _ end: Int) -> String {
        let utf8 = source.utf8
        guard start >= 0, end <= utf8.count, start < end else { return "" }
        var s = start
        var e = end
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        let trimmed: (Int, Int)? = utf8.withContiguousStorageIfAvailable { p in
            while s < e, space(p[s]) { s += 1 }
            while e > s, space(p[e - 1]) { e -= 1 }
            return (s, e)
        }
        if let trimmed { (s, e) = trimmed }
        // Offsets fall on scalar boundaries (token and sentence edges), so the slice needs no revalidation.
        let from = utf8.index(utf8.startIndex, offsetBy: s)
        let to = utf8.index(utf8.startIndex, offsetBy: e)
        return String(source[from ..< to])
    }

    static func round(_ x: Float) -> Double { (Double(x) * 1000).rounded() / 1000 }
}
