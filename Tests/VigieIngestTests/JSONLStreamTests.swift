import Foundation
import Testing
import VigieIngest
import VigieModel

@Suite("JSONL streaming and the lines PostgreSQL would refuse")
struct JSONLStreamTests {
    /// A reader fed `bytes` in chunks of `chunkSize`.
    static func reader(_ bytes: [UInt8], chunkSize: Int, path: String = "/in/feed.jsonl", now: Date = Date()) -> JSONLReader {
        var position = 0
        return JSONLReader(path: path, now: now) {
            guard position < bytes.count else { return nil }
            defer { position = min(position + chunkSize, bytes.count) }
            return Array(bytes[position..<min(position + chunkSize, bytes.count)])
        }
    }

    static func readAll(_ reader: inout JSONLReader, maxRecords: Int = 3) throws -> (records: [ImportRecord], lines: [Int], issues: [ImportIssue]) {
        var records: [ImportRecord] = [], lines: [Int] = [], issues: [ImportIssue] = []
        while let batch = try reader.next(maxRecords: maxRecords) {
            records += batch.records
            lines += batch.lines
            issues += batch.issues
        }
        return (records, lines, issues)
    }

    @Test("lines cut across chunks of any size read as the whole input does", arguments: [1, 2, 7, 64, 1 << 20])
    func chunkBoundaries(chunkSize: Int) throws {
        let text = (1...20).map { #"{"body": "billet \#($0) é"}"# }.joined(separator: "\r\n") + "\n\n"
        var whole = JSONLReader(data: Data(text.utf8), path: "/in/feed.jsonl")
        var chunked = Self.reader(Array(text.utf8), chunkSize: chunkSize)
        let expected = try Self.readAll(&whole)
        let got = try Self.readAll(&chunked)
        #expect(got.records.map(\.body) == (1...20).map { "billet \($0) é" })
        #expect(got.records == expected.records)
        #expect(got.lines == Array(1...20))
        #expect(got.issues.isEmpty)
    }

    @Test("a line over the limit is skipped without being kept, the next line is read")
    func overlongLine() throws {
        let long = #"{"body": ""# + String(repeating: "a", count: ImportLimits.maximumLineBytes + 10) + #""}"#
        let text = [#"{"body": "avant"}"#, long, #"{"body": "après"}"#].joined(separator: "\n")
        var reader = Self.reader(Array(text.utf8), chunkSize: 1 << 20)
        let got = try Self.readAll(&reader)
        #expect(got.records.map(\.body) == ["avant", "après"])
        #expect(got.lines == [1, 3])
        #expect(got.issues.map(\.description) == ["/in/feed.jsonl:2: line longer than 8388608 bytes (8 MiB)"])
    }

    @Test("NUL, invalid UTF-8, an over-long body or url are refused by line; odd dates are dropped with a warning")
    func refusedLines() throws {
        var bytes: [UInt8] = []
        func line(_ text: String) { bytes += Array(text.utf8) + [0x0A] }
        let now = Timestamp.parse("2026-12-07T12:00:00Z")!
        line(#"{"body": "bon 1"}"#)  // 1
        bytes += Array(#"{"body": "nul brut "#.utf8) + [0] + Array(#""}"#.utf8) + [0x0A]  // 2
        line(#"{"body": "nul échappé \u0000 ici"}"#)  // 3
        bytes += Array(#"{"body": "latin-1 "#.utf8) + [0xE9] + Array(#""}"#.utf8) + [0x0A]  // 4
        line(#"{"body": "\#(String(repeating: "b", count: ImportLimits.maximumBodyBytes + 1))"}"#)  // 5
        line(#"{"body": "daté de 1970", "published_at": "1970-01-01T00:00:00Z"}"#)  // 6
        line(#"{"body": "daté de demain soir", "published_at": "2026-12-09"}"#)  // 7
        line(#"{"body": "url", "url": "https://a.example/\#(String(repeating: "x", count: 3000))"}"#)  // 8
        line(#"{"body": "daté d'hier", "published_at": "2026-12-06"}"#)  // 9
        line(#"{"kind": "tweet", "body": "x"}"#)  // 10
        line(#"{"body": null}"#)  // 11
        var reader = Self.reader(bytes, chunkSize: 4096, now: now)
        let got = try Self.readAll(&reader)
        #expect(got.records.map(\.body) == ["bon 1", "daté de 1970", "daté de demain soir", "daté d'hier"])
        #expect(got.lines == [1, 6, 7, 9])
        #expect(got.records.map(\.publishedAt) == [nil, nil, nil, Timestamp.parse("2026-12-06")])
        let problems = got.issues.filter { !$0.isWarning }.map(\.description)
        #expect(problems == [
            "/in/feed.jsonl:2: a NUL character, which PostgreSQL cannot store",
            "/in/feed.jsonl:3: field 'body' holds a NUL character (\\u0000), which PostgreSQL cannot store",
            "/in/feed.jsonl:4: not valid UTF-8 (convert the file to UTF-8)",
            "/in/feed.jsonl:5: body of 1048577 bytes, over the limit of 1048576 (1 MiB)",
            "/in/feed.jsonl:8: field 'url' of 3018 bytes, over the limit of 2048",
            "/in/feed.jsonl:10: field 'kind': 'tweet' is not one of post, comment, pingback",
            "/in/feed.jsonl:11: field 'body' must not be null",
        ])
        let warnings = got.issues.filter(\.isWarning).map(\.description)
        #expect(warnings == [
            "/in/feed.jsonl:6: published_at 1970-01-01T00:00:00Z is before 1990: stored with its collection time instead",
            "/in/feed.jsonl:7: published_at 2026-12-09T00:00:00Z is more than a day in the future: stored with its collection time instead",
        ])
    }

    @Test("batches stop at a byte budget as well as a record count")
    func byteBudget() throws {
        let body = String(repeating: "m", count: 1000)
        let text = (1...50).map { #"{"body": "\#(body) \#($0)"}"# }.joined(separator: "\n")
        var reader = Self.reader(Array(text.utf8), chunkSize: 10_000)
        var sizes: [Int] = []
        while let batch = try reader.next(maxRecords: 1_000, maxBytes: 10_000) { sizes.append(batch.records.count) }
        #expect(sizes.reduce(0, +) == 50)
        #expect(sizes.allSatisfy { $0 <= 10 })
    }
}
