import Foundation
import VigieModel

/// Decoding a service's JSON answer, with one clear line for what is wrong with it.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, _ body: FetchedBody, _ kind: SourceKind) throws(AdapterError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.body))
        } catch let error as DecodingError {
            throw AdapterError(kind, describe(error))
        } catch {
            throw AdapterError(kind, "unreadable JSON (\(error))")
        }
    }

    /// Whether the answer looks like JSON at all: an HTML error page or a feed does not.
    static func looksLikeJSON(_ body: FetchedBody) -> Bool {
        let first = body.body.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            guard !codingPath.isEmpty else { return "the answer" }
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return "'" + text + "'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(article(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(article(type))"
        case .keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing in \(path(context.codingPath))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the answer is not JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "unreadable JSON"
        }
    }

    private static func article(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        switch name {
        case "String": return "a string"
        case "Int", "Int64", "Double": return "a number"
        case "Bool": return "a boolean"
        default: return "an object"
        }
    }
}
