import Foundation
import VigieModel

/// The sample bundled with Vigie: French blog posts and pingbacks derived from the user's
/// sample pages (see `Resources/PROVENANCE.md`), and the brands they mention.
public enum SampleCorpus {
    /// The bundled corpus decoded, in file order.
    public static func records() throws -> [ImportRecord] {
        let data = try jsonl()
        let decoder = JSONDecoder()
        var records: [ImportRecord] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                records.append(try decoder.decode(ImportRecord.self, from: Data(line)))
            } catch {
                throw SampleCorpusError.malformedRecord(line: lineNumber, reason: String(describing: error))
            }
        }
        return records
    }

    /// The bundled corpus as JSONL bytes, one `ImportRecord` per line.
    public static func jsonl() throws -> Data {
        try resource("sample-corpus", "jsonl")
    }

    /// The brands the sample corpus mentions, with their queries and aliases.
    public static func brands() throws -> [Brand] {
        let data = try resource("brands", "json")
        do {
            return try JSONDecoder().decode([Brand].self, from: data)
        } catch {
            throw SampleCorpusError.malformedBrands(reason: String(describing: error))
        }
    }

    static func resource(_ name: String, _ ext: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
        else {
            throw SampleCorpusError.missingResource("\(name).\(ext)")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SampleCorpusError.unreadableResource("\(name).\(ext)", reason: String(describing: error))
        }
    }
}
