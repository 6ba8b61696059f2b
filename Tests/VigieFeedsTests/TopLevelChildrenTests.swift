import Testing

@testable import VigieFeeds

/// The builder's list of top-level elements gives every element the same children, in the
/// same order, as the chain of siblings does, with their namespaces and record names.
@Suite struct TopLevelChildrenTests {
    static func sameChildren(_ xml: [UInt8]) throws -> Bool {
        let input = InputDecoder.decode(xml, contentType: nil)
        let document = try XMLDocument.parse(input.bytes, options: .default, diagnostics: Diagnostics())
        for node in document.nodes.indices {
            let listed = Array(document.topLevelChildren(node))
            let chained = Array(document.children(node))
            guard listed.map(\.node) == chained else { return false }
            for child in listed
            where child.ns != document.nodes[child.node].ns || child.record != expectedRecord(document, child.node) {
                return false
            }
        }
        return true
    }

    /// The record name told from the element's name, without ``XMLDocument/recordName(_:)``.
    static func expectedRecord(_ document: XMLDocument, _ node: Int) -> XMLDocument.RecordName {
        switch document.localName(node) {
        case "item": .item
        case "entry": .entry
        default: .other
        }
    }

    @Test(arguments: FixtureCase.all.filter { $0.error == nil })
    func fixturesReadTheSameChildren(_ fixture: FixtureCase) throws {
        #expect(try Self.sameChildren(fixture.inputBytes))
    }

    @Test func itemsBesideAndInsideTheChannelAndNamesThatLookLikeThem() throws {
        let xml = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">\
            <item><title>Before</title><link>a</link></item>\
            <channel><title>C</title><item><title>Inside</title></item><items><li/></items></channel>\
            <entry><title>E</title><entry><id>nested</id></entry></entry>\
            <item><title>After</title><description>d</description></item><textinput><title>T</title></textinput>\
            </rdf:RDF>
            """
        #expect(try Self.sameChildren(Array(xml.utf8)))
        let unclosed = "<rss><channel><title>x</title><item><title>a</title><item><title>b</title></channel>"
        #expect(try Self.sameChildren(Array(unclosed.utf8)))
    }
}
