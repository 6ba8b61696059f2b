import Foundation

/// A parsed robots.txt (RFC 9309): the group for our user agent, its Allow and Disallow
/// rules, longest match wins, Allow on a tie; `*` and a final `$` in paths.
public struct RobotsTxt: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        var pattern: String
    }

    var rules: [Rule]

    /// Everything allowed (no robots.txt, or one that could not be read).
    public static let allowAll = RobotsTxt(rules: [])

    init(rules: [Rule]) {
        self.rules = rules
    }

    /// The rules of `text` that apply to `agent` (the product token, e.g. `Vigie`):
    /// the groups naming it (case-insensitive), else the `*` groups.
    public init(_ text: String, agent: String) {
        let token = agent.lowercased()
        var named: [Rule] = []
        var star: [Rule] = []
        var groupAgents: [String] = []
        var inRules = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules {
                    groupAgents = []
                    inRules = false
                }
                groupAgents.append(value.lowercased())
            case "allow", "disallow":
                inRules = true
                // An empty Disallow allows everything: no rule.
                guard !value.isEmpty else { continue }
                let rule = Rule(allow: key == "allow", pattern: value)
                if groupAgents.contains(token) { named.append(rule) }
                if groupAgents.contains("*") { star.append(rule) }
            default:
                continue
            }
        }
        self.rules = named.isEmpty ? star : named
    }

    /// Whether `path` (path and query, starting with `/`) may be fetched.
    public func allows(_ path: String) -> Bool {
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.pattern.count > current.pattern.count
                || (rule.pattern.count == current.pattern.count && rule.allow)
            {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// `pattern` matches a prefix of `path`; `*` is any run of characters, a final `$` ends it.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == pieces.count - 1 && anchored {
                return rest.hasSuffix(piece)
            } else if let range = rest.range(of: piece) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return !anchored || rest.isEmpty
    }
}
