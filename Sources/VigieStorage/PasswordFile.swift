import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything, `\` escaping `:` and
/// `\`, `#` starting a comment. The first matching line wins. As in libpq, a file that its
/// group or others may read is ignored, and a socket connection matches `localhost`.
enum PasswordFile {
    static func lookup(path: String, for settings: ConnectionSettings) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard info.st_mode & 0o077 == 0 else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return lookup(text: text, for: settings)
    }

    static func lookup(text: String, for settings: ConnectionSettings) -> String? {
        let hosts = settings.isUnixSocket ? ["localhost", settings.host] : [settings.host]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#") else { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], [String(settings.port)]),
                matches(fields[2], [settings.database]), matches(fields[3], [settings.user])
            {
                return fields[4]
            }
        }
        return nil
    }

    /// Splits a line at unescaped colons into at most five fields, removing the escapes.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
