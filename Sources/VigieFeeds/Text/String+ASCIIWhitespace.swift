extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 > 0x20 })!
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
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
