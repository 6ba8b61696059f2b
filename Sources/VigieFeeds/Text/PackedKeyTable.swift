/// A fixed map from 64-bit keys (short names packed into an integer, or their hashes) to
/// values, for the lookups done once per tag, reference or line of text.
///
/// `Dictionary` hashes every key with SipHash, which costs more than the rest of the lookup
/// put together; the keys here come from the library itself, not from the input, so a
/// multiplicative hash into an open-addressed table at most half full is enough.
///
/// Tables are only made once, for static constants, and live as long as the program: their
/// slots are kept in memory of their own that is never freed, so a lookup copies no array
/// and retains nothing on a miss.
struct PackedKeyTable<Value: Sendable>: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<UInt64>
    private let filled: UnsafeMutablePointer<Bool>
    private let values: UnsafeMutablePointer<Value?>
    private let shift: UInt64
    private let mask: Int

    /// Later pairs replace earlier ones with the same key, as assigning into a dictionary does.
    init(_ pairs: some Sequence<(UInt64, Value)>) {
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
