import Foundation

/// Character-trigram language profiles loaded from `Resources/lang/*.tsv`.
///
/// Each trigram maps to a vector of per-language log probabilities; the scanner adds the
/// vectors up per sentence, and the language with the highest sum wins.
struct LanguageModel: Sendable {
    /// Languages in vector order; the eighth lane is unused.
    static let languages = ["fr", "en", "de", "es", "it", "pt", "nl"]

    /// Scores are stored as whole eighths of a nat, clipped at -15 nats, to keep the tables small.
    static let scale: Float = 8

    /// Open-addressing table of score rows: lanes 0-6 hold the scores, lane 7 (no language)
    /// holds the trigram's fingerprint, 0 for an empty slot; a lookup reads one row.
    private var table: [SIMD8<Int32>]
    private let mask: Int
    /// Frequent short words (`Resources/lang/words.tsv`) and the bonus rows they add.
    private var words = HashIndex(minimumCapacity: 256)
    private var wordRows: [SIMD8<Int32>] = []
    /// Bonus for a frequent word of a language, in the same units as trigram scores (two nats).
    static let wordBonus: Int32 = 16

    init() throws {
        var counts: [UInt64: [Float]] = [:]
        var totals = [Float](repeating: 0, count: 8)
        var floors = [Float](repeating: .greatestFiniteMagnitude, count: 8)
        for (lane, lang) in Self.languages.enumerated() {
            for line in try BundledResource.lines("lang/\(lang).tsv") {
                let parts = line.split(separator: "\t")
                guard parts.count == 2, let count = Float(parts[1]) else { continue }
                let scalars = parts[0].unicodeScalars.map { $0 == "_" ? 0x20 : $0.value }
                guard scalars.count == 3 else { continue }
                let key = Self.key(scalars[0], scalars[1], scalars[2])
                counts[key, default: [Float](repeating: 0, count: 8)][lane] += count
                totals[lane] += count
                floors[lane] = min(floors[lane], count)
            }
        }
        var size = 1024
        while size < counts.count * 3 / 2 { size <<= 1 }
        table = Array(repeating: SIMD8<Int32>(), count: size)
        mask = size - 1
        for (key, laneCounts) in counts.sorted(by: { $0.key < $1.key }) {
            var logs = [Float](repeating: -100, count: 8)
            for lane in 0 ..< Self.languages.count {
                let c = laneCounts[lane] > 0 ? laneCounts[lane] : floors[lane] * 0.3
                logs[lane] = Float(Foundation.log(Double(c / totals[lane])))
            }
            // Relative to the best lane, so sums stay small and comparable.
            let best = logs.max() ?? 0
            let fingerprint = Self.fingerprint(key)
            var row = SIMD8<Int32>()
            for lane in 0 ..< Self.languages.count {
                row[lane] = Int32(max(-120, ((logs[lane] - best) * Self.scale).rounded()))
            }
            row[7] = fingerprint
            var i = Int(fingerprint) & mask
            while table[i][7] != 0 { i = (i + 1) & mask }
            table[i] = row
        }
        var lanesByWord: [UInt64: SIMD8<Int32>] = [:]
        for line in try BundledResource.lines("lang/words.tsv") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let hash = TermHash.hash(String(parts[0]))
            for code in parts[1].split(separator: ",") {
                guard let lane = Self.languages.firstIndex(of: String(code)) else { continue }
                lanesByWord[hash, default: SIMD8<Int32>()][lane] = Self.wordBonus
            }
        }
        for (hash, row) in lanesByWord.sorted(by: { $0.key < $1.key }) {
            words.insert(hash, Int32(wordRows.count))
            wordRows.append(row)
        }
    }

    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// Non-zero 32-bit fingerprint of a trigram key; also its home slot.
    @inline(__always)
    static func fingerprint(_ key: UInt64) -> Int32 {
        Int32(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 33) | 1
    }

    /// Runs `body` with a lookup that reads the tables through pointers (no reference counting per trigram).
    func withLookup<R>(_ body: (LanguageLookup) -> R) -> R {
        table.withUnsafeBufferPointer { table in
            words.withBuffers { wordKeys, wordValues, wordMask in
                wordRows.withUnsafeBufferPointer { wordRows in
                    body(
                        LanguageLookup(
                            table: table, mask: mask, wordKeys: wordKeys, wordValues: wordValues, wordRows: wordRows,
                            wordMask: wordMask))
                }
            }
        }
    }

    /// Best language for summed scores, or nil when too little text or too close a call.
    static func decide(_ sums: SIMD8<Int32>, ngrams: Int32, minimumNgrams: Int32 = 6, minimumMargin: Float = 0.08)
        -> (language: String, confidence: Float)?
    {
        decideLane(sums, ngrams: ngrams, minimumNgrams: minimumNgrams, minimumMargin: minimumMargin).map {
            (languages[$0.lane], $0.confidence)
        }
    }

    /// `decide`, giving the lane in `languages` rather than the code.
    static func decideLane(_ sums: SIMD8<Int32>, ngrams: Int32, minimumNgrams: Int32 = 6, minimumMargin: Float = 0.08)
        -> (lane: Int, confidence: Float)?
    {
        guard ngrams >= minimumNgrams else { return nil }
        let scores = SIMD8<Float>(sums) / scale
        var best = 0
        var second = -1
        for lane in 1 ..< languages.count {
            if scores[lane] > scores[best] {
                second = best
                best = lane
            } else if second < 0 || scores[lane] > scores[second] {
                second = lane
            }
        }
        let margin = (scores[best] - scores[second]) / Float(ngrams)
        guard margin >= minimumMargin else { return nil }
        return (best, min(1, margin))
    }
}
