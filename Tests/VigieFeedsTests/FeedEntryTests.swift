import Foundation
import Testing

@testable import VigieFeeds

/// The entry model: its categories are kept as a first one and the others, which must not
/// show through its public list, its equality or its JSON.
@Suite struct FeedEntryTests {
    @Test func categoriesReadAsTheyWereAppended() {
        var entry = FeedEntry()
        #expect(entry.categories.isEmpty)
        entry.appendCategory("marque")
        #expect(entry.categories == ["marque"])
        entry.appendCategory("crise")
        entry.appendCategory("marque")
        entry.appendCategory("")
        #expect(entry.categories == ["marque", "crise", "marque", ""])
        entry.removeDuplicateCategories()
        #expect(entry.categories == ["marque", "crise"])

        var empty = FeedEntry()
        empty.appendCategory("")
        empty.removeDuplicateCategories()
        #expect(empty.categories.isEmpty)
        #expect(empty == FeedEntry())
    }

    @Test func entriesWithTheSameCategoriesAreEqualHoweverMade() throws {
        var appended = FeedEntry(title: "Titre")
        appended.appendCategory("a")
        appended.appendCategory("b")
        let assigned = FeedEntry(title: "Titre", categories: ["a", "b"])
        var reassigned = FeedEntry(title: "Titre", categories: ["x"])
        reassigned.categories = ["a", "b"]
        #expect(appended == assigned)
        #expect(assigned == reassigned)
        #expect(appended.hashValue == reassigned.hashValue)
        var cleared = assigned
        cleared.categories = []
        #expect(cleared == FeedEntry(title: "Titre"))
        #expect(cleared != assigned)

        let json = try JSONEncoder().encode(appended)
        let decoded = try JSONDecoder().decode(FeedEntry.self, from: json)
        #expect(decoded == appended)
        #expect(decoded.categories == ["a", "b"])
        let none = try JSONEncoder().encode(FeedEntry(title: "Titre"))
        #expect(!String(decoding: none, as: UTF8.self).contains("categories"))
    }
}
