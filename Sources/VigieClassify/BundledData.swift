/// Data files loaded once per process and shared by every classifier.
struct BundledData: Sendable {
    let language: LanguageModel
    let sentiment: SentimentAnalyzer
    let taxonomy: Taxonomy

    private static let cached: Result<BundledData, any Error> = Result {
        BundledData(language: try LanguageModel(), sentiment: try SentimentAnalyzer(), taxonomy: try Taxonomy.bundled())
    }

    static func load() throws -> BundledData { try cached.get() }
}
