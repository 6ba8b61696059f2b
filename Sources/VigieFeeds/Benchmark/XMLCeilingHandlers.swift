#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A handler that does nothing: the tokenizer's own speed, the ceiling for any parser
/// built on it.
struct XMLNullHandler: XMLEventHandler {
    var events = 0
    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int) { events &+= 1 }
    mutating func endElement(contentEnd: Int) { events &+= 1 }
    mutating func text(start: Int, end: Int) { events &+= 1 }
    mutating func cdata(start: Int, end: Int) { events &+= 1 }
}

/// A handler that only decodes each text event's references into a scratch buffer, as
/// tokenizers that deliver decoded text (expat, libxml2's SAX) do before any callback.
struct XMLDecodingHandler: XMLEventHandler {
    let p: UnsafeBufferPointer<UInt8>
    var scratch: [UInt8] = []
    var events = 0
    var decodedBytes = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        p = bytes
        scratch.reserveCapacity(1 << 16)
    }

    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int) { events &+= 1 }
    mutating func endElement(contentEnd: Int) { events &+= 1 }
    mutating func cdata(start: Int, end: Int) {
        events &+= 1
        decodedBytes &+= end - start
    }

    mutating func text(start: Int, end: Int) {
        events &+= 1
        scratch.removeAll(keepingCapacity: true)
        let base = p.baseAddress!
        var i = start
        while i < end {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "&")), end - i) else {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + i, count: end - i))
                break
            }
            let amp = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if amp > i { scratch.append(contentsOf: UnsafeBufferPointer(start: base + i, count: amp - i)) }
            if let match = CharacterReference.match(p, at: amp, end: end) {
                scratch.appendScalar(match.scalar)
                i = amp + match.length
            } else {
                scratch.append(UInt8(ascii: "&"))
                i = amp + 1
            }
        }
        decodedBytes &+= scratch.count
    }
}
