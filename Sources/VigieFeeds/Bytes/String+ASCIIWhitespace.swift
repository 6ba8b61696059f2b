extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 > 0x20 })!
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
    }

    /// The string without leading and trailing bytes that `isTrimmed` accepts, each byte
    /// lower-cased and then passed through `map`; nil when it is not all ASCII, for callers
    /// to fall back on Unicode lower-casing.
    func asciiLowercasedTrimming(_ isTrimmed: (UInt8) -> Bool, map: (UInt8) -> UInt8 = { $0 }) -> String? {
        let utf8 = self.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard let first = utf8.firstIndex(where: { !isTrimmed($0) }), let last = utf8.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(unsafeUninitializedCapacity: utf8.distance(from: first, to: last) + 1) { out in
            var count = 0
            for b in utf8[first...last] {
                out[count] = map(ASCII.lowercased(b))
                count += 1
            }
            return count
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The range left once leading and trailing ASCII whitespace and control bytes are
    /// dropped, the same bytes `String.trimmingASCIIWhitespace()` drops.
    func rangeTrimmingASCIIWhitespace() -> Range<Int> {
        var start = 0
        var end = count
        while start < end, self[start] <= 0x20 { start += 1 }
        while end > start, self[end - 1] <= 0x20 { end -= 1 }
        return start..<end
    }
}
