import ArgumentParser
import Foundation
import VigieCommandLine
import VigieModel
import VigieSample

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic corpus as JSONL (for 'vigie import' and load tests).",
        discussion: "Deterministic for a seed. French mostly, with English, German and Spanish; spikes, seasonality and sentiment drift per brand.")

    @Option(help: "Number of records.") var count = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "First day (YYYY-MM-DD).") var from = "2012-01-01"
    @Option(help: "Day after the last (YYYY-MM-DD).") var to = "2016-01-01"
    @Option(help: "Output file (default: standard output).") var output: String?

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must not be negative") }
        guard let f = Timestamp.parse(from), let t = Timestamp.parse(to), f < t else {
            throw ValidationError("--from and --to must be dates (YYYY-MM-DD) with from before to")
        }
    }

    func run() async throws {
        let generator = SyntheticCorpus(
            seed: seed, brands: try SampleCorpus.brands(), start: Timestamp.parse(from)!, end: Timestamp.parse(to)!)
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                let h = FileHandle(forWritingAtPath: output)
            else { throw CLIError(.cannotWrite, "cannot write \(output)") }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        try generator.write(count: count, to: handle)
    }
}
