import Foundation
import PostgresNIO
import Testing
import VigieIngest
import VigieModel
import VigieStorage
import VigieTestSupport

/// Comments linked to their post by URL for one batch, whichever came first.
@Suite("Linking a batch's comments")
struct LinkParentsTests {
    static func post(_ url: String, _ body: String, parent: String? = nil) -> NewPost {
        let record = ImportRecord(
            url: url, title: "t", body: body, kind: parent == nil ? .post : .comment, parentURL: parent)
        return NewPost(record: record, fingerprint: record.fingerprint, canonicalURL: record.canonicalURL)
    }

    static func parents(_ database: Database) async throws -> [String: Int64?] {
        let rows = try await database.client.query(
            "SELECT c.url, c.parent_id FROM posts c WHERE c.kind = 'comment'", logger: database.logger)
        var parents: [String: Int64?] = [:]
        for try await (url, parent) in rows.decode((String, Int64?).self) { parents[url] = parent }
        return parents
    }

    @Test("a comment stored before its post is linked when the post comes; other orphans are left alone")
    func commentFirst() async throws {
        try await TestDatabase.with { database in
            let posts = PostStore(database)
            let comment = Self.post("https://b.example/1#c1", "premier commentaire", parent: "https://b.example/1")
            let orphan = Self.post("https://b.example/9#c1", "orphelin", parent: "https://b.example/9")
            _ = try await posts.insert([comment, orphan])
            #expect(try await posts.linkParents(touching: ["https://b.example/1#c1"]) == 0)  // no post yet
            let parent = Self.post("https://b.example/1", "le billet")
            _ = try await posts.insert([parent])
            // The post 9 exists too, but is not in the batch: its comment waits for a full pass.
            _ = try await posts.insert([Self.post("https://b.example/9", "un autre billet")])
            #expect(try await posts.linkParents(touching: ["https://b.example/1"]) == 1)
            let linked = try await Self.parents(database)
            #expect(linked["https://b.example/1#c1"]! != nil && linked["https://b.example/9#c1"]! == nil)
            #expect(try await posts.linkParents(touching: ["https://b.example/1"]) == 0)
            #expect(try await posts.linkParents(touching: []) == 0)
        }
    }
}
