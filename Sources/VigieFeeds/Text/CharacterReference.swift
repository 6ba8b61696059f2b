/// Decoding of `&name;`, `&#NNN;` and `&#xHH;` references over UTF-8 bytes.
enum CharacterReference {
    /// A decoded reference: the scalar it stands for and the number of bytes it spans.
    struct Match {
        var scalar: UInt32
        var length: Int
    }

    /// Decodes the reference starting at `start` (which holds `&`), if there is one.
    ///
    /// Numeric references outside Unicode, surrogates and NUL become U+FFFD, as HTML does.
    /// Named references must end with `;`, except the few that browsers accept bare
    /// (`&amp`, `&lt`, `&gt`, `&quot`, `&nbsp`, `&copy`, `&reg`) when no letter or digit follows.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Match? {
        match(bytes, at: start, end: end, entities: StaticTables.htmlEntities)
    }

    /// ``match(_:at:end:)`` with the table of named references given, for a caller that
    /// decodes many: reading the static table costs a call to check it is made.
    @inline(__always)
    static func match(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, entities: PackedKeyTable<UInt32>
    ) -> Match? {
        var index = start + 1
        guard index < end else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            // Every digit is consumed, as browsers do; past U+10FFFF the value stops growing
            // (it is replaced anyway), so no number of digits can overflow it.
            var value: UInt32 = 0
            var digits = 0
            let hex = index < end && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if hex { index += 1 }
            while index < end {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: digit = 99
                }
                if digit == 99 { break }
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < end, bytes[index] == UInt8(ascii: ";") { index += 1 }
            return Match(scalar: sanitized(numeric: value), length: index - start)
        }
        let nameStart = index
        // The name is packed as it is read, as ``PackedKey/pack(_:)`` packs it: a name
        // of up to eight bytes, nearly every one, is then looked up by that key alone.
        var key: UInt64 = 0
        if end - nameStart >= 16, let length = nameLength(UnsafeRawPointer(bytes.baseAddress! + nameStart)) {
            // The name ends within 16 bytes: found, and packed, from one chunk.
            // A little-endian load packs the first byte lowest, as ``PackedKey`` does.
            key = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + nameStart).loadUnaligned(as: UInt64.self))
            if length < 8 { key &= (1 << (8 * UInt64(length))) - 1 }
            index = nameStart + length
        } else {
            while index < end, index - nameStart <= HTMLEntities.maxNameLength, ASCII.isLetterOrDigit(bytes[index]) {
                if index - nameStart < 8 { key |= UInt64(bytes[index]) << (8 * UInt64(index - nameStart)) }
                index += 1
            }
        }
        guard index > nameStart else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<index])
        if index < end, bytes[index] == UInt8(ascii: ";") {
            let scalar = name.count <= 8 ? entities[key] : lookup(name)
            guard let scalar else { return nil }
            return Match(scalar: scalar, length: index + 1 - start)
        }
        // Bare legacy names: take the longest known prefix.
        for length in stride(from: min(name.count, 6), through: 2, by: -1) {
            let prefix = UnsafeBufferPointer(rebasing: name[0..<length])
            if let scalar = lookup(prefix), bareAllowed(prefix) {
                let after = nameStart + length
                if after < end, ASCII.isLetterOrDigit(bytes[after]), length == name.count { return nil }
                return Match(scalar: scalar, length: length + 1)
            }
        }
        return nil
    }

    /// A named reference of two to seven bytes closed by `;`, nearly every one in a post
    /// (`&amp;`, `&eacute;`, `&laquo;`), read from the eight bytes after the `&` at `start`
    /// at once: the first `;` among them found, and the bytes before it looked up as a
    /// name, packed as ``PackedKey/pack(_:)`` packs it (first byte lowest). Nil for
    /// anything else, which ``match(_:at:end:entities:)`` reads. A name the table holds is
    /// letters and digits only, so what is found here is what it would find.
    @inline(__always)
    static func shortNamed(
        _ base: UnsafePointer<UInt8>, at start: Int, end: Int, entities: PackedKeyTable<UInt32>
    ) -> Match? {
        guard start + 9 <= end else { return nil }
        let word = UInt64(littleEndian: UnsafeRawPointer(base + start + 1).loadUnaligned(as: UInt64.self))
        // The lowest byte of `word ^ ";;;;;;;;"` that is zero: below it the test is exact.
        let x = word ^ 0x3B3B_3B3B_3B3B_3B3B
        let semicolons = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
        let length = semicolons.trailingZeroBitCount >> 3
        guard length >= 2, length < 8, let scalar = entities[word & ((1 << (8 * UInt64(length))) &- 1)] else {
            return nil
        }
        return Match(scalar: scalar, length: length + 2)
    }

    /// The number of name bytes (``ASCII.isLetterOrDigit(_:)``) at the start of the 16 bytes at `p`;
    /// nil when all 16 are, which the byte loop then reads.
    @inline(__always)
    private static func nameLength(_ p: UnsafeRawPointer) -> Int? {
        let v = p.loadUnaligned(as: SIMD16<Int8>.self)
        let length = ChunkLanes.firstLane(.!(ChunkLanes.letters(v) .| ChunkLanes.digits(v)))
        return length < 16 ? length : nil
    }

    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        // Fast path for the five XML names.
        switch name.count {
        case 2:
            if name[0] == UInt8(ascii: "l"), name[1] == UInt8(ascii: "t") { return 60 }
            if name[0] == UInt8(ascii: "g"), name[1] == UInt8(ascii: "t") { return 62 }
        case 3:
            if name[0] == UInt8(ascii: "a"), name[1] == UInt8(ascii: "m"), name[2] == UInt8(ascii: "p") { return 38 }
        case 4:
            if name[0] == UInt8(ascii: "q"), name[1] == UInt8(ascii: "u"), name[2] == UInt8(ascii: "o"),
                name[3] == UInt8(ascii: "t")
            {
                return 34
            }
            if name[0] == UInt8(ascii: "a"), name[1] == UInt8(ascii: "p"), name[2] == UInt8(ascii: "o"),
                name[3] == UInt8(ascii: "s")
            {
                return 39
            }
            if name[0] == UInt8(ascii: "n"), name[1] == UInt8(ascii: "b"), name[2] == UInt8(ascii: "s"),
                name[3] == UInt8(ascii: "p")
            {
                return 160
            }
        default:
            break
        }
        guard name.count <= HTMLEntities.maxNameLength else { return nil }
        if name.count <= 8 { return StaticTables.htmlEntities[PackedKey.pack(name)] }
        return HTMLEntities.table[String(decoding: name, as: UTF8.self)]
    }

    private static func bareAllowed(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch String(decoding: name, as: UTF8.self) {
        case "amp", "lt", "gt", "quot", "nbsp", "copy", "reg": return true
        default: return false
        }
    }

    static func sanitized(numeric value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
        // Windows-1252 code points given as numeric references, as HTML maps them.
        if (0x80...0x9F).contains(value) { return Windows1252.scalar(for: UInt8(value)) }
        return value
    }
}

extension Array where Element == UInt8 {
    /// Appends a Unicode scalar as UTF-8.
    @inline(__always)
    mutating func appendScalar(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            append(UInt8(value))
        case 0x80..<0x800:
            append(UInt8(0xC0 | (value >> 6)))
            append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            append(UInt8(0xE0 | (value >> 12)))
            append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            append(UInt8(0x80 | (value & 0x3F)))
        default:
            append(UInt8(0xF0 | (value >> 18)))
            append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
