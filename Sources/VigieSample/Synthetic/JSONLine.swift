import Foundation
import VigieModel

/// Writes an `ImportRecord` as one JSONL line without `JSONEncoder`, in the key order
/// `ImportRecord` encodes (`url, title, author, published_at, lang, body, kind, parent_url,
/// source`), absent fields left out. Fast enough to stream millions of records.
enum JSONLine {
    static func append(_ record: ImportRecord, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        var first = true
        field("url", record.url, &first, &buffer)
        field("title", record.title, &first, &buffer)
        field("author", record.author, &first, &buffer)
        if let date = record.publishedAt {
            key("published_at", &first, &buffer)
            buffer.append(UInt8(ascii: "\""))
            let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
            CivilDate(secondsSince1970: seconds).appendRFC3339(to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
        field("lang", record.lang, &first, &buffer)
        field("body", record.body, &first, &buffer)
        field("kind", record.kind.rawValue, &first, &buffer)
        field("parent_url", record.parentURL, &first, &buffer)
        field("source", record.source, &first, &buffer)
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
    }

    private static func key(_ name: StaticString, _ first: inout Bool, _ buffer: inout [UInt8]) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        first = false
        buffer.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
    }

    private static func field(_ name: StaticString, _ value: String?, _ first: inout Bool, _ buffer: inout [UInt8]) {
        guard let value else { return }
        key(name, &first, &buffer)
        string(value, &buffer)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func string(_ value: String, _ buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { bytes in
            // Copy runs of plain bytes in one go; escape quotes, backslashes and controls.
            var run = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                buffer.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
                default:
                    buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    buffer.append(hex[Int(byte >> 4)])
                    buffer.append(hex[Int(byte & 0xF)])
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
