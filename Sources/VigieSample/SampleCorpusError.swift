/// Why the bundled sample could not be read. Each case names the resource or line at fault.
public enum SampleCorpusError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingResource(String)
    case unreadableResource(String, reason: String)
    case malformedRecord(line: Int, reason: String)
    case malformedBrands(reason: String)
    case malformedDemoSite(reason: String)

    public var description: String {
        switch self {
        case .missingResource(let name):
            "sample: bundled resource \(name) is missing"
        case .unreadableResource(let name, _):
            "sample: unable to read bundled resource \(name)"
        case .malformedRecord(let line, _):
            "sample: sample-corpus.jsonl line \(line) is not a valid import record"
        case .malformedBrands:
            "sample: brands.json is not a list of brand definitions"
        case .malformedDemoSite(let reason):
            "sample: demo-site.json is not the demo site's content: \(reason)"
        }
    }
}
