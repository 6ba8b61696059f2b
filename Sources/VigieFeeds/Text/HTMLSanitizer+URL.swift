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
        value.withUnsafeBufferPointer { scheme(of: $0) }
    }

    /// The same over bytes in a buffer. The scheme is looked up by its packed key, the
    /// first eight of its bytes lowercased: no allowed scheme is longer, and one that is
    /// longer is not allowed.
    static func scheme(of value: UnsafeBufferPointer<UInt8>) -> Scheme {
        var key: UInt64 = 0
        var length = 0
        var first: UInt8 = 0
        var readable = true
        for byte in value {
            if byte <= 0x20 || byte == 0x7F { continue }
            switch byte {
            case UInt8(ascii: ":"):
                guard readable, length > 0, ASCII.isLetter(first) else { return .forbidden }
                return length <= 8 && StaticTables.allowedSchemes[key] != nil ? .allowed : .forbidden
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
                if length == 0 { first = byte }
                if length < 8 { key |= UInt64(ASCII.lowercased(byte)) << UInt64(8 * length) }
                length += 1
            }
        }
        return .none
    }
}
