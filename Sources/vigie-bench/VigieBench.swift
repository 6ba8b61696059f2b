import ArgumentParser

/// The benchmarks, in an executable of their own: the shipped `vigie` carries only what its
/// users run, and the feed benchmark's baseline, Foundation's `XMLParser`, brings in
/// FoundationXML and libxml2.
@main
struct VigieBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie-bench",
        abstract: "Vigie's benchmarks; each prints its own figures.",
        discussion: """
            Build them in release (make bench does) and compare the figures within one run, not \
            across machines: every measurement of a run is made under the same load.
            """,
        subcommands: [FeedBenchCommand.self, ClassifyBenchCommand.self, IngestBenchCommand.self, CollectBenchCommand.self]
    )
}
