/// Borrowed view of a `LanguageModel`'s tables, valid inside `withLookup`.
struct LanguageLookup {
    let table: UnsafeBufferPointer<SIMD8<Int32>>
    let mask: Int
    let wordKeys: UnsafeBufferPointer<UInt64>
    let wordValues: UnsafeBufferPointer<Int32>
    let wordRows: UnsafeBufferPointer<SIMD8<Int32>>
    let wordMask: Int

    static var empty: LanguageLookup {
        LanguageLookup(
            table: UnsafeBufferPointer(start: nil, count: 0), mask: 0,
            wordKeys: UnsafeBufferPointer(start: nil, count: 0), wordValues: UnsafeBufferPointer(start: nil, count: 0),
            wordRows: UnsafeBufferPointer(start: nil, count: 0), wordMask: 0)
    }

    /// Bonus of a frequent word (by token hash); zero for other words.
    @inline(__always)
    func wordScores(_ hash: UInt64) -> SIMD8<Int32> {
        var i = HashIndex.slot(hash, wordMask)
        while true {
            let stored = wordKeys[i]
            if stored == hash { return wordRows[Int(wordValues[i])] }
            if stored == 0 { return SIMD8<Int32>() }
            i = (i + 1) & wordMask
        }
    }

    /// Scores of one trigram in eighths of a nat; zero when no profile knows it.
    @inline(__always)
    func scores(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> SIMD8<Int32> {
        let fingerprint = LanguageModel.fingerprint(LanguageModel.key(a, b, c))
        var i = Int(fingerprint) & mask
        while true {
            let row = table[i]
            // Lane 7 carries the fingerprint into the sums; no decision reads it.
            if row[7] == fingerprint { return row }
            if row[7] == 0 { return SIMD8<Int32>() }
            i = (i + 1) & mask
        }
    }
}
