#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A handler that does nothing: the tokenizer's own speed, the ceiling for any parser
/// built on it. It still has the tokenizer decode text, as every parser's handler does.
struct XMLNullHandler: XMLEventHandler {
    var events = 0
    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int) { events &+= 1 }
    mutating func endElement(contentEnd: Int) { events &+= 1 }
    mutating func text(start: Int, end: Int, decoded: Bool) { events &+= 1 }
    mutating func cdata(start: Int, end: Int) { events &+= 1 }
}

/// A handler that does nothing and reads no text, so references are left undecoded: the
/// speed of finding markup alone, a lower bound no XML parser delivers.
struct XMLLexerHandler: XMLEventHandler {
    static var readsText: Bool { false }
    var events = 0
    mutating func startElement(_ name: XMLQName, attributes: [XMLRawAttribute], contentStart: Int) { events &+= 1 }
    mutating func endElement(contentEnd: Int) { events &+= 1 }
    mutating func text(start: Int, end: Int, decoded: Bool) { events &+= 1 }
    mutating func cdata(start: Int, end: Int) { events &+= 1 }
}
