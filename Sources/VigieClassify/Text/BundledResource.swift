import Foundation

/// Reads the data files shipped in `Resources/` (profiles, lexicons, taxonomy).
enum BundledResource {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "classify: bundled resource \(path) is missing" }
    }

    static func text(_ path: String) throws -> String {
        // The copied folder sits in the bundle itself on Linux and under its resource folder on macOS.
        let bases = [Bundle.module.bundleURL, Bundle.module.resourceURL].compactMap { $0 }
        for base in bases {
            let url = base.appendingPathComponent("Resources").appendingPathComponent(path)
            if let data = FileManager.default.contents(atPath: url.path) { return String(decoding: data, as: UTF8.self) }
        }
        throw Missing(path: path)
    }

    /// Non-empty lines that are not `#` comments, trimmed of trailing whitespace.
    static func lines(_ path: String) throws -> [Substring] {
        try text(path).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line in
            var line = line
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { return nil }
            return line
        }
    }
}
