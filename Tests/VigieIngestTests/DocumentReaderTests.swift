import Foundation
import Testing
import VigieIngest
import VigieModel

@Suite("Local documents")
struct DocumentReaderTests {
    @Test("JSONL: good lines become records, bad ones issues with their line number")
    func jsonlLines() throws {
        let text = """
            {"body": "Premier billet", "title": "Un", "published_at": "2014-03-05", "kind": "post"}
            {"body": 42}

            {"title": "sans corps"}
            {"body": "Un commentaire", "kind": "comment", "parent_url": "https://b.example/1"}
            {"body": "x", "kind": "review"}
            {"body": "   "}
            """
        var reader = JSONLReader(data: Data(text.utf8), path: "/data/blog/in.jsonl")
        var records: [ImportRecord] = []
        var issues: [ImportIssue] = []
        while let batch = try reader.next(maxRecords: 2) {
            records += batch.records
            issues += batch.issues
        }
        #expect(records.map(\.body) == ["Premier billet", "Un commentaire"])
        #expect(records[0].publishedAt == Timestamp.parse("2014-03-05T00:00:00Z"))
        #expect(records[1].kind == .comment)
        #expect(records[0].source == "blog")
        #expect(issues.map(\.line) == [2, 4, 6, 7])
        #expect(issues[1].description == "/data/blog/in.jsonl:4: missing field 'body'")
        #expect(issues[2].message == "field 'kind': 'review' is not one of post, comment, pingback")
        #expect(issues[3].message == "empty body")
    }

    @Test("plain text: first line is the title")
    func plainText() throws {
        let result = DocumentReader.records(
            from: Data("\n  Le titre  \n\nLe corps.\nSuite.\n".utf8), path: "/tmp/blog/note.txt", format: .text)
        let record = try #require(result.records.first)
        #expect(record.title == "Le titre")
        #expect(record.body == "Le corps.\nSuite.")
        #expect(record.source == "blog")
        #expect(record.url == "file:///tmp/blog/note.txt")
    }

    @Test("HTML: title from <title>, text without markup or scripts")
    func html() throws {
        let html = "<html><head><title>Avis &eacute;clair&eacute;</title><script>var x = 1;</script></head><body><h1>Avis</h1><p>Tr&egrave;s bon service.</p></body></html>"
        let record = try #require(DocumentReader.records(from: Data(html.utf8), path: "a.html", format: .html).records.first)
        #expect(record.title == "Avis éclairé")
        #expect(record.body.contains("Très bon service."))
        #expect(!record.body.contains("var x"))
        #expect(!record.body.contains("<p>"))
    }

    @Test("Latin-1 text is decoded, binary is refused")
    func encodings() {
        let latin1 = Data([0x54, 0x69, 0x74, 0x72, 0x65, 0x0A, 0x64, 0xE9, 0x63, 0x75])  // "Titre\ndécu"
        #expect(DocumentReader.records(from: latin1, path: "l.txt", format: .text).records.first?.body == "décu")
        let binary = Data([0x00, 0xFF, 0x00, 0xFE, 0x01])
        #expect(DocumentReader.records(from: binary, path: "b.txt", format: .text).issues.count == 1)
    }

    @Test("formats are chosen by extension")
    func formats() {
        #expect(DocumentFormat(path: "a.JSONL") == .jsonl)
        #expect(DocumentFormat(path: "a.ndjson") == .jsonl)
        #expect(DocumentFormat(path: "a.htm") == .html)
        #expect(DocumentFormat(path: "a.md") == .text)
        #expect(DocumentFormat(path: "a.pdf") == nil)
    }

    @Test("fingerprints: same post once, comments told apart by author and parent")
    func fingerprints() {
        let a = ImportRecord(title: "T", body: "Un  texte\nidentique")
        let b = ImportRecord(title: "T", body: "<p>Un texte identique</p>")
        #expect(a.fingerprint == b.fingerprint)
        let c1 = ImportRecord(author: "Anne", body: "Merci !", kind: .comment, parentURL: "https://b.example/1")
        let c2 = ImportRecord(author: "Paul", body: "Merci !", kind: .comment, parentURL: "https://b.example/1")
        let c3 = ImportRecord(author: "Anne", body: "Merci !", kind: .comment, parentURL: "https://b.example/2")
        let c1again = ImportRecord(author: "Anne", body: "Merci !", kind: .comment, parentURL: "https://B.example/1#top")
        #expect(Set([c1.fingerprint, c2.fingerprint, c3.fingerprint]).count == 3)
        #expect(c1.fingerprint == c1again.fingerprint)
    }
}
