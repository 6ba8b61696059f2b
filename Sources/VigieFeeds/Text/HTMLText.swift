/// Readable plain text from the HTML of a post.
///
/// Paragraph-level elements become blank lines (`"\n\n"`), `<br>` and list items single
/// line breaks; scripts, styles and comments are dropped; named and numeric character
/// references are decoded, including HTML-only names XML does not define; runs of
/// whitespace collapse to one space; lines that are only blog furniture (share buttons,
/// "Aucun commentaire", "Publié par … à …", "Libellés :") are removed.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { plainText(utf8: $0) }
    }

    /// The same, over UTF-8 bytes, for callers that already hold them.
    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        PlainTextWriter.withWriter(capacity: bytes.count) { writer in
            TagStripper.strip(bytes, into: &writer)
            return writer.finish()
        }
    }

    /// The same, written straight into `storage` rather than made into a string. `bytes`
    /// must not be in `storage`.
    static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>, into storage: TextStorage) -> FeedText {
        // Plain text is never longer than the HTML; the writer keeps a few bytes free.
        let capacity = bytes.count + 8
        return storage.appending(maxCount: capacity) { destination in
            var writer = PlainTextWriter(buffer: UnsafeMutableBufferPointer(start: destination, count: capacity))
            TagStripper.strip(bytes, into: &writer)
            return writer.finishCount()
        }
    }

    /// Whether ``plainText(utf8:)`` would give `p` back unchanged: it holds no markup,
    /// reference, control or whitespace to collapse, and is not a line of blog furniture.
    static func isPlainAsWritten(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isCollapsed(p, orMarkup: true) else { return false }
        return p.count > Boilerplate.maxLineLength || !Boilerplate.isBoilerplate(p)
    }
}
