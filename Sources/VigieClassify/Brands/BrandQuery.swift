/// Parses the boolean query language used by brands and taxonomy rules.
///
/// ```
/// query    := or
/// or       := and ("OR" and)*
/// and      := unary (["AND"] unary)*          adjacent parts are ANDed
/// unary    := "NOT" unary | near
/// near     := primary ("NEAR/" n primary)*
/// primary  := "(" query ")" | field ":" primary | "lang:" code | "\"" words "\"" | word | word*
/// field    := "title" | "author" | "text"
/// ```
///
/// - Operators are written in capitals (`AND`, `OR`, `NOT`, `NEAR/n`); lowercase `and`/`or` are words.
///   `NEAR` binds tightest, then `NOT`, then `AND` (also implicit between parts), then `OR`:
///   `orange sfr OR free` is `(orange AND sfr) OR free`; `NOT a NEAR/2 b` is `NOT (a NEAR/2 b)`.
/// - Words match whole words, case and accent insensitively (`Société` = `societe` = `SOCIETE`).
///   A word that folds to several words (`air-france`, `L'Oréal`, `AT&T`) is a phrase.
/// - `"exact phrase"`: the words in a row. `boycott*`: any word starting with `boycott`
///   (at least 3 letters before `*`, no `*` elsewhere or inside quotes).
/// - `a NEAR/n b`: `a` and `b` (words, phrases, OR groups of them, or NEARs) with at most `n`
///   words between them, in either order; `n` from 1 to 50.
/// - By default words are looked for in the title and the text. `title:`, `text:` and `author:`
///   limit the next word, phrase or parenthesised group to one field: `title:(rappel OR recall)`.
/// - `lang:fr` holds when the post's main language is French (ISO 639-1 codes); for a post too
///   short to tell (`und`), its likeliest language is used.
/// - A query must contain at least one word it requires: `NOT spam` alone is refused.
/// - Aliases are ORs: `facebook OR fb OR "meta platforms"`.
///
/// Errors are `BrandQueryError` values with a 1-based character position and a reason,
/// such as `query error at character 8: NEAR needs a distance, as in NEAR/5`.
public enum BrandQuery {
    /// Longest NEAR distance accepted.
    public static let maximumDistance = 50
    /// Shortest stem accepted before `*`.
    public static let minimumPrefixLength = 3

    /// Parses `text`, throwing `BrandQueryError` with the position and reason of the first problem.
    public static func parse(_ text: String) throws -> QueryExpression {
        var parser = Parser(text)
        let expression = try parser.parseQuery()
        if let token = parser.peek() {
            throw parser.error(at: token.position, token.kind == .close ? "unmatched ')'" : "unexpected \(token.kind.name)")
        }
        if !expression.hasPositiveTerm {
            throw BrandQueryError(position: 1, reason: "the query only excludes; add a word or phrase it must contain")
        }
        return expression
    }
}

extension QueryExpression {
    /// Whether the expression can match by containing something (not only by excluding or by language).
    var hasPositiveTerm: Bool {
        switch self {
        case .term, .phrase, .near: return true
        case .and(let parts): return parts.contains { $0.hasPositiveTerm }
        case .or(let parts): return parts.allSatisfy { $0.hasPositiveTerm || $0.isLanguage }
            && parts.contains { $0.hasPositiveTerm }
        case .not, .language: return false
        case .field(_, let inner): return inner.hasPositiveTerm
        }
    }

    private var isLanguage: Bool {
        if case .language = self { return true }
        return false
    }

    /// Whether the expression could match a post containing none of its words.
    var canMatchWithoutTerms: Bool {
        switch self {
        case .term, .phrase, .near: return false
        case .and(let parts): return parts.allSatisfy(\.canMatchWithoutTerms)
        case .or(let parts): return parts.contains { $0.canMatchWithoutTerms }
        case .not, .language: return true
        case .field(_, let inner): return inner.canMatchWithoutTerms
        }
    }

    /// Whether the expression has word positions (so it can stand beside NEAR).
    var isPositional: Bool {
        switch self {
        case .term, .phrase, .near: return true
        case .or(let parts): return parts.allSatisfy(\.isPositional)
        case .field(_, let inner): return inner.isPositional
        case .and, .not, .language: return false
        }
    }
}

