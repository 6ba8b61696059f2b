/// The DOCTYPE defence, apart so that it can be reviewed alone: what a document type
/// declaration may do to a feed.
///
/// - Only internal entities are read; an external entity (`SYSTEM` or `PUBLIC`) is recorded
///   by name and never loaded, and parameter entities are ignored. Nothing but the input is
///   ever read.
/// - At most 1,000 entity declarations are read; more are reported and ignored.
/// - Each internal entity is expanded once, other entities included, within
///   `maxEntityExpansion` bytes; all of them together within sixteen times it. Entities that
///   refer to themselves, or nest more than 16 deep, refuse the document, as an expansion
///   beyond the budget does: that is the shape of an expansion bomb ("billion laughs"), not
///   of a feed.
/// - Uses of the entities in text are bounded by ``ReferenceDecoder``'s budget, which the
///   tokenizer sets to sixteen times the limit.
extension XMLTokenizer {

    /// Reads internal entity declarations; never follows a system or public identifier.
    mutating func doctype(at start: Int) throws(FeedError) -> Int {
        let n = p.count
        var j = start + 9
        var quote: UInt8 = 0
        while j < n {
            let b = p[j]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return j + 1
            } else if b == UInt8(ascii: "[") {
                break
            }
            j += 1
        }
        guard j < n else {
            diagnostics.bozo("xml: DOCTYPE not closed")
            return n
        }
        j += 1
        var rawValues: [(String, Int, Int)] = []
        var declarations = 0
        while j < n {
            let b = p[j]
            if Self.isSpace(b) {
                j += 1
            } else if b == UInt8(ascii: "]") {
                j += 1
                break
            } else if p.hasBytePrefix("<!--", at: j) {
                j = p.firstIndex(of: "-->", from: j + 4).map { $0 + 3 } ?? n
            } else if p.hasBytePrefix("<!ENTITY", at: j) {
                declarations += 1
                let end = skipTag(from: j + 8)
                if declarations <= 1000, let declaration = entityDeclaration(from: j + 8, to: end) {
                    switch declaration {
                    case .internal(let name, let valueStart, let valueEnd):
                        rawValues.append((name, valueStart, valueEnd))
                    case .external(let name):
                        references.externalEntities.insert(name)
                        diagnostics.note("xml: external entity \(name) declared; it is never loaded")
                    case .parameter:
                        diagnostics.note("xml: parameter entity ignored")
                    }
                }
                j = end
            } else if b == UInt8(ascii: "<") {
                j = skipTag(from: j + 1)
            } else {
                j += 1
            }
        }
        if declarations > 1000 { diagnostics.bozo("xml: too many entity declarations; extra ignored") }
        while j < n, p[j] != UInt8(ascii: ">") { j += 1 }
        try expandEntities(rawValues)
        return min(j + 1, n)
    }

    fileprivate enum EntityDeclaration {
        case `internal`(String, Int, Int)
        case external(String)
        case parameter
    }

    fileprivate func entityDeclaration(from start: Int, to end: Int) -> EntityDeclaration? {
        var j = start
        while j < end, Self.isSpace(p[j]) { j += 1 }
        if j < end, p[j] == UInt8(ascii: "%") { return .parameter }
        let nameStart = j
        while j < end, Self.isNameByte(p[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
        while j < end, Self.isSpace(p[j]) { j += 1 }
        guard j < end else { return nil }
        let quote = p[j]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            guard let close = p.firstIndex(of: quote, from: j + 1, to: end) else { return nil }
            return .internal(name, j + 1, close)
        }
        return .external(name)
    }

    /// Expands every internal entity once, references to other entities included. An
    /// entity whose expansion exceeds the budget refuses the document: that is the shape
    /// of an expansion bomb, not of a feed.
    fileprivate mutating func expandEntities(_ raw: [(String, Int, Int)]) throws(FeedError) {
        guard !raw.isEmpty else { return }
        var sources: [String: (Int, Int)] = [:]
        for (name, start, end) in raw where sources[name] == nil {
            sources[name] = (start, end)
        }
        var inProgress: Set<String> = []
        var stored = 0
        for (name, _, _) in raw where references.entities[name] == nil {
            // Each entity within the budget, and all of them within sixteen budgets.
            var total = 0
            var out: [UInt8] = []
            try expand(name, sources: sources, into: &out, inProgress: &inProgress, total: &total)
            stored += out.count
            if stored > maxEntityExpansion * 16 {
                throw FeedError(.entityExpansion, "entities expand beyond \(maxEntityExpansion * 16) bytes together")
            }
            references.entities[name] = out
        }
    }

    fileprivate mutating func expand(
        _ name: String, sources: [String: (Int, Int)], into out: inout [UInt8], inProgress: inout Set<String>,
        total: inout Int
    ) throws(FeedError) {
        if let done = references.entities[name] {
            out.append(contentsOf: done)
            total += done.count
            if total > maxEntityExpansion {
                throw FeedError(.entityExpansion, "entity \(name) expands beyond \(maxEntityExpansion) bytes")
            }
            return
        }
        guard let (start, end) = sources[name] else { return }
        guard inProgress.insert(name).inserted, inProgress.count <= 16 else {
            throw FeedError(.entityExpansion, "entity \(name) refers to itself or nests too deeply")
        }
        defer { inProgress.remove(name) }
        var i = start
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "&") {
                var j = i + 1
                while j < end, Self.isNameByte(p[j]) { j += 1 }
                if j < end, j > i + 1, p[j] == UInt8(ascii: ";") {
                    let inner = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<j]), as: UTF8.self)
                    if sources[inner] != nil {
                        try expand(inner, sources: sources, into: &out, inProgress: &inProgress, total: &total)
                        i = j + 1
                        continue
                    }
                }
                if let match = CharacterReference.match(p, at: i, end: end) {
                    out.appendScalar(match.scalar)
                    i += match.length
                    total += 1
                    continue
                }
            }
            out.append(b)
            total += 1
            i += 1
            if total > maxEntityExpansion {
                throw FeedError(.entityExpansion, "entity \(name) expands beyond \(maxEntityExpansion) bytes")
            }
        }
    }
}
