import Testing

@testable import VigieFeeds

@Suite struct ByteSearchTests {
    /// The first offset of `needle` in `haystack`, one position at a time.
    static func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func findsTheFirstOccurrenceLikeANaiveSearch() {
        let needles: [StaticString] = ["#comment-", "showComment=", "?showComment=", "s=", "=s", "a", "-", "ab#", "#"]
        let alphabet = Array("ams#-=Co?b".utf8)
        var rng = SplitMix64(seed: 0xF17D)
        for _ in 0..<20_000 {
            let needle = needles[Int(rng.next() % UInt64(needles.count))]
            let needleBytes = Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
            var haystack = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if rng.next() % 2 == 0 {
                // Plant the needle, whole or cut short, somewhere.
                let at = Int(rng.next() % UInt64(haystack.count + 1))
                haystack.insert(contentsOf: needleBytes.prefix(Int(rng.next() % UInt64(needleBytes.count + 1))), at: at)
            }
            let found = haystack.withUnsafeBufferPointer { p in
                p.baseAddress.flatMap { findBytes($0, p.count, needle) } ?? (needleBytes.isEmpty ? 0 : nil)
            }
            #expect(found == Self.naive(haystack, needleBytes), "\(needle) in \(haystack)")
        }
    }
}
