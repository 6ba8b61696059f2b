import Foundation
import Testing

@testable import VigieFeeds

/// The feed files in `Fixtures/`, written for Vigie, and what each must parse to.
///
/// `cases.json` lists each input with the URL and content type it is read with, and
/// either the error it must raise or, in `NAME.expected.json`, the exact JSON that
/// `vigie feed parse` prints for it.
struct FixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let url: String?
    let contentType: String?
    let error: String?

    private enum CodingKeys: String, CodingKey {
        case name, input, url
        case contentType = "content_type"
        case error
    }

    var testDescription: String { name }

    static let directory: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static let all: [FixtureCase] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("cases.json"))
        return try! JSONDecoder().decode([FixtureCase].self, from: data)
    }()

    var inputBytes: [UInt8] {
        get throws { [UInt8](try Data(contentsOf: FixtureCase.directory.appendingPathComponent(input))) }
    }

    var expectedJSON: String {
        get throws {
            String(
                decoding: try Data(contentsOf: FixtureCase.directory.appendingPathComponent(name + ".expected.json")),
                as: UTF8.self)
        }
    }

    func parse(options: FeedParser.Options = .default) throws -> ParsedFeed {
        try FeedParser.parse(try inputBytes, url: url, contentType: contentType, options: options)
    }
}
