import Foundation

/// Splits a SQL script into statements, as psql would: on semicolons outside
/// quotes ('…', "…"), dollar quotes ($tag$…$tag$) and comments (-- …, /* … */).
/// The extended query protocol takes one statement at a time.
public enum SQLScript {
    public static func statements(_ sql: String) -> [String] {
        let s = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !isOnlyComments(text) { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "-" && next == "-" {
                while i < s.count && s[i] != "\n" { current.append(s[i]); i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                var depth = 0
                while i < s.count {
                    if s[i] == "/" && i + 1 < s.count && s[i + 1] == "*" { depth += 1; current.append(s[i]); i += 1 }
                    else if s[i] == "*" && i + 1 < s.count && s[i + 1] == "/" {
                        depth -= 1; current.append(s[i]); i += 1
                        if depth == 0 { current.append(s[i]); i += 1; break }
                    }
                    current.append(s[i]); i += 1
                }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < s.count {
                    current.append(s[i])
                    if s[i] == c {
                        if i + 1 < s.count && s[i + 1] == c { current.append(s[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$" {
                // $tag$ where tag is empty or an identifier.
                var j = i + 1
                while j < s.count, s[j] == "_" || s[j].properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(s[j])) { j += 1 }
                if j < s.count && s[j] == "$" {
                    let tag = Array(s[i...j])
                    current.append(contentsOf: tag); i = j + 1
                    while i < s.count {
                        if s[i] == "$" && i + tag.count <= s.count && Array(s[i..<(i + tag.count)]) == tag {
                            current.append(contentsOf: tag); i += tag.count
                            break
                        }
                        current.append(s[i]); i += 1
                    }
                    continue
                }
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c); i += 1
        }
        flush()
        return statements
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
    }
}
