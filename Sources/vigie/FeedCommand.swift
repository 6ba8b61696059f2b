import ArgumentParser
import Foundation
import VigieCommandLine
import VigieFeeds

/// `vigie feed`: read feeds from files, outside any database, to see what Vigie reads.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Parse feeds from files.",
        subcommands: [Parse.self]
    )

    struct Parse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a feed file (RSS, Atom or JSON Feed) as normalized JSON.",
            discussion: """
                Warnings go to standard error. The exit status is 0 whenever anything could be \
                parsed, even from an ill-formed feed ("bozo": true); 1 when nothing could.
                """
        )

        @Argument(help: "The feed file, or - for standard input.")
        var file: String

        @Option(help: "The URL the feed was fetched from, to resolve relative links.")
        var url: String?

        @Option(name: .customLong("content-type"), help: "The HTTP Content-Type it was served with, for its charset.")
        var contentType: String?

        @Option(name: .customLong("max-bytes"), help: "Refuse input larger than this many bytes.")
        var maxBytes: Int = FeedParser.Options.default.maxBytes

        func validate() throws {
            guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
        }

        func run() async throws {
            var bytes: [UInt8]
            do {
                bytes = try readInput()
            } catch let error as InputTooLarge {
                printError("error: \(file): input exceeds \(error.limit) bytes")
                throw ExitCode(ExitStatus.badInput.rawValue)
            } catch {
                printError("error: \(file): \(readFailure())")
                if file.hasPrefix("http://") || file.hasPrefix("https://") {
                    printError(
                        "hint: vigie feed parse reads a saved feed; save this one first, for example with "
                            + "curl -sL -o feed.xml '\(file)' && vigie feed parse feed.xml --url '\(file)'")
                }
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            let options = FeedParser.Options(maxBytes: maxBytes)
            let feed: ParsedFeed
            do {
                feed = try FeedParser.parse(bytes, url: url, contentType: contentType, options: options)
            } catch {
                printError("error: \(file): \(error.description) (\(error.code))")
                if error.code == .notAFeed {
                    for feed in FeedDiscovery.alternateFeeds(inHTML: bytes, url: url) {
                        printError("hint: this page announces a feed at \(feed)")
                    }
                }
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            // The input is no longer needed: free it before the JSON is built.
            bytes = []
            for warning in feed.warnings {
                printError("warning: \(warning)")
            }
            try feed.writeJSON { FileHandle.standardOutput.write($0) }
            FileHandle.standardOutput.write(Data("\n".utf8))
        }

        /// Why the input could not be read, as a person would want to be told.
        private func readFailure() -> String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return "no such file" }
            return isDirectory.boolValue ? "is a directory, not a feed file" : "cannot read the file"
        }

        private struct InputTooLarge: Error {
            let limit: Int
        }

        /// Reads at most one byte more than the limit, so an oversized input is refused
        /// without being held in memory.
        private func readInput() throws -> [UInt8] {
            let handle: FileHandle
            if file == "-" {
                handle = FileHandle.standardInput
            } else {
                handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            }
            defer { if file != "-" { try? handle.close() } }
            var data = Data()
            while data.count <= maxBytes {
                guard let chunk = try handle.read(upToCount: min(1 << 20, maxBytes + 1 - data.count)), !chunk.isEmpty
                else { break }
                data.append(chunk)
            }
            if data.count > maxBytes { throw InputTooLarge(limit: maxBytes) }
            return [UInt8](data)
        }
    }
}

private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
