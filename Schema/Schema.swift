import Foundation

/// The SQL migrations shipped with this build, in application order.
public enum SchemaFiles {
    public struct Migration: Sendable, Hashable {
        /// File name, e.g. `0001_init.sql`; its numeric prefix orders migrations.
        public let name: String
        public let sql: String

        public init(name: String, sql: String) {
            self.name = name
            self.sql = sql
        }
    }

    /// Every `NNNN_*.sql` file in the bundled `sql` folder, sorted by name.
    public static func all() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "sql", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "schema folder missing from bundle"])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            Migration(name: name, sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
