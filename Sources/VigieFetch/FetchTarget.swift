import Foundation

/// A URL taken apart for one hop: what the guard judges and where the client connects.
struct FetchTarget: Sendable, Equatable {
    var url: String
    var scheme: String
    /// Without IPv6 brackets, lowercased.
    var host: String
    var port: Int
    /// Path and query, as sent on the request line; `/` at least.
    var pathAndQuery: String

    init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw FetchError.invalidURL(text)
        }
        guard scheme == "http" || scheme == "https" else {
            throw FetchError.unsupportedScheme(scheme)
        }
        guard var host = components.host?.lowercased(), !host.isEmpty else {
            throw FetchError.invalidURL(text)
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard components.user == nil, components.password == nil else {
            // Credentials in a URL would be sent to whichever host a redirect names.
            throw FetchError.invalidURL(text)
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { throw FetchError.invalidURL(text) }
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if let query = components.percentEncodedQuery { path += "?" + query }
        self.url = text
        self.scheme = scheme
        self.host = host
        self.port = port
        self.pathAndQuery = path
    }

    var isDefaultPort: Bool { port == (scheme == "https" ? 443 : 80) }

    /// The `Host` header: the name, with the port when it is not the scheme's.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return isDefaultPort ? name : "\(name):\(port)"
    }

    /// `scheme://host[:port]`, where robots.txt lives.
    var origin: String { "\(scheme)://\(hostHeader)" }

    /// This URL with the host replaced by `ip`: the client connects to the address the
    /// guard approved, and no second lookup can hand it another one.
    func pinned(to ip: String) -> String {
        let literal = ip.contains(":") ? "[\(ip)]" : ip
        return "\(scheme)://\(literal):\(port)\(pathAndQuery)"
    }

    /// `location` (a redirect's `Location`) resolved against this URL.
    func resolve(_ location: String) throws -> String {
        guard let base = URL(string: url), let next = URL(string: location, relativeTo: base) else {
            throw FetchError.invalidURL(location)
        }
        var text = next.absoluteString
        // The fragment stays on the client.
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        return text
    }
}
