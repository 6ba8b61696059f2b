/// Governance categories and the rules that tag them, read from `Resources/taxonomy.txt`.
///
/// Format (one item per line, `#` starts a comment line):
/// ```
/// version = 3
///
/// [complaint]
/// fr.still_waiting = lang:fr (toujours OR encore) NEAR/3 (attente OR "pas reçu")
/// en.refund = lang:en refund* NEAR/4 (still OR never OR waiting)
///
/// [personal_data]
/// iban = detect:iban
/// ```
/// A `[section]` names a category id; each `name = value` line under it is a rule whose
/// value is a query in the brand query language or `detect:<detector>`.
public struct Taxonomy: Sendable {
    public struct Rule: Sendable, Hashable {
        public enum Pattern: Sendable, Hashable {
            case query(QueryExpression)
            case detector(Detector)
        }

        public var category: String
        public var name: String
        public var pattern: Pattern
    }

    /// A malformed taxonomy line.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "taxonomy line \(line): \(reason)" }
    }

    public var version: String
    /// Category ids in file order.
    public var categories: [String]
    /// Rules in file order.
    public var rules: [Rule]

    public init(parsing text: String) throws {
        var version: String?
        var categories: [String] = []
        var rules: [Rule] = []
        var current: String?
        var names = Set<String>()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = raw.trimmingSpaces.trimmingCharacters("\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ParseError(line: lineNumber, reason: "a section needs a closing ']'") }
                let id = String(line.dropFirst().dropLast()).trimmingSpaces
                guard Self.isIdentifier(id) else {
                    throw ParseError(line: lineNumber, reason: "category id '\(id)' must be lowercase letters, digits and '_'")
                }
                guard !categories.contains(String(id)) else {
                    throw ParseError(line: lineNumber, reason: "category '\(id)' appears twice")
                }
                categories.append(String(id))
                current = String(id)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, reason: "expected 'name = query', '[category]' or 'version = n'")
            }
            let key = String(line[..<equals].trimmingSpaces)
            let value = String(line[line.index(after: equals)...].trimmingSpaces)
            if key == "version" && current == nil {
                guard !value.isEmpty else { throw ParseError(line: lineNumber, reason: "version needs a value") }
                version = value
                continue
            }
            guard let category = current else {
                throw ParseError(line: lineNumber, reason: "rule '\(key)' comes before any [category]")
            }
            guard Self.isRuleName(key) else {
                throw ParseError(line: lineNumber, reason: "rule name '\(key)' must be lowercase letters, digits, '.', '_' or '-'")
            }
            guard names.insert(category + "/" + key).inserted else {
                throw ParseError(line: lineNumber, reason: "rule '\(key)' appears twice in [\(category)]")
            }
            if value.hasPrefix("detect:") {
                let name = String(value.dropFirst(7))
                guard let detector = Detector(rawValue: name) else {
                    let known = Detector.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ParseError(line: lineNumber, reason: "unknown detector '\(name)'; known: \(known)")
                }
                rules.append(Rule(category: category, name: key, pattern: .detector(detector)))
            } else {
                do {
                    rules.append(Rule(category: category, name: key, pattern: .query(try BrandQuery.parse(value))))
                } catch let error as BrandQueryError {
                    throw ParseError(line: lineNumber, reason: "rule '\(key)': \(error)")
                }
            }
        }
        guard let version else { throw ParseError(line: 1, reason: "the file needs a 'version = n' line") }
        self.version = version
        self.categories = categories
        self.rules = rules
    }

    /// The taxonomy shipped with the classifier.
    public static func bundled() throws -> Taxonomy {
        try Taxonomy(parsing: BundledResource.text("taxonomy.txt"))
    }

    private static func isIdentifier(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }
    }

    private static func isRuleName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || "._-".contains($0) }
    }
}
