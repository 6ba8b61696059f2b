/// Many queries compiled together: one shared term table, flat node arrays, and a
/// per-post hit list built with one table lookup per token.
struct QuerySet: Sendable {
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case term, phrase, and, or, not, near, language }
        var kind: Kind
        /// Term id (term), or range start in `operands` (phrase, and, or), or left child (near, not).
        var a: Int32
        /// Range length (phrase, and, or), right child (near), language lane (language).
        var b: Int32
        /// NEAR distance.
        var distance: Int32 = 0
        /// Fields a term or phrase may match in (bit per `Field`).
        var fields: UInt8 = 0
    }

    /// A matched span in token indexes, inclusive; `start < 0` when the match has no position.
    struct Witness {
        var start: Int32
        var end: Int32
        static let none = Witness(start: -2, end: -2)
        static let unpositioned = Witness(start: -1, end: -1)
        var matched: Bool { start != -2 }
    }

    private var nodes: [Node] = []
    private var operands: [Int32] = []
    private(set) var roots: [Int32] = []
    private var exact = HashIndex(minimumCapacity: 256)
    private var prefixes = HashIndex(minimumCapacity: 64)
    private var prefixLengths: UInt64 = 0
    /// Bit per hashed first three bytes of any prefix term: tokens starting otherwise skip the
    /// prefix lookups.
    private var prefixStarts = [UInt64](repeating: 0, count: 1024)

    @inline(__always)
    private static func startBit(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int {
        (Int(b0) &* 0x3A1 ^ Int(b1) &* 0x1F ^ Int(b2) &* 0x9E37) & 0xFFFF
    }
    private var maxPrefixLength = 0
    private(set) var termCount = 0
    private var termKeys: [UInt64: Int32] = [:]
    /// Queries each term appears in: only queries with a term present in a post are evaluated.
    private var termQueries: [[Int32]] = []
    /// `termQueries` flattened: term `t`'s queries are `termQueryList[termQueryStart[t] ..< termQueryStart[t + 1]]`.
    private var termQueryStart: [Int32] = [0]
    private var termQueryList: [Int32] = []
    /// Queries that could match a post holding none of their terms (through `NOT` or `lang:`).
    private var alwaysEvaluate: [Bool] = []
    private var compilingTerms: [Int32] = []

    static let defaultFields: UInt8 = 1 << Field.text.rawValue | 1 << Field.title.rawValue

    /// Adds a parsed query; returns its index.
    @discardableResult
    mutating func add(_ expression: QueryExpression) -> Int {
        compilingTerms.removeAll()
        let root = compile(expression, fields: Self.defaultFields)
        roots.append(root)
        let query = Int32(roots.count - 1)
        for term in Set(compilingTerms) { termQueries[Int(term)].append(query) }
        alwaysEvaluate.append(expression.canMatchWithoutTerms)
        flattenTermQueries()
        return roots.count - 1
    }

    private mutating func flattenTermQueries() {
        termQueryStart = [0]
        termQueryList = []
        for queries in termQueries {
            termQueryList.append(contentsOf: queries)
            termQueryStart.append(Int32(termQueryList.count))
        }
    }

    private mutating func termID(_ word: String, prefix: Bool) -> Int32 {
        let id = newTermID(word, prefix: prefix)
        compilingTerms.append(id)
        return id
    }

    private mutating func newTermID(_ word: String, prefix: Bool) -> Int32 {
        let h = TermHash.hash(word)
        let key = prefix ? TermHash.prefixKey(h, length: word.utf8.count) : h
        let mapKey = prefix ? key ^ 0x8000_0000_0000_0000 : key
        if let id = termKeys[mapKey] { return id }
        let id = Int32(termCount)
        termCount += 1
        termQueries.append([])
        termKeys[mapKey] = id
        if prefix {
            prefixes.insert(key, id)
            let bytes = Array(word.utf8)
            if bytes.count >= 3 {
                let start = Self.startBit(bytes[0], bytes[1], bytes[2])
                prefixStarts[start >> 6] |= 1 << UInt64(start & 63)
            }
            let length = word.utf8.count
            if length < 64 {
                prefixLengths |= 1 << UInt64(length)
                maxPrefixLength = max(maxPrefixLength, length)
            }
        } else {
            exact.insert(key, id)
        }
        return id
    }

    private mutating func append(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func compile(_ expression: QueryExpression, fields: UInt8) -> Int32 {
        switch expression {
        case .term(let word, let prefix):
            return append(Node(kind: .term, a: termID(word, prefix: prefix), b: 0, fields: fields))
        case .phrase(let words):
            let ids = words.map { termID($0, prefix: false) }
            let start = Int32(operands.count)
            operands.append(contentsOf: ids)
            return append(Node(kind: .phrase, a: start, b: Int32(ids.count), fields: fields))
        case .and(let parts), .or(let parts):
            let children = parts.map { compile($0, fields: fields) }
            let start = Int32(operands.count)
            operands.append(contentsOf: children)
            let kind: Node.Kind
            if case .and = expression { kind = .and } else { kind = .or }
            return append(Node(kind: kind, a: start, b: Int32(children.count)))
        case .not(let inner):
            let child = compile(inner, fields: fields)
            return append(Node(kind: .not, a: child, b: 0))
        case .near(let left, let right, let distance):
            let l = compile(left, fields: fields)
            let r = compile(right, fields: fields)
            return append(Node(kind: .near, a: l, b: r, distance: Int32(distance)))
        case .field(let field, let inner):
            let target: Field
            switch field {
            case .title: target = .title
            case .author: target = .author
            case .text: target = .text
            }
            return compile(inner, fields: 1 << target.rawValue)
        case .language(let code):
            let lane = LanguageModel.languages.firstIndex(of: code) ?? -1
            return append(Node(kind: .language, a: 0, b: Int32(lane)))
        }
    }

    /// Hits of every known term in one post.
    struct Hits {
        /// Head of each term's hit list in `token`/`next`, or -1.
        var head: [Int32]
        var token: [Int32] = []
        var next: [Int32] = []
        /// Whether each query is worth evaluating for this post.
        var candidate: [Bool]
        /// Lane of the post's main language, or -1.
        var languageLane: Int32
        /// Terms present, in order of first occurrence.
        var firstSeen: [Int32] = []

        @inline(__always)
        mutating func add(term: Int32, token index: Int32) {
            if head[Int(term)] < 0 { firstSeen.append(term) }
            token.append(index)
            next.append(head[Int(term)])
            head[Int(term)] = Int32(token.count - 1)
        }
    }

    /// Looks every token of the post up in the term tables.
    func hits(in buffer: ScanBuffer, languageLane: Int32) -> Hits {
        var hits = Hits(head: Array(repeating: -1, count: termCount), candidate: alwaysEvaluate, languageLane: languageLane)
        hits.token.reserveCapacity(32)
        hits.next.reserveCapacity(32)
        let prefixLengths = self.prefixLengths
        let maxPrefixLength = self.maxPrefixLength
        buffer.folded.withUnsafeBufferPointer { folded in
            for (index, token) in buffer.tokens.enumerated() {
                let id = exact.find(token.hash)
                if id >= 0 { hits.add(term: id, token: Int32(index)) }
                guard prefixLengths != 0, token.flags & Token.symbol == 0, token.foldLength >= 3 else { continue }
                let start = Int(token.foldStart)
                let first = Self.startBit(folded[start], folded[start + 1], folded[start + 2])
                guard prefixStarts[first >> 6] & (1 << UInt64(first & 63)) != 0 else { continue }
                let limit = min(Int(token.foldLength), maxPrefixLength)
                var h = TermHash.seed
                var length = 0
                while length < limit {
                    h = TermHash.step(h, folded[start + length])
                    length += 1
                    if prefixLengths & (1 << UInt64(length)) != 0 {
                        let pid = prefixes.find(TermHash.prefixKey(TermHash.finish(h), length: length))
                        if pid >= 0 { hits.add(term: pid, token: Int32(index)) }
                    }
                }
            }
        }
        termQueryStart.withUnsafeBufferPointer { starts in
            termQueryList.withUnsafeBufferPointer { list in
                for term in hits.firstSeen {
                    for k in Int(starts[Int(term)]) ..< Int(starts[Int(term) + 1]) { hits.candidate[Int(list[k])] = true }
                }
            }
        }
        return hits
    }

    /// Runs `body` with a matcher over one post's hits; the matcher reads every table through
    /// pointers, so evaluating a query retains nothing.
    func withMatcher<R>(_ hits: Hits, tokens: [Token], _ body: (QueryMatcher) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            operands.withUnsafeBufferPointer { operands in
                roots.withUnsafeBufferPointer { roots in
                    hits.head.withUnsafeBufferPointer { head in
                        hits.token.withUnsafeBufferPointer { token in
                            hits.next.withUnsafeBufferPointer { next in
                                hits.candidate.withUnsafeBufferPointer { candidate in
                                    tokens.withUnsafeBufferPointer { tokens in
                                        body(
                                            QueryMatcher(
                                                nodes: nodes, operands: operands, roots: roots, head: head,
                                                token: token, next: next, candidate: candidate, tokens: tokens,
                                                languageLane: hits.languageLane))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
