import Foundation
import FoundationXML

/// Foundation's `XMLParser` (libxml2 underneath) with a delegate that does nothing: the
/// speed of the stock Swift XML tokenizer on the benchmark's bytes, to set Vigie's parser
/// and tokenizer beside.
enum FoundationXMLBaseline {
    /// Best time, in seconds of the thread's CPU time, of `iterations` runs over `bytes`.
    static func seconds(_ bytes: [UInt8], iterations: Int, minimumEvents: Int) -> Double {
        let data = Data(bytes)
        var best = Double.infinity
        for _ in 0..<max(1, iterations) {
            let start = BenchmarkClock.now()
            let parser = XMLParser(data: data)
            let delegate = NullDelegate()
            parser.delegate = delegate
            parser.shouldProcessNamespaces = true
            // Past 10 MB libxml2 (without XML_PARSE_HUGE, which XMLParser does not set)
            // reports an error at the very end, after delivering every event: the time is
            // that of the whole document either way.
            _ = parser.parse()
            best = min(best, BenchmarkClock.seconds(since: start))
            precondition(delegate.events >= minimumEvents, "XMLParser stopped early on the benchmark feed")
        }
        return best
    }

    private final class NullDelegate: NSObject, XMLParserDelegate {
        var events = 0

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            events += 1
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            events += 1
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            events += 1
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            events += 1
        }
    }
}
