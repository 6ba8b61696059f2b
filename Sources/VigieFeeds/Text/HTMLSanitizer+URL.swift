extension HTMLSanitizer {
    /// What a URL's scheme says about it.
    enum Scheme: Equatable {
        /// No scheme: a relative URL (or a fragment).
        case none
        /// A scheme in ``allowedSchemes``.
        case allowed
        /// Any other scheme (`javascript:`, `vbscript:`, `data:`), or one that cannot be read.
        case forbidden
    }

    /// The scheme of a URL whose references are already decoded, read as a browser reads
    /// it: ASCII whitespace and control characters anywhere before the colon are ignored
    /// (`java\tscript:`, `\u{1}javascript:`), letters in any case.
    static func scheme(of value: [UInt8]) -> Scheme {
        var scheme: [UInt8] = []
        var readable = true
        for byte in value {
            if byte <= 0x20 || byte == 0x7F { continue }
            switch byte {
            case UInt8(ascii: ":"):
                guard readable, !scheme.isEmpty, ASCII.isLetter(scheme[0]) else { return .forbidden }
                return allowedSchemes.contains(String(decoding: scheme, as: UTF8.self)) ? .allowed : .forbidden
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                return .none
            default:
                // A scheme is letters, digits, `+`, `-` and `.`: with anything else before a
                // colon (`a%3Ab:`, `é:`) the value is refused, as no browser would agree
                // on what it is.
                if !(ASCII.isLetterOrDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "."))
                {
                    readable = false
                }
                if scheme.count < 16 { scheme.append(ASCII.lowercased(byte)) }
            }
        }
        return .none
    }
}
