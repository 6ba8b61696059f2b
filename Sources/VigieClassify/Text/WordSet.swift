/// Hashes of folded words, for membership tests in the detectors.
struct WordSet: Sendable {
    private var index: HashIndex

    init(_ words: [String]) {
        index = HashIndex(minimumCapacity: words.count)
        for w in words { index.insert(TermHash.hash(w), 1) }
    }

    @inline(__always) func contains(_ hash: UInt64) -> Bool { index.find(hash) >= 0 }
}
