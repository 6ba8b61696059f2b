import Foundation
import Testing

@testable import VigieFeeds

@Suite struct FeedCorpusTests {
    @Test(arguments: FixtureCase.all)
    func fixtureParsesToExpectedJSON(_ fixture: FixtureCase) throws {
        if let code = fixture.error {
            #expect(throws: FeedError.self) { try fixture.parse() }
            do {
                _ = try fixture.parse()
            } catch let error as FeedError {
                #expect(error.code.description == code)
            }
            return
        }
        let parsed = try fixture.parse()
        var json = String(decoding: try parsed.jsonData(), as: UTF8.self)
        json += "\n"
        let expected = try fixture.expectedJSON
        #expect(json == expected, "\(fixture.name) differs from \(fixture.name).expected.json")
        // The printed JSON reads back to the same value.
        let decoded = try JSONDecoder().decode(ParsedFeed.self, from: Data(expected.utf8))
        #expect(decoded.entries.count == parsed.entries.count)
        #expect(decoded.format == parsed.format)
    }

    @Test func corpusCoversEveryFormat() throws {
        var formats: Set<FeedFormat> = []
        for fixture in FixtureCase.all where fixture.error == nil {
            if let format = try fixture.parse().format { formats.insert(format) }
        }
        #expect(formats == Set(FeedFormat.allCases))
    }

    @Test func formatComesFromContentNotFromDeclaredType() throws {
        let fixture = try #require(FixtureCase.all.first { $0.name == "atom03" })
        let misleading = try FeedParser.parse(try fixture.inputBytes, contentType: "application/json")
        #expect(misleading.format == .atom03)
        let json = try #require(FixtureCase.all.first { $0.name == "jsonfeed10" })
        #expect(try FeedParser.parse(try json.inputBytes, contentType: "application/rss+xml").format == .jsonfeed)
    }

    @Test func derivedIDsAreStableAndDistinct() throws {
        let fixture = try #require(FixtureCase.all.first { $0.name == "ids-authors-media" })
        let first = try fixture.parse()
        let second = try fixture.parse()
        let ids = first.entries.compactMap(\.id)
        #expect(ids.count == first.entries.count)
        #expect(Set(ids).count == ids.count)
        #expect(ids == second.entries.compactMap(\.id))
        #expect(ids.allSatisfy { $0.string.hasPrefix("urn:sha256:") })
        // Reformatting the XML does not change a derived id.
        var text = String(decoding: try fixture.inputBytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\n      ", with: "\n\t\t")
        let reformatted = try FeedParser.parse(Array(text.utf8))
        #expect(reformatted.entries.compactMap(\.id) == ids)
    }

    @Test func blankLinesBeforeTheDeclarationAreRecovered() throws {
        let xml =
            "\n\n<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title><item><title>x</title></item></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.bozo)
        #expect(feed.warnings == ["xml: XML declaration not at the start of the document"])
        #expect(feed.entries.map(\.title) == ["x"])
        #expect(!(try FeedParser.parse(Array(xml.drop(while: \.isNewline).utf8))).bozo)
    }

    @Test func relativeLinksNeedABase() throws {
        let fixture = try #require(FixtureCase.all.first { $0.name == "rss-relative-links" })
        let withoutURL = try FeedParser.parse(try fixture.inputBytes)
        #expect(withoutURL.entries.first?.link == "/posts/un.html")
        let withURL = try fixture.parse()
        #expect(withURL.entries.first?.link == "https://rel.example.org/posts/un.html")
    }

    @Test func httpCharsetIsNeededForUndeclaredLatin1() throws {
        let fixture = try #require(FixtureCase.all.first { $0.name == "encoding-http-header" })
        // Without the header the bytes are not UTF-8: recovered, but flagged.
        let guessed = try FeedParser.parse(try fixture.inputBytes)
        #expect(guessed.bozo)
        #expect(guessed.entries.first?.title == "Où est passé le café ?")
        let declared = try fixture.parse()
        #expect(!declared.bozo)
    }
}

@Suite struct FeedDiscoveryTests {
    @Test func webPageAnnouncesItsFeeds() {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Blog</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Flux" href="/feed/">
            <link rel="alternate" type="application/atom+xml" href="https://blog.example.fr/atom.xml">
            <link rel="alternate" hreflang="en" href="/en/">
            <link rel="alternate" type="application/rss+xml" href="/comments/feed/">
            </head><body><p>Bonjour<br>le monde</body></html>
            """
        #expect(
            FeedDiscovery.alternateFeeds(inHTML: Array(html.utf8), url: "https://blog.example.fr/2024/03/page.html")
                == [
                    "https://blog.example.fr/feed/", "https://blog.example.fr/atom.xml",
                    "https://blog.example.fr/comments/feed/",
                ])
        #expect(FeedDiscovery.alternateFeeds(inHTML: Array("<html><p>rien</p></html>".utf8)).isEmpty)
    }
}
