import Foundation
import VigieSources

/// The recorded responses in `Fixtures/`.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func body(_ name: String, url: String, contentType: String? = nil, status: Int = 200) throws -> FetchedBody {
        FetchedBody(status: status, url: url, contentType: contentType, body: try bytes(name))
    }

    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}
