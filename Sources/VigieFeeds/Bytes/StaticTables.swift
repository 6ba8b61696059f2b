/// The lookup tables read through unsafe pointers, all in one place to be reviewed.
///
/// Their memory is allocated once and never freed, so that a lookup copies no array and
/// retains nothing: that is safe only for constants that live as long as the program. The
/// types' initializers are fileprivate to this file, so these static constants are the only
/// instances there can be; what each table holds is built where it is used, as a list of
/// pairs, and checked there.
enum StaticTables {
    /// HTML named references of up to eight bytes, by ``PackedKey/pack(_:)`` of the name.
    static let htmlEntities = PackedKeyTable(HTMLEntities.packedPairs)

    /// The words that can open a furniture line, by ``Boilerplate/wordKey(_:)``.
    static let openingWords = PackedKeyTable(Boilerplate.openingWordBytes.map { (Boilerplate.wordKey($0), ()) })

    /// The opening words that start with an ASCII letter, by that letter, length and second byte.
    static let openingSketch = OpeningSketch(Boilerplate.openingWordBytes)

    /// The opening words of the line starts and bylines, by ``Boilerplate/wordKey(_:)``.
    static let lineStartWords = PackedKeyTable(Boilerplate.lineStartWordKeys.map { ($0, ()) })

    /// Every furniture word by ``Boilerplate/wordKey(_:)``, with whether it is weak.
    static let furnitureWords = PackedKeyTable(Boilerplate.furnitureWordPairs())

    /// The namespace URIs by ``XMLNamespace``'s key of their last sixteen bytes.
    static let namespaceURIs = PackedKeyTable(XMLNamespace.uriKeyPairs())

    /// The elements ``HTMLSanitizer`` knows, by ``PackedKey/pack(_:)`` of the name, those of
    /// up to eight bytes (the longer ones are looked up in ``HTMLSanitizer/elementClasses``).
    static let sanitizerElements = PackedKeyTable(
        HTMLSanitizer.elementClasses.filter { $0.key.utf8.count <= 8 }.map { (PackedKey.pack($0.key.utf8), $0.value) })

    /// The attributes ``HTMLSanitizer`` allows, by ``PackedKey/pack(_:)`` of the name, those
    /// of up to eight bytes (the longer ones are in ``HTMLSanitizer/attributeClasses``).
    static let sanitizerAttributes = PackedKeyTable(
        HTMLSanitizer.attributeClasses.filter { $0.key.utf8.count <= 8 }.map { (PackedKey.pack($0.key.utf8), $0.value) })

    /// ``HTMLSanitizer/allowedSchemes`` by ``PackedKey/pack(_:)``: none is longer than eight
    /// bytes, and one that were would be refused, not let through.
    static let allowedSchemes = PackedKeyTable(
        HTMLSanitizer.allowedSchemes.filter { $0.utf8.count <= 8 }.map { (PackedKey.pack($0.utf8), ()) })
}

/// A fixed map from 64-bit keys (short names packed into an integer, or their hashes) to
/// values, for the lookups done once per tag, reference or line of text.
///
/// `Dictionary` hashes every key with SipHash, which costs more than the rest of the lookup
/// put together; the keys here come from the library itself, not from the input, so a
/// multiplicative hash into an open-addressed table at most half full is enough.
///
/// Only ``StaticTables`` makes tables: their slots are kept in memory of their own that is
/// never freed.
struct PackedKeyTable<Value: Sendable>: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<UInt64>
    private let filled: UnsafeMutablePointer<Bool>
    private let values: UnsafeMutablePointer<Value?>
    private let shift: UInt64
    private let mask: Int

    /// Later pairs replace earlier ones with the same key, as assigning into a dictionary does.
    /// Fileprivate: the only tables are the constants of ``StaticTables``.
    fileprivate init(_ pairs: some Sequence<(UInt64, Value)>) {
        let pairs = Array(pairs)
        var bits: UInt64 = 4
        while 1 << bits < 2 * pairs.count { bits += 1 }
        let size = 1 << Int(bits)
        shift = 64 - bits
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        filled = .allocate(capacity: size)
        filled.initialize(repeating: false, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: nil, count: size)
        for (key, value) in pairs {
            var slot = Self.slot(key, shift: shift)
            while filled[slot], keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            filled[slot] = true
            values[slot] = value
        }
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var slot = Self.slot(key, shift: shift)
        while filled[slot] {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}


/// For each ASCII letter and word length, a bit for each second byte folded to its low five
/// bits, which are the same for a letter's two cases (one bit stands for several bytes, which
/// only sends a few more words to the full check): a first word is found not to open a
/// furniture line from this alone, nearly every one, before its key is made.
struct OpeningSketch: @unchecked Sendable {
    /// 26 letters by 16 lengths, made once for ``StaticTables`` and never freed.
    private let masks: UnsafeMutablePointer<UInt32>

    /// Fileprivate: the only sketch is ``StaticTables/openingSketch``.
    fileprivate init(_ words: Set<[UInt8]>) {
        masks = .allocate(capacity: 26 * 16)
        masks.initialize(repeating: 0, count: 26 * 16)
        for word in words where Self.isLowerCaseLetter(word[0]) {
            precondition(word.count < 16, "an opening word too long for the sketch")
            // A word of one letter has no second byte: a line opening with that letter alone
            // has some other byte after it.
            let bits = word.count == 1 ? ~0 : UInt32(1) << (word[1] & 31)
            masks[Self.slot(first: word[0], length: word.count)] |= bits
        }
    }

    private static func isLowerCaseLetter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }

    @inline(__always)
    private static func slot(first: UInt8, length: Int) -> Int {
        Int(first &- UInt8(ascii: "a")) &* 16 &+ length
    }

    /// Whether a word of `length` bytes, 1 to 15, that starts with the ASCII letter `first`
    /// and then `second`, in either case, may be an opening word.
    @inline(__always)
    func allows(first: UInt8, second: UInt8, length: Int) -> Bool {
        masks[Self.slot(first: first | 0x20, length: length)] >> UInt32(second & 31) & 1 != 0
    }
}
