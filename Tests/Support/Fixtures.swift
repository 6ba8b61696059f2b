import Foundation
import VigieModel

/// Small known datasets for the storage, worker and API tests.
public enum Fixtures {
    public static func date(_ text: String) -> Date { Timestamp.parse(text)! }

    /// Writes `lines` to a new temporary file and returns its path.
    public static func file(_ name: String, _ lines: [String]) throws -> String {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vigie-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url.path
    }

    public static func jsonLine(_ record: ImportRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(record), as: UTF8.self)
    }

    public static let acme = Brand(name: "Acme", query: "\"Acme\"")
    public static let globex = Brand(name: "Globex", query: "\"Globex\"")

    /// Posts whose sentiment is unambiguous, on known days.
    /// Acme: 2014-03-03 two positive + one negative, 2014-03-05 one negative, 2014-03-10 one neutral.
    /// Globex: 2014-03-05 one positive. One post mentions no brand.
    public static let trendRecords: [ImportRecord] = [
        ImportRecord(url: "https://blog.example/1", title: "Merci Acme", publishedAt: date("2014-03-03T09:15:00Z"), lang: "fr",
                     body: "J'adore Acme, le service client est excellent et très rapide. Merci beaucoup !"),
        ImportRecord(url: "https://blog.example/2", title: "Acme au top", publishedAt: date("2014-03-03T18:40:00Z"), lang: "fr",
                     body: "Super expérience avec Acme, je recommande vivement, parfait."),
        ImportRecord(url: "https://blog.example/3", title: "Acme déçoit", publishedAt: date("2014-03-03T21:05:00Z"), lang: "fr",
                     body: "Acme est nul, service horrible, je suis très déçu et furieux. Une honte."),
        ImportRecord(url: "https://blog.example/4", title: "Panne chez Acme", publishedAt: date("2014-03-05T07:00:00Z"), lang: "en",
                     body: "Acme is terrible. The worst service ever, awful and broken again. I hate it."),
        ImportRecord(url: "https://blog.example/5", title: "Horaires Acme", publishedAt: date("2014-03-10T12:00:00Z"), lang: "fr",
                     body: "Acme publie les horaires de ses agences pour le mois d'avril."),
        ImportRecord(url: "https://blog.example/6", title: "Globex", publishedAt: date("2014-03-05T10:00:00Z"), lang: "en",
                     body: "Globex is excellent, I love their great support. Thank you!"),
        ImportRecord(url: "https://blog.example/7", title: "Sans marque", publishedAt: date("2014-03-05T11:00:00Z"), lang: "fr",
                     body: "Il pleut sur Paris ce matin."),
    ]
}
