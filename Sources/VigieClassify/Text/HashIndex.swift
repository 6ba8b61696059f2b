/// Open-addressing map from a non-zero 64-bit key to a 32-bit value.
///
/// Classification looks up every token several times (lexicon, brand terms,
/// category terms), so a flat table with multiplicative hashing replaces
/// `Dictionary` and its per-lookup SipHash.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count: Int = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Inserts or replaces the value for `key`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "HashIndex keys must be non-zero")
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while true {
            if keys[i] == key { values[i] = value; return }
            if keys[i] == 0 {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// The value for `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { k in
            var i = Self.slot(key, mask)
            while true {
                let stored = k[i]
                if stored == key { return values[i] }
                if stored == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    /// Runs `body` with the raw tables, for lookups in tight loops.
    func withBuffers<R>(_ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Int32>, Int) -> R) -> R {
        keys.withUnsafeBufferPointer { k in values.withUnsafeBufferPointer { v in body(k, v, mask) } }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        count = 0
        for (i, key) in oldKeys.enumerated() where key != 0 { insert(key, oldValues[i]) }
    }
}