private struct LexToken {
    enum Kind: Equatable {
        case open, close, and, or, not
        case near(Int)
        case word(String)
        case phrase(String)
        case field(String)

        var name: String {
            switch self {
            case .open: return "'('"
            case .close: return "')'"
            case .and: return "AND"
            case .or: return "OR"
            case .not: return "NOT"
            case .near: return "NEAR"
            case .word(let w): return "word '\(w)'"
            case .phrase: return "phrase"
            case .field(let f): return "field '\(f):'"
            }
        }
    }

    var kind: Kind
    var position: Int
}

private struct Parser {
    private let tokens: [LexToken]
    private var index = 0
    private var lexError: BrandQueryError?
    private let length: Int

    init(_ text: String) {
        let (tokens, error) = Self.lex(Array(text))
        self.tokens = tokens
        self.lexError = error
        self.length = text.count
    }

    func error(at position: Int, _ reason: String) -> BrandQueryError {
        BrandQueryError(position: position, reason: reason)
    }

    func peek() -> LexToken? { index < tokens.count ? tokens[index] : nil }

    mutating func next() -> LexToken? {
        defer { index += 1 }
        return peek()
    }

    private var endPosition: Int { length + 1 }

    mutating func parseQuery() throws -> QueryExpression {
        if let lexError { throw lexError }
        guard peek() != nil else { throw error(at: 1, "the query is empty") }
        return try parseOr()
    }

