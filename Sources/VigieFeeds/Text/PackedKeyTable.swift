/// A fixed map from 64-bit keys (short names packed into an integer, or their hashes) to
/// values, for the lookups done once per tag, reference or line of text.
///
/// `Dictionary` hashes every key with SipHash, which costs more than the rest of the lookup
/// put together; the keys here come from the library itself, not from the input, so a
/// multiplicative hash into an open-addressed table at most half full is enough.
struct PackedKeyTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let shift: UInt64
    private let mask: Int

    /// Later pairs replace earlier ones with the same key, as assigning into a dictionary does.
    init(_ pairs: some Sequence<(UInt64, Value)>) {
        let pairs = Array(pairs)
        var bits: UInt64 = 4
        while 1 << bits < 2 * pairs.count { bits += 1 }
        shift = 64 - bits
        mask = (1 << bits) - 1
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var values = [Value?](repeating: nil, count: 1 << bits)
        for (key, value) in pairs {
            var slot = Self.slot(key, shift: shift)
            while values[slot] != nil, keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var slot = Self.slot(key, shift: shift)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
