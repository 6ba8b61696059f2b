import Foundation
import Testing
import VigieAPI

@Suite("Problem types")
struct ProblemTypeTests {
    @Test("each problem kind has its own type URI, and the README lists it with its status")
    func documented() throws {
        let kinds = Problem.Kind.all
        #expect(Set(kinds.map(\.type)).count == kinds.count)
        let readme = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for kind in kinds {
            #expect(kind.type.hasPrefix(Problem.Kind.base))
            #expect(text.contains("| `\(kind.type)` | \(kind.status.code) |"), "\(kind.type)")
        }
    }
}
