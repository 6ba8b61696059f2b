/// A URI reference split into its RFC 3986 components, with reference resolution
/// (section 5.2) and dot-segment removal. No Foundation `URL`, so results are the same on
/// every platform and odd input is never rejected by a stricter parser before it can be
/// cleaned.
///
/// A reference is read from ``cleaned(_:)`` text, which is ASCII: each byte is one
/// character, so the components are slices of its bytes and nothing is copied until a
/// result is written out.
struct URLReference {
    typealias Bytes = ArraySlice<UInt8>

    /// As written; compared and written out lower-cased.
    var scheme: Bytes?
    var authority: Bytes?
    var path: Bytes
    var query: Bytes?
    var fragment: Bytes?

    init(scheme: Bytes?, authority: Bytes?, path: Bytes, query: Bytes?, fragment: Bytes?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Splits a reference; the text should already be free of spaces and control characters.
    init(parsing text: [UInt8]) {
        var rest = text[...]
        scheme = nil
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            let candidate = rest[..<colon]
            if let first = candidate.first, ASCII.isLetter(first), candidate.allSatisfy(Self.isSchemeByte) {
                scheme = candidate
                rest = rest[(colon + 1)...]
            }
        }
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            fragment = rest[(hash + 1)...]
            rest = rest[..<hash]
        } else {
            fragment = nil
        }
        if let mark = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = rest[(mark + 1)...]
            rest = rest[..<mark]
        } else {
            query = nil
        }
        if rest.count >= 2, rest[rest.startIndex] == UInt8(ascii: "/"), rest[rest.startIndex + 1] == UInt8(ascii: "/") {
            let afterSlashes = rest.startIndex + 2
            let end = rest[afterSlashes...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            authority = rest[afterSlashes..<end]
            rest = rest[end...]
        } else {
            authority = nil
        }
        path = rest
    }

    /// Whether the scheme is `http` or `https`, in any case; nil without a scheme.
    var isWeb: Bool? {
        guard let scheme else { return nil }
        return Self.isWeb(scheme)
    }

    static func isWeb(_ scheme: Bytes) -> Bool {
        equalsIgnoringCase(scheme, "http") || equalsIgnoringCase(scheme, "https")
    }

    var string: String {
        var out: [UInt8] = []
        out.reserveCapacity(
            (scheme?.count ?? 0) + (authority?.count ?? 0) + path.count + (query?.count ?? 0)
                + (fragment?.count ?? 0) + 5)
        if let scheme {
            out.append(contentsOf: scheme.lazy.map(ASCII.lowercased))
            out.append(UInt8(ascii: ":"))
        }
        if let authority {
            out.append(UInt8(ascii: "/"))
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: authority)
        }
        out.append(contentsOf: path)
        if let query {
            out.append(UInt8(ascii: "?"))
            out.append(contentsOf: query)
        }
        if let fragment {
            out.append(UInt8(ascii: "#"))
            out.append(contentsOf: fragment)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3986 section 5.2.2, strict: a reference with a scheme is already absolute.
    func resolved(against base: URLReference) -> URLReference {
        if scheme != nil {
            return URLReference(
                scheme: scheme, authority: authority, path: Self.removeDotSegments(path), query: query,
                fragment: fragment)
        }
        if authority != nil {
            return URLReference(
                scheme: base.scheme, authority: authority, path: Self.removeDotSegments(path), query: query,
                fragment: fragment)
        }
        if path.isEmpty {
            return URLReference(
                scheme: base.scheme, authority: base.authority, path: base.path, query: query ?? base.query,
                fragment: fragment)
        }
        let merged: Bytes
        if path.first == UInt8(ascii: "/") {
            merged = path
        } else if base.authority != nil, base.path.isEmpty {
            merged = ([UInt8(ascii: "/")] + path)[...]
        } else if let slash = base.path.lastIndex(of: UInt8(ascii: "/")) {
            merged = (Array(base.path[...slash]) + path)[...]
        } else {
            merged = path
        }
        return URLReference(
            scheme: base.scheme, authority: base.authority, path: Self.removeDotSegments(merged), query: query,
            fragment: fragment)
    }

    /// RFC 3986 section 5.2.4.
    static func removeDotSegments(_ path: Bytes) -> Bytes {
        guard path.contains(UInt8(ascii: ".")) else { return path }
        // The segments kept, as ranges of `path`; the first is the empty one before a leading "/".
        var output: [Range<Int>] = []
        var start = path.startIndex
        while true {
            let end = path[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            let isLast = end == path.endIndex
            let segment = path[start..<end]
            if segment.count == 1, segment.first == UInt8(ascii: ".") {
                if isLast { output.append(end..<end) }
            } else if segment.count == 2, segment.allSatisfy({ $0 == UInt8(ascii: ".") }) {
                if output.count > 1 { output.removeLast() }
                if isLast { output.append(end..<end) }
            } else {
                output.append(start..<end)
            }
            if isLast { break }
            start = end + 1
        }
        var result: [UInt8] = []
        result.reserveCapacity(path.count + 1)
        for (index, range) in output.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: path[range])
        }
        if path.first == UInt8(ascii: "/"), result.first != UInt8(ascii: "/") { result.insert(UInt8(ascii: "/"), at: 0) }
        return result[...]
    }

    /// Percent-encodes what may not appear raw in a URL (spaces, controls, non-ASCII, a few
    /// delimiters) and drops tabs and line breaks, as browsers do with pasted links. The
    /// result is ASCII; nil when nothing but whitespace was given.
    static func cleaned(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8(cleaned(utf8:))
    }

    static func cleaned(utf8 source: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let kept = source.rangeTrimmingASCIIWhitespace()
        guard !kept.isEmpty else { return nil }
        let end = kept.upperBound
        var bytes: [UInt8] = []
        bytes.reserveCapacity(kept.count)
        var i = kept.lowerBound
        while i < end {
            let b = source[i]
            switch b {
            case 0x09, 0x0A, 0x0D:
                break
            case UInt8(ascii: "%"):
                if i + 2 < end, ASCII.isHexDigit(source[i + 1]), ASCII.isHexDigit(source[i + 2]) {
                    bytes.append(b)
                } else {
                    bytes.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "2"), UInt8(ascii: "5")])
                }
            case 0..<0x21, 0x7F..., UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
                UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"),
                UInt8(ascii: "|"), UInt8(ascii: "}"):
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(b >> 4)])
                bytes.append(hexDigits[Int(b & 0x0F)])
            default:
                bytes.append(b)
            }
            i += 1
        }
        return bytes
    }

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        ASCII.isLetterOrDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: ".")
    }

    /// Whether `bytes` spell `literal` (lower-case ASCII) in any case.
    static func equalsIgnoringCase(_ bytes: Bytes, _ literal: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return bytes.count == expected.count
            && zip(bytes, expected).allSatisfy { ASCII.lowercased($0) == $1 }
    }
}
