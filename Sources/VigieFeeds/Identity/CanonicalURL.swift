/// One spelling per web address, so the same post linked twice is recognised.
///
/// Scheme and host are lower-cased, default ports and the fragment removed, dot segments
/// and percent-encoding case normalised, tracking parameters (`utm_*`, `fbclid`, `gclid`,
/// `mc_cid`, `mc_eid`, …) removed and the remaining query parameters sorted. Relative
/// references are resolved against `base`. Anything that is not an http(s) URL with a host
/// gives nil.
public enum CanonicalURL {
    /// Query parameter names removed wherever they appear (compared lower-cased).
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id",
        "vero_conv", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "wt.mc_id", "ncid",
        "ref_src", "ref_url", "spm", "scid", "cmpid", "at_medium", "at_campaign", "xtor",
    ]

    /// Parameter name prefixes removed (compared lower-cased).
    static let trackingPrefixes: [String] = ["utm_", "pk_", "mtm_", "hsa_"]

    public static func canonicalize(_ url: String, base: String? = nil) -> String? {
        guard let cleaned = URLReference.cleaned(url) else { return nil }
        var reference = URLReference(parsing: cleaned)
        if reference.scheme == nil {
            guard let base, let cleanBase = URLReference.cleaned(base) else { return nil }
            let baseReference = URLReference(parsing: cleanBase)
            guard baseReference.scheme != nil else { return nil }
            reference = reference.resolved(against: baseReference)
        } else {
            reference.path = URLReference.removeDotSegments(reference.path)
        }
        guard let scheme = reference.scheme, URLReference.isWeb(scheme), let authority = reference.authority else {
            return nil
        }
        let isHTTPS = scheme.count == 5
        var out: [UInt8] = []
        out.reserveCapacity(cleaned.count + 8)
        out.append(contentsOf: (isHTTPS ? "https://" : "http://").utf8)
        guard appendCanonicalAuthority(authority, isHTTPS: isHTTPS, to: &out) else { return nil }
        let pathStart = out.count
        appendNormalizedPercentEncoding(reference.path, to: &out)
        if out.count == pathStart { out.append(UInt8(ascii: "/")) }
        if let query = reference.query { appendCanonicalQuery(query, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// userinfo kept, host lower-cased without a trailing dot, default port dropped; false
    /// when the authority has no usable host or port.
    private static func appendCanonicalAuthority(
        _ authority: URLReference.Bytes, isHTTPS: Bool, to out: inout [UInt8]
    ) -> Bool {
        var hostPort = authority
        let userinfo: URLReference.Bytes
        if let at = hostPort.lastIndex(of: UInt8(ascii: "@")) {
            userinfo = hostPort[...at]
            hostPort = hostPort[(at + 1)...]
        } else {
            userinfo = []
        }
        var host = hostPort
        var port: URLReference.Bytes = []
        if let colon = hostPort.lastIndex(of: UInt8(ascii: ":")), !hostPort[colon...].contains(UInt8(ascii: "]")) {
            host = hostPort[..<colon]
            port = hostPort[(colon + 1)...]
        }
        guard port.allSatisfy(ASCII.isDigit) else { return false }
        while host.last == UInt8(ascii: ".") { host = host.dropLast() }
        guard !host.isEmpty, !containsEncodedSpace(host) else { return false }
        let trimmedPort = port.drop { $0 == UInt8(ascii: "0") }
        let isDefault = port.isEmpty || trimmedPort.elementsEqual((isHTTPS ? "443" : "80").utf8)
        out.append(contentsOf: userinfo)
        out.append(contentsOf: host.lazy.map(ASCII.lowercased))
        if !isDefault {
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: trimmedPort)
        }
        return true
    }

    /// Whether the host holds `%20` (the `2` and `0` have no case to ignore).
    private static func containsEncodedSpace(_ host: URLReference.Bytes) -> Bool {
        var i = host.startIndex
        while i + 2 < host.endIndex {
            if host[i] == UInt8(ascii: "%"), host[i + 1] == UInt8(ascii: "2"), host[i + 2] == UInt8(ascii: "0") {
                return true
            }
            i += 1
        }
        return false
    }

    /// `?` and the parameters left once tracking ones are removed, sorted; nothing when
    /// none are left.
    private static func appendCanonicalQuery(_ query: URLReference.Bytes, to out: inout [UInt8]) {
        var kept: [(key: [UInt8], item: [UInt8])] = []
        for item in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name = item.prefix { $0 != UInt8(ascii: "=") }
            var key: [UInt8] = []
            appendNormalizedPercentEncoding(name, to: &key)
            if isTracking(key) { continue }
            var normalizedItem: [UInt8] = []
            appendNormalizedPercentEncoding(item, to: &normalizedItem)
            kept.append((key, normalizedItem))
        }
        guard !kept.isEmpty else { return }
        // Stable order: by name, then by the whole item, so repeated names keep a fixed order.
        kept.sort {
            $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.item.lexicographicallyPrecedes($1.item)
        }
        out.append(UInt8(ascii: "?"))
        for (index, parameter) in kept.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: parameter.item)
        }
    }

    /// Whether a parameter name, percent-encoding normalized, is a tracking one (in any case).
    private static func isTracking(_ name: [UInt8]) -> Bool {
        let key = String(decoding: name.lazy.map(ASCII.lowercased), as: UTF8.self)
        return trackingParameters.contains(key) || trackingPrefixes.contains { key.hasPrefix($0) }
    }

    /// `source` with upper-case hex in `%XX` and unreserved characters decoded (`%7E` → `~`).
    static func appendNormalizedPercentEncoding(_ source: URLReference.Bytes, to out: inout [UInt8]) {
        guard source.contains(UInt8(ascii: "%")) else {
            out.append(contentsOf: source)
            return
        }
        var i = source.startIndex
        let end = source.endIndex
        while i < end {
            let b = source[i]
            if b == UInt8(ascii: "%"), i + 2 < end, ASCII.isHexDigit(source[i + 1]), ASCII.isHexDigit(source[i + 2]) {
                let value = ASCII.hexValue(source[i + 1]) << 4 | ASCII.hexValue(source[i + 2])
                if isUnreserved(value) {
                    out.append(value)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(URLReference.hexDigits[Int(value >> 4)])
                    out.append(URLReference.hexDigits[Int(value & 0x0F)])
                }
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        ASCII.isLetterOrDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }
}
