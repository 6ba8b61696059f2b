import Testing
import VigieClassify

@testable import vigie_bench

/// The classifier on the benchmark's corpus: what `vigie-bench classify` measures in-process.
@Suite struct ClassifierBenchmarkTests {
    @Test func classificationIsDeterministicAndConcurrent() async throws {
        let classifier = try Classifier(brands: ClassifierBenchmark.brandRules(count: 50))
        let posts = ClassifierBenchmark.posts(count: 40)
        let serial = posts.map { classifier.classify($0) }
        let parallel = await withTaskGroup(of: (Int, ClassificationResult).self) { group in
            for (k, post) in posts.enumerated() { group.addTask { (k, classifier.classify(post)) } }
            var out = [ClassificationResult?](repeating: nil, count: posts.count)
            for await (k, r) in group { out[k] = r }
            return out.compactMap { $0 }
        }
        #expect(parallel == serial)
    }

    @Test func benchmarkReportsThroughput() {
        let report = ClassifierBenchmark.run(posts: 200, brandCount: 50)
        #expect(report.posts == 200)
        #expect(report.brandQueries == 50)
        #expect(report.postsPerSecond > 0)
        #expect(report.averagePostBytes >= 900 && report.averagePostBytes <= 1200)
        #expect(report.brandMatches > 0)
        #expect(report.categoryMatches > 0)
    }
}
