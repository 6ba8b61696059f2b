import Foundation

/// Turns feed bytes in whatever encoding they arrived into UTF-8.
///
/// The encoding is taken, in order, from a byte order mark, the `charset` of the HTTP
/// content type, the XML declaration, and the bytes themselves (UTF-16 without a mark);
/// UTF-8 by default. A declared encoding the bytes contradict is recovered: UTF-8 with
/// invalid sequences is repaired byte by byte as windows-1252 (mixed encodings), and a
/// declared Latin-1 document that is valid multi-byte UTF-8 is read as UTF-8.
enum InputDecoder {
    struct Result {
        var bytes: [UInt8]
        var encoding: String
        var diagnostics: Diagnostics
    }

    static func decode(_ input: [UInt8], contentType: String?) -> Result {
        var warnings = Diagnostics()
        // Byte order marks.
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(input.dropFirst(3)), label: "utf-8", warnings: &warnings)
        }
        if input.starts(with: [0xFF, 0xFE]) {
            return Result(
                bytes: utf16(input.dropFirst(2), bigEndian: false, warnings: &warnings), encoding: "utf-16le",
                diagnostics: warnings)
        }
        if input.starts(with: [0xFE, 0xFF]) {
            return Result(
                bytes: utf16(input.dropFirst(2), bigEndian: true, warnings: &warnings), encoding: "utf-16be",
                diagnostics: warnings)
        }
        if input.count >= 4, input[0] == UInt8(ascii: "<"), input[1] == 0, input[2] != 0, input[3] == 0 {
            return Result(
                bytes: utf16(input[...], bigEndian: false, warnings: &warnings), encoding: "utf-16le",
                diagnostics: warnings)
        }
        if input.count >= 4, input[0] == 0, input[1] == UInt8(ascii: "<"), input[2] == 0, input[3] != 0 {
            return Result(
                bytes: utf16(input[...], bigEndian: true, warnings: &warnings), encoding: "utf-16be",
                diagnostics: warnings)
        }
        // RFC 3023: text/plain is not XML, and without a charset is ASCII; read as XML anyway.
        if let contentType, contentType.trimmingASCIIWhitespace().lowercased().hasPrefix("text/plain") {
            warnings.bozo("http: served as text/plain, not as XML")
        }
        let declared = declaredEncoding(input)
        let fromHeader = contentType.flatMap(charset(inContentType:))
        if let fromHeader, let declared, normalizedLabel(fromHeader) != normalizedLabel(declared) {
            warnings.note("encoding: HTTP charset \(fromHeader) differs from declared \(declared); using \(fromHeader)")
        }
        let label = normalizedLabel(fromHeader ?? declared ?? "utf-8")
        switch label {
        case "utf-8", "us-ascii":
            return utf8(input, label: "utf-8", warnings: &warnings)
        case "iso-8859-1", "windows-1252":
            if hasMultibyteUTF8(input) {
                warnings.bozo("encoding: declared \(label) but the bytes are UTF-8; read as UTF-8")
                return Result(bytes: input, encoding: "utf-8", diagnostics: warnings)
            }
            return Result(bytes: singleByte(input, table: nil), encoding: label, diagnostics: warnings)
        case "iso-8859-15":
            return Result(bytes: singleByte(input, table: latin9), encoding: label, diagnostics: warnings)
        case "utf-16", "utf-16le", "utf-16be":
            // Declared UTF-16 but the bytes had no mark and do not look like UTF-16.
            warnings.bozo("encoding: declared \(label) but the bytes are not UTF-16; read as UTF-8")
            return utf8(input, label: "utf-8", warnings: &warnings)
        default:
            if let encoding = foundationEncoding(label), let text = String(data: Data(input), encoding: encoding) {
                return Result(bytes: Array(text.utf8), encoding: label, diagnostics: warnings)
            }
            warnings.bozo("encoding: unsupported encoding \(label); read as UTF-8")
            return utf8(input, label: "utf-8", warnings: &warnings)
        }
    }

    /// Valid UTF-8 is used as is; invalid bytes are taken as windows-1252.
    private static func utf8(_ input: [UInt8], label: String, warnings: inout Diagnostics) -> Result {
        if let firstInvalid = firstInvalidUTF8(input) {
            warnings.bozo("encoding: invalid UTF-8 at byte \(firstInvalid); invalid bytes read as windows-1252")
            return Result(bytes: repairedUTF8(input), encoding: label, diagnostics: warnings)
        }
        return Result(bytes: windows1252ForC1(input) ?? input, encoding: label, diagnostics: warnings)
    }

    /// The input with its C1 controls (U+0080–U+009F, which no feed means) read as the
    /// windows-1252 punctuation they were written for (U+0092 for ’); nil when it has none.
    static func windows1252ForC1(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { p -> [UInt8]? in
            guard let base = p.baseAddress else { return nil }
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            while i + 1 < p.count, let found = memchr(base + i, 0xC2, p.count - 1 - i) {
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                i = at + 1
                guard p[at + 1] >= 0x80, p[at + 1] <= 0x9F else { continue }
                if out.isEmpty { out.reserveCapacity(p.count + 16) }
                out.append(contentsOf: p[copied..<at])
                out.appendScalar(Windows1252.scalar(for: p[at + 1]))
                copied = at + 2
                i = at + 2
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: p[copied...])
            return out
        }
    }

    /// The offset of the first invalid UTF-8 sequence, or nil when all is valid.
    static func firstInvalidUTF8(_ input: [UInt8]) -> Int? {
        input.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            return firstInvalidUTF8(base, count: p.count)
        }
    }

    /// The validator proper, sixteen bytes at a time.
    ///
    /// Accented Latin text, what feeds are mostly made of, is ASCII and two-byte sequences.
    /// Such text is checked with bit masks at a fixed stride, with no branch that depends on
    /// where the accents fall (a lead byte that ends a word is carried over to the next).
    /// Anything else (a longer sequence or an error) is handed, from the sequence boundary
    /// before it, to ``sequenceLength(_:at:)`` for its first non-ASCII sequence only, so one
    /// three-byte character does not slow down the rest. Everything before that boundary is
    /// valid, so the answer is the same as decoding one sequence after another.
    static func firstInvalidUTF8(_ base: UnsafePointer<UInt8>, count n: Int) -> Int? {
        let raw = UnsafeRawPointer(base)
        let p = UnsafeBufferPointer(start: base, count: n)
        var i = 0
        // The top bit of the low byte set when the byte before `i` is a two-byte lead.
        var carry: UInt64 = 0
        while i + 16 <= n {
            let first = TwoByteWord(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), carry: carry)
            let second = TwoByteWord(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self), carry: first.carry)
            if first.errors | second.errors == 0 {
                carry = second.carry
                i += 16
                continue
            }
            // Back to the start of the sequence, skip ASCII, check one sequence.
            if carry != 0 {
                i -= 1
            } else {
                i += first.asciiPrefix
            }
            carry = 0
            let length = sequenceLength(p, at: i)
            if length == 0 { return i }
            i += length
        }
        if carry != 0 { i -= 1 }
        while i < n {
            let length = sequenceLength(p, at: i)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// Eight bytes checked as ASCII and two-byte sequences only.
    private struct TwoByteWord {
        /// Non-zero unless the bytes are ASCII and complete two-byte sequences, given `carry`.
        let errors: UInt64
        /// The carry for the next word: its low byte's top bit set when the last byte is a lead.
        let carry: UInt64
        /// The number of ASCII bytes the word starts with (all eight when it is ASCII).
        let asciiPrefix: Int

        /// `carry`: the top bit of the low byte set when the byte before is a two-byte lead.
        @inline(__always)
        init(_ bytes: UInt64, carry: UInt64) {
            // Byte k of the input at bits 8k to 8k + 7, the order ``ChunkLanes`` reads in.
            let word = UInt64(littleEndian: bytes)
            let highBits: UInt64 = 0x8080_8080_8080_8080
            let high = word & highBits
            let bit6 = (word << 1) & highBits
            let leads = high & bit6
            // From 0xE0: longer sequences or invalid bytes.
            let longer = leads & (word << 2) & highBits
            // 0xC0 and 0xC1 (overlong) have bits 5 to 1 clear. Adding 0x7F to a byte of at most
            // 0x3E sets its top bit exactly when the byte is not zero, with no carry out of it.
            let overlong = leads & ~((word & 0x3E3E_3E3E_3E3E_3E3E) &+ 0x7F7F_7F7F_7F7F_7F7F)
            // Continuation bytes must be exactly those after a lead.
            let misplaced = (high & ~bit6) ^ (leads << 8 | carry)
            errors = longer | overlong | misplaced
            self.carry = leads >> 56
            asciiPrefix = high.trailingZeroBitCount >> 3
        }
    }

    /// Length of the valid UTF-8 sequence at `i`, or 0 when it is invalid.
    @inline(__always)
    static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = p.count
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && p[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && p[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && p[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && p[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    static func repairedUTF8(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8)
        input.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let length = sequenceLength(p, at: i)
                if length == 0 {
                    out.appendScalar(Windows1252.scalar(for: p[i]))
                    i += 1
                } else {
                    out.append(contentsOf: p[i..<(i + length)])
                    i += length
                }
            }
        }
        return out
    }

    private static func hasMultibyteUTF8(_ input: [UInt8]) -> Bool {
        guard input.contains(where: { $0 >= 0x80 }) else { return false }
        return firstInvalidUTF8(input) == nil
    }

    private static let latin9: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
    ]

    private static func singleByte(_ input: [UInt8], table: [UInt8: UInt32]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8)
        for b in input {
            if b < 0x80 {
                out.append(b)
            } else if let table {
                out.appendScalar(table[b] ?? UInt32(b))
            } else {
                // ISO-8859-1 labels are read as windows-1252, as browsers do.
                out.appendScalar(Windows1252.scalar(for: b))
            }
        }
        return out
    }

    private static func utf16(_ input: ArraySlice<UInt8>, bigEndian: Bool, warnings: inout Diagnostics) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2)
        var index = input.startIndex
        while index + 1 < input.endIndex {
            let a = UInt16(input[index])
            let b = UInt16(input[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        if index < input.endIndex { warnings.bozo("encoding: odd number of bytes in UTF-16 input") }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var sawInvalid = false
        var iterator = units.makeIterator()
        var decoder = UTF16()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): out.appendScalar(scalar.value)
            case .emptyInput: break decoding
            case .error:
                sawInvalid = true
                out.appendScalar(0xFFFD)
            }
        }
        if sawInvalid { warnings.bozo("encoding: unpaired surrogate in UTF-16 input") }
        return out
    }

    /// The encoding named in `<?xml ... encoding="..."?>`, if any.
    static func declaredEncoding(_ input: [UInt8]) -> String? {
        let head = input.prefix(512)
        guard let start = head.firstIndex(of: UInt8(ascii: "<")), head[start...].starts(with: Array("<?xml".utf8)),
            let end = head[start...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = Array(head[start..<end])
        guard declaration.allSatisfy({ $0 < 0x80 }) else {
            return declaredEncoding(inDeclaration: String(decoding: declaration, as: UTF8.self))
        }
        return declaration.withUnsafeBufferPointer(asciiDeclaredEncoding)
    }

    /// The `encoding` value of an XML declaration read as characters.
    static func declaredEncoding(inDeclaration declaration: String) -> String? {
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix(while: { $0 != quote })
        return value.isEmpty ? nil : String(value)
    }

    /// ``declaredEncoding(inDeclaration:)`` read on the bytes of an ASCII declaration, where
    /// bytes and characters are one (CR LF aside, which holds no quote, space or equals sign).
    static func asciiDeclaredEncoding(_ d: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = d.baseAddress, let at = findBytes(base, d.count, "encoding") else { return nil }
        var i = at + 8
        while i < d.count, d[i] == UInt8(ascii: " ") || d[i] == UInt8(ascii: "=") || d[i] == UInt8(ascii: "\t") {
            i += 1
        }
        guard i < d.count, d[i] == UInt8(ascii: "\"") || d[i] == UInt8(ascii: "'") else { return nil }
        let quote = d[i]
        let valueStart = i + 1
        var valueEnd = valueStart
        while valueEnd < d.count, d[valueEnd] != quote { valueEnd += 1 }
        return valueEnd == valueStart ? nil : String(decoding: d[valueStart..<valueEnd], as: UTF8.self)
    }

    static func charset(inContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func normalizedLabel(_ label: String) -> String {
        let lowered = asciiLoweredLabel(label) ?? label.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-")
        switch lowered {
        case "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "latin-1", "iso8859-1", "iso-8859-1", "l1", "iso-ir-100", "cp819", "ibm819": return "iso-8859-1"
        case "cp1252", "windows1252", "x-cp1252": return "windows-1252"
        case "ascii", "us-ascii", "ansi-x3.4-1968": return "us-ascii"
        case "latin9", "iso8859-15", "latin-9": return "iso-8859-15"
        case "utf16", "ucs-2": return "utf-16"
        default: return lowered
        }
    }

    /// An ASCII label trimmed of spaces and tabs, lower-cased, `_` made `-`, on its bytes;
    /// nil for a label of other characters.
    static func asciiLoweredLabel(_ label: String) -> String? {
        label.asciiLowercasedTrimming(
            { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") },
            map: { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 })
    }

    private static func foundationEncoding(_ label: String) -> String.Encoding? {
        switch label {
        case "iso-8859-2", "latin2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "shift-jis", "shift_jis", "sjis": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "macintosh", "mac-roman", "x-mac-roman": return .macOSRoman
        default: return nil
        }
    }
}
