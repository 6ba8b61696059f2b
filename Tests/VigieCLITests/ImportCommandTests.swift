import Foundation
import Testing
import VigieStorage
import VigieTestSupport

@Suite("vigie import")
struct ImportCommandTests {
    @Test("- reads standard input; bad lines are named by line, warnings do not fail the import")
    func standardInput() async throws {
        let settings = try await TestDatabase.fresh(label: "importcli")
        let environment = settings.environment
        let input = [
            #"{"url": "https://stdin.example/1", "body": "Premier billet lu sur l'entrée standard."}"#,
            #"{"kind": "tweet", "body": "Un gazouillis."}"#,
            #"{"body": "Daté de l'époque Unix.", "published_at": "1970-01-01T00:00:00Z"}"#,
            #"{"title": "sans corps"}"#,
        ].joined(separator: "\n")
        let run = try CommandLineTests.vigie(["import", "-"], environment: environment, stdin: input)
        #expect(run.status == 1, "a skipped line makes the status 1: \(run.stderr)")
        #expect(run.stdout.contains("imported 2 new posts"), "\(run.stdout)")
        #expect(run.stderr.contains("vigie: standard input:2: field 'kind': 'tweet' is not one of post, comment, pingback"), "\(run.stderr)")
        #expect(run.stderr.contains("vigie: standard input:3: published_at 1970-01-01T00:00:00Z is before 1990"))
        #expect(run.stderr.contains("vigie: standard input:4: missing field 'body'"))
        #expect(!run.stderr.contains("Cannot initialize"))

        let warningOnly = try CommandLineTests.vigie(
            ["import", "-"], environment: environment,
            stdin: #"{"body": "Daté de demain, en l'an 3000.", "published_at": "3000-01-01"}"# + "\n")
        #expect(warningOnly.status == 0, "a warning alone does not fail: \(warningOnly.stderr)")
        #expect(warningOnly.stdout.contains("imported 1 new posts"))
        #expect(warningOnly.stderr.contains("standard input:1: published_at 3000-01-01T00:00:00Z is more than a day in the future"))

        let total = try await Database.withDatabase(settings, logger: TestDatabase.logger) { database in
            try await PostStore(database).counts().total
        }
        #expect(total == 3)
        try await TestDatabase.drop(settings)
    }

    @Test("off a terminal, a long import prints plain progress lines at the interval")
    func plainProgress() async throws {
        let settings = try await TestDatabase.fresh(label: "importprogress")
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["import", "--progress-interval", "1", "-"]
        process.environment = ProcessInfo.processInfo.environment.merging(settings.environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
        try process.run()
        func send(_ range: ClosedRange<Int>) {
            let lines = range.map { #"{"body": "Billet \#($0), envoyé peu à peu."}"# + "\n" }.joined()
            input.fileHandleForWriting.write(Data(lines.utf8))
        }
        // A first batch, then a pause longer than the interval before the rest: the second
        // batch is stored after the interval, and its progress is printed as a plain line.
        send(1...1_500)
        try await Task.sleep(for: .milliseconds(1_500))
        send(1_501...3_000)
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("imported 3000 new posts"), "\(stdout)")
        let progress = stderr.split(separator: "\n").filter { $0.hasPrefix("vigie: importing standard input: ") }
        #expect(!progress.isEmpty, "\(stderr)")
        #expect(!stderr.contains("\r"), "no line redrawn off a terminal")
        try await TestDatabase.drop(settings)
    }
}
