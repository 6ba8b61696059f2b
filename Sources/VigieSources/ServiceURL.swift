import Foundation
import VigieModel

/// Service URLs built from a base and query parameters.
enum ServiceURL {
    /// `base` without its trailing slashes, then `path`, then the parameters, each name and
    /// value percent-encoded (RFC 3986 unreserved characters kept).
    static func make(_ base: String, _ path: String, _ query: [(String, String)] = []) -> String {
        var url = base
        while url.hasSuffix("/") { url.removeLast() }
        url += path
        guard !query.isEmpty else { return url }
        let pairs = query.map { encode($0.0) + "=" + encode($0.1) }
        return url + (url.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// The value of the first query parameter so named in `url`, percent-decoded.
    static func parameter(_ name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }

    /// `url` with its parameter `name` set to `value`: replaced where it is, else added.
    static func setting(_ name: String, _ value: String, in url: String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let kept = parts.count > 1
            ? parts[1].split(separator: "&").filter { !$0.hasPrefix(name + "=") && $0 != name[...] }.map(String.init)
            : []
        return String(parts[0]) + "?" + (kept + [encode(name) + "=" + encode(value)]).joined(separator: "&")
    }
}
