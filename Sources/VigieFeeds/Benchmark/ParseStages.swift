/// The stages of a parse, each run alone, for `vigie-bench feed` to time: the tokenizer with
/// no work per event (the ceiling), the lexer finding markup only, the document tree, and
/// the bodies' HTML made plain text.
///
/// They stay in this module while the rest of the benchmark lives in `vigie-bench`: the
/// tokenizer is generic over its handler, and run from another module `XMLTokenizer.run`
/// is not specialised for the handlers below, so the ceiling would time a call through a
/// witness table per event that no parse makes. They are also the whole seam the benchmark
/// needs, so the parser's types stay internal. `vigie` calls none of them, but its release
/// link keeps them: about 10 KiB, nearly all of it the tokenizer specialised for the two
/// handlers that do nothing (`nm -S .build/release/vigie | grep XMLTokenizerV3run`).
package enum ParseStages {
    /// The parser's front end alone: encoding checked, every event delivered with its text
    /// decoded, nothing done with it. Returns the number of events and of bytes of text the
    /// tokenizer decoded (text with references in it; CDATA and plain text are not copied).
    package static func tokenize(_ bytes: [UInt8], options: FeedParser.Options = .default) -> (
        events: Int, decodedBytes: Int
    ) {
        let input = InputDecoder.decode(bytes, contentType: nil)
        return input.bytes.withUnsafeBufferPointer { p in
            var tokenizer = XMLTokenizer(p, maxDepth: options.maxDepth, maxEntityExpansion: options.maxEntityExpansion)
            var handler = XMLNullHandler()
            try? tokenizer.run(&handler)
            return (handler.events, tokenizer.decoded.count)
        }
    }

    /// The tokenizer finding markup only, over bytes taken to be UTF-8. Returns the number
    /// of events.
    package static func lexOnly(_ bytes: [UInt8], options: FeedParser.Options = .default) -> Int {
        bytes.withUnsafeBufferPointer { p in
            var tokenizer = XMLTokenizer(p, maxDepth: options.maxDepth, maxEntityExpansion: options.maxEntityExpansion)
            var handler = XMLLexerHandler()
            try? tokenizer.run(&handler)
            return handler.events
        }
    }

    /// The front end and the document tree the mappers read, with nothing read from it.
    /// Returns the number of nodes.
    package static func documentNodes(_ bytes: [UInt8], options: FeedParser.Options = .default) -> Int {
        let input = InputDecoder.decode(bytes, contentType: nil)
        let document = try? XMLDocument.parse(input.bytes, options: options, diagnostics: input.diagnostics)
        return document?.nodes.count ?? 0
    }

    /// The bodies made plain text, as the parse makes each one, into one storage. Returns
    /// the number of bytes of plain text.
    package static func plainTextBytes(_ bodies: [FeedText]) -> Int {
        let storage = TextStorage(capacity: bodies.reduce(0) { $0 + $1.utf8Count })
        var count = 0
        for body in bodies {
            count &+= body.withUTF8 { HTMLText.plainText(utf8: $0, into: storage).utf8Count }
        }
        return count
    }
}