    private mutating func parseOr() throws -> QueryExpression {
        var parts = [try parseAnd()]
        while let token = peek(), token.kind == .or {
            index += 1
            guard peek() != nil else { throw error(at: token.position, "OR needs something after it") }
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws -> QueryExpression {
        var parts = [try parseUnary()]
        while let token = peek() {
            switch token.kind {
            case .and:
                index += 1
                guard peek() != nil else { throw error(at: token.position, "AND needs something after it") }
                parts.append(try parseUnary())
            case .or, .close:
                return parts.count == 1 ? parts[0] : .and(parts)
            default:
                parts.append(try parseUnary())
            }
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseUnary() throws -> QueryExpression {
        if let token = peek(), token.kind == .not {
            index += 1
            guard peek() != nil else { throw error(at: token.position, "NOT needs something after it") }
            return .not(try parseUnary())
        }
        return try parseNear()
    }

    private mutating func parseNear() throws -> QueryExpression {
        var left = try parsePrimary()
        while let token = peek(), case .near(let distance) = token.kind {
            index += 1
            guard peek() != nil else { throw error(at: token.position, "NEAR/\(distance) needs something after it") }
            let operandPosition = peek()!.position
            let right = try parsePrimary()
            guard left.isPositional else {
                throw error(at: token.position, "NEAR joins words, phrases or OR groups of them, not AND, NOT or lang:")
            }
            guard right.isPositional else {
                throw error(at: operandPosition, "NEAR joins words, phrases or OR groups of them, not AND, NOT or lang:")
            }
            left = .near(left, right, distance: distance)
        }
        return left
    }

    private mutating func parsePrimary() throws -> QueryExpression {
        guard let token = next() else { throw error(at: endPosition, "the query ends too early") }
        switch token.kind {
        case .open:
            guard let first = peek() else { throw error(at: token.position, "'(' is never closed") }
            if first.kind == .close { throw error(at: first.position, "empty parentheses") }
            let inner = try parseOr()
            guard let close = next(), close.kind == .close else {
                throw error(at: token.position, "'(' is never closed")
            }
            return inner
        case .close:
            throw error(at: token.position, "unmatched ')'")
        case .and, .or, .near:
            throw error(at: token.position, "\(token.kind.name) needs something before it")
        case .not:
            throw error(at: token.position, "NOT cannot stand here")
        case .word(let raw):
            return try term(raw, at: token.position)
        case .phrase(let raw):
            let words = Scanner.terms(raw).map(\.text)
            guard !words.isEmpty else { throw error(at: token.position, "the phrase has no letters or digits") }
            return words.count == 1 ? .term(words[0], prefix: false) : .phrase(words)
        case .field(let name):
            guard peek() != nil else { throw error(at: token.position, "\(name): needs something after it") }
            if name == "lang" {
                guard let value = next(), case .word(let code) = value.kind else {
                    throw error(at: token.position + 5, "lang: takes a language code such as fr")
                }
                let folded = code.lowercased()
                guard folded.count >= 2, folded.count <= 3, folded.allSatisfy({ $0.isLetter && $0.isASCII }) else {
                    throw error(at: value.position, "'\(code)' is not a language code such as fr or en")
                }
                return .language(folded)
            }
            guard let field = QueryField(rawValue: name) else {
                throw error(at: token.position, "unknown field '\(name)'; use title:, author:, text: or lang:")
            }
            return .field(field, try parsePrimary())
        }
    }

    private func term(_ raw: String, at position: Int) throws -> QueryExpression {
        var word = raw
        var prefix = false
        if word.hasSuffix("*") {
            word.removeLast()
            prefix = true
        }
        if let star = word.firstIndex(of: "*") {
            throw error(at: position + word.distance(from: word.startIndex, to: star), "'*' is only allowed at the end of a word")
        }
        let parts = Scanner.terms(word).map(\.text)
        guard !parts.isEmpty else { throw error(at: position, "'\(raw)' has no letters or digits") }
        if prefix {
            guard parts.count == 1 else {
                throw error(at: position, "a prefix wildcard needs a single word, '\(raw)' has several")
            }
            guard parts[0].count >= BrandQuery.minimumPrefixLength else {
                throw error(at: position, "the stem before '*' needs at least \(BrandQuery.minimumPrefixLength) letters")
            }
            return .term(parts[0], prefix: true)
        }
        return parts.count == 1 ? .term(parts[0], prefix: false) : .phrase(parts)
    }

    private static func lex(_ chars: [Character]) -> ([LexToken], BrandQueryError?) {
        var tokens: [LexToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let position = i + 1
            if c.isWhitespace {
                i += 1
                continue
            }
            if c == "(" { tokens.append(LexToken(kind: .open, position: position)); i += 1; continue }
            if c == ")" { tokens.append(LexToken(kind: .close, position: position)); i += 1; continue }
            if c == "\"" || c == "“" || c == "”" || c == "«" || c == "»" {
                var j = i + 1
                var body = ""
                while j < chars.count, !(chars[j] == "\"" || chars[j] == "”" || chars[j] == "“" || chars[j] == "»") {
                    body.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    return (tokens, BrandQueryError(position: position, reason: "the quoted phrase is never closed"))
                }
                if body.contains("*") {
                    return (tokens, BrandQueryError(position: position, reason: "wildcards are not allowed inside a quoted phrase"))
                }
                tokens.append(LexToken(kind: .phrase(body), position: position))
                i = j + 1
                continue
            }
            var j = i
            var word = ""
            while j < chars.count, !chars[j].isWhitespace, chars[j] != "(", chars[j] != ")", chars[j] != "\"" {
                if chars[j] == ":", !word.isEmpty {
                    break
                }
                word.append(chars[j])
                j += 1
            }
            if j < chars.count, chars[j] == ":" {
                let name = word.lowercased()
                tokens.append(LexToken(kind: .field(name), position: position))
                i = j + 1
                continue
            }
            switch word {
            case "AND": tokens.append(LexToken(kind: .and, position: position))
            case "OR": tokens.append(LexToken(kind: .or, position: position))
            case "NOT": tokens.append(LexToken(kind: .not, position: position))
            default:
                if word.hasPrefix("NEAR/") {
                    let digits = word.dropFirst(5)
                    guard let n = Int(digits), n >= 1, n <= BrandQuery.maximumDistance else {
                        return (tokens, BrandQueryError(
                            position: position,
                            reason: "NEAR/n needs a whole number n from 1 to \(BrandQuery.maximumDistance)"))
                    }
                    tokens.append(LexToken(kind: .near(n), position: position))
                } else if word == "NEAR" {
                    return (tokens, BrandQueryError(position: position, reason: "NEAR needs a distance, as in NEAR/5"))
                } else {
                    tokens.append(LexToken(kind: .word(word), position: position))
                }
            }
            i = j
        }
        return (tokens, nil)
    }
}
