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
        guard let scheme = reference.scheme, scheme == "http" || scheme == "https",
            let authority = reference.authority, let host = canonicalAuthority(authority, scheme: scheme)
        else { return nil }
        var path = normalizedPercentEncoding(reference.path)
        if path.isEmpty { path = "/" }
        var result = scheme + "://" + host + path
        if let query = reference.query.flatMap(canonicalQuery) {
            result += "?" + query
        }
        return result
    }

    /// userinfo kept, host lower-cased without a trailing dot, default port dropped.
    private static func canonicalAuthority(_ authority: String, scheme: String) -> String? {
        var userinfo = ""
        var hostPort = Substring(authority)
        if let at = hostPort.lastIndex(of: "@") {
            userinfo = String(hostPort[...at])
            hostPort = hostPort[hostPort.index(after: at)...]
        }
        var host = hostPort
        var port: Substring = ""
        if let colon = hostPort.lastIndex(of: ":"), !hostPort[colon...].contains("]") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var hostText = host.lowercased()
        while hostText.hasSuffix(".") { hostText.removeLast() }
        guard !hostText.isEmpty, !hostText.contains("%20") else { return nil }
        let trimmedPort = port.drop(while: { $0 == "0" })
        let isDefault =
            port.isEmpty || (scheme == "http" && trimmedPort == "80") || (scheme == "https" && trimmedPort == "443")
        return userinfo + hostText + (isDefault ? "" : ":" + trimmedPort)
    }

    private static func canonicalQuery(_ query: String) -> String? {
        var kept: [(key: String, item: String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let key = normalizedPercentEncoding(String(name)).lowercased()
            if trackingParameters.contains(key) || trackingPrefixes.contains(where: { key.hasPrefix($0) }) {
                continue
            }
            kept.append((normalizedPercentEncoding(String(name)), normalizedPercentEncoding(String(item))))
        }
        guard !kept.isEmpty else { return nil }
        // Stable order: by name, then by the whole item, so repeated names keep a fixed order.
        kept.sort { $0.key != $1.key ? $0.key < $1.key : $0.item < $1.item }
        return kept.map(\.item).joined(separator: "&")
    }

    /// Upper-case hex in `%XX`, and unreserved characters decoded (`%7E` → `~`).
    static func normalizedPercentEncoding(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let source = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        let hex = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < source.count {
            let b = source[i]
            if b == UInt8(ascii: "%"), i + 2 < source.count,
                URLReference.isHex(source[i + 1]), URLReference.isHex(source[i + 2])
            {
                let value = hexValue(source[i + 1]) << 4 | hexValue(source[i + 2])
                if isUnreserved(value) {
                    out.append(value)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(value >> 4)])
                    out.append(hex[Int(value & 0x0F)])
                }
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8 {
        b <= UInt8(ascii: "9") ? b - UInt8(ascii: "0") : (b | 0x20) - UInt8(ascii: "a") + 10
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        TagStripper.isLetter(b) || TagStripper.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }
}
