import Foundation

/// Character-trigram language profiles loaded from `Resources/lang/*.tsv`.
///
/// Each trigram maps to a vector of per-language log probabilities; the scanner adds the
/// vectors up per sentence, and the language with the highest sum wins.
struct LanguageModel: Sendable {
    /// Languages in vector order; the eighth lane is unused.
    static let languages = ["fr", "en", "de", "es", "it", "pt", "nl"]

    private var index = HashIndex(minimumCapacity: 8192)
    private var rows: [SIMD8<Float>] = [SIMD8<Float>()]

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
        for (key, laneCounts) in counts {
            var row = SIMD8<Float>(repeating: -40)
            for lane in 0 ..< Self.languages.count {
                let c = laneCounts[lane] > 0 ? laneCounts[lane] : floors[lane] * 0.3
                row[lane] = Float(Foundation.log(Double(c / totals[lane])))
            }
            index.insert(key, Int32(rows.count))
            rows.append(row)
        }
        // Every row is relative: subtracting the best lane keeps sums small and comparable.
        for i in 1 ..< rows.count {
            let best = rows[i].max()
            rows[i] = rows[i] - SIMD8<Float>(repeating: best)
        }
    }

    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// Log-probability vector of one trigram; zero when no profile knows it.
    @inline(__always)
    func scores(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> SIMD8<Float> {
        let row = index.find(Self.key(a, b, c))
        return row < 0 ? SIMD8<Float>() : rows[Int(row)]
    }

    /// Best language for summed scores, or nil when too little text or too close a call.
    static func decide(_ scores: SIMD8<Float>, ngrams: Int32, minimumNgrams: Int32 = 6, minimumMargin: Float = 0.08)
        -> (language: String, confidence: Float)?
    {
        guard ngrams >= minimumNgrams else { return nil }
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
        return (languages[best], min(1, margin))
    }
}
