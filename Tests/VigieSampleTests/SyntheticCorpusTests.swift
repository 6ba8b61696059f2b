import Foundation
import Testing
import VigieModel
import VigieSample

@Suite("Synthetic corpus generator")
struct SyntheticCorpusTests {
    static let start = Timestamp.parse("2024-01-01")!
    static let end = Timestamp.parse("2025-01-01")!

    let brands: [Brand]

    init() throws {
        brands = try SampleCorpus.brands()
    }

    func corpus(seed: UInt64) -> SyntheticCorpus {
        SyntheticCorpus(seed: seed, brands: brands, start: Self.start, end: Self.end)
    }

    @Test func sameSeedSameRecords() {
        #expect(corpus(seed: 42).records(count: 3_000) == corpus(seed: 42).records(count: 3_000))
    }

    @Test func otherSeedOtherRecords() {
        let a = corpus(seed: 1).records(count: 500)
        let b = corpus(seed: 2).records(count: 500)
        #expect(a.map(\.body) != b.map(\.body))
        #expect(a.map(\.publishedAt) != b.map(\.publishedAt))
        #expect(corpus(seed: 1).crisis != corpus(seed: 2).crisis)
    }

    @Test(arguments: [0, 1, 7, 365, 5_000])
    func producesTheRequestedCount(_ count: Int) {
        #expect(corpus(seed: 7).records(count: count).count == count)
    }

    @Test func urlsAreUniqueAndRepliesAnswerEarlierPosts() throws {
        let records = corpus(seed: 3).records(count: 20_000)
        let urls = records.compactMap(\.url)
        #expect(urls.count == records.count)
        #expect(Set(urls).count == urls.count)
        var posts: [String: ImportRecord] = [:]
        for record in records {
            switch record.kind {
            case .post:
                #expect(record.parentURL == nil)
                #expect(record.title?.isEmpty == false)
                posts[record.url!] = record
            case .comment, .pingback:
                let parent = try #require(posts[record.parentURL ?? ""], "\(record.url!) answers no earlier post")
                #expect(parent.lang == record.lang)
                #expect(parent.source == record.source)
                #expect(record.publishedAt! >= parent.publishedAt!)
            }
        }
        let kinds = Dictionary(grouping: records, by: \.kind).mapValues(\.count)
        #expect(kinds[.post]! > 9_000)
        #expect(kinds[.comment]! > 5_000)
        #expect(kinds[.pingback]! > 1_000)
    }

    @Test func recordsAreChronologicalWithinThePeriod() {
        let dates = corpus(seed: 4).records(count: 10_000).map { $0.publishedAt! }
        #expect(dates.first! >= Self.start)
        #expect(dates.last! < Self.end)
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(dates.last!.timeIntervalSince(dates.first!) > 300 * 86_400)
    }

    @Test func crisisWeekIsASpikeOfNegativeTalk() throws {
        let corpus = corpus(seed: 11)
        let crisis = try #require(corpus.crisis)
        #expect(brands.contains { $0.name == crisis.brand })
        #expect(crisis.end.timeIntervalSince(crisis.start) == 7 * 86_400)
        let mentions = corpus.records(count: 40_000).filter { $0.body.contains(crisis.brand) }
        let inCrisis = mentions.filter { $0.publishedAt! >= crisis.start && $0.publishedAt! < crisis.end }
        let weeksOutside = (Self.end.timeIntervalSince(Self.start) / 86_400 - 7) / 7
        let baseline = Double(mentions.count - inCrisis.count) / weeksOutside
        #expect(Double(inCrisis.count) > 3 * baseline, "crisis week \(inCrisis.count) vs baseline \(baseline)")
        let alarm = ["boycott", "panne", "fuite de données", "arnaque", "outage", "data leak", "scam",
                     "Boykott", "Datenleck", "Betrug", "boicot", "fuga de datos", "estafa", "avería"]
        let alarmed = inCrisis.filter { record in alarm.contains { record.body.localizedCaseInsensitiveContains($0) } }
        #expect(Double(alarmed.count) > 0.8 * Double(inCrisis.count))
    }

    @Test func mostlyFrenchWithEnglishGermanAndSpanish() {
        let langs = Dictionary(grouping: corpus(seed: 5).records(count: 10_000), by: { $0.lang ?? "" })
            .mapValues(\.count)
        #expect(langs["fr", default: 0] > 7_000)
        #expect(langs["en", default: 0] > 500)
        #expect(langs["de", default: 0] > 200)
        #expect(langs["es", default: 0] > 200)
        #expect(langs.keys.sorted() == ["de", "en", "es", "fr"])
    }

    @Test func weekdaysAreBusierThanWeekends() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var perWeekday = [Int](repeating: 0, count: 8)
        for record in corpus(seed: 6).records(count: 20_000) {
            perWeekday[calendar.component(.weekday, from: record.publishedAt!)] += 1
        }
        // Calendar weekdays: 1 is Sunday, 7 Saturday.
        let weekend = Double(perWeekday[1] + perWeekday[7]) / 2
        let weekdays = Double(perWeekday[2...6].reduce(0, +)) / 5
        #expect(weekdays > 1.4 * weekend)
    }

    @Test func bodiesHaveRealisticLengthsAndAuthors() {
        for record in corpus(seed: 8).records(count: 3_000) {
            #expect((250...1_450).contains(record.body.count), "\(record.body.count) characters")
            #expect(record.author?.isEmpty == false)
            #expect(record.source?.isEmpty == false)
        }
    }

    @Test func moodsDifferAcrossBrands() {
        let records = corpus(seed: 9).records(count: 20_000)
        let negative = ["Pas satisfait", "Je ne recommande pas", "ne répond plus", "Très déçu", "Impossible de joindre"]
        var shares: [Double] = []
        for brand in brands {
            let french = records.filter { $0.lang == "fr" && $0.body.contains(brand.name) }
            guard french.count > 200 else { continue }
            let bad = french.filter { r in negative.contains { r.body.contains($0) } }.count
            shares.append(Double(bad) / Double(french.count))
        }
        #expect(shares.count >= 3)
        #expect(shares.max()! - shares.min()! > 0.1)
    }

    @Test func moodsDriftOverThePeriod() {
        let french = corpus(seed: 10).records(count: 30_000).filter { $0.lang == "fr" }
        let negative = ["Pas satisfait", "Je ne recommande pas", "ne répond plus", "Très déçu", "Impossible de joindre"]
        let third = Self.end.timeIntervalSince(Self.start) / 3
        let early = french.filter { $0.publishedAt! < Self.start + third }
        let late = french.filter { $0.publishedAt! >= Self.end - third }
        func negativeShare(_ brand: String, in records: [ImportRecord]) -> Double? {
            let mentions = records.filter { $0.body.contains(brand) }
            guard mentions.count > 150 else { return nil }
            return Double(mentions.filter { r in negative.contains { r.body.contains($0) } }.count)
                / Double(mentions.count)
        }
        let shifts = brands.compactMap { brand -> Double? in
            guard let before = negativeShare(brand.name, in: early), let after = negativeShare(brand.name, in: late)
            else { return nil }
            return abs(after - before)
        }
        #expect(shifts.count >= 3)
        #expect(shifts.max()! > 0.1)
    }

    @Test func writeStreamsTheSameRecordsAsJSONL() throws {
        let corpus = corpus(seed: 12)
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigie-synthetic-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try corpus.write(count: 2_500, to: handle)
        try handle.close()
        let lines = try Data(contentsOf: url).split(separator: UInt8(ascii: "\n"))
        let decoder = JSONDecoder()
        let decoded = try lines.map { try decoder.decode(ImportRecord.self, from: Data($0)) }
        #expect(decoded == corpus.records(count: 2_500))
    }

    @Test func worksWithoutBrands() {
        let corpus = SyntheticCorpus(seed: 1, brands: [], start: Self.start, end: Self.end)
        #expect(corpus.crisis == nil)
        let records = corpus.records(count: 1_000)
        #expect(records.count == 1_000)
        #expect(Set(records.compactMap(\.url)).count == 1_000)
    }

    @Test func shortPeriodStillHoldsEveryRecord() {
        let corpus = SyntheticCorpus(seed: 2, brands: brands, start: Self.start, end: Self.start)
        let records = corpus.records(count: 100)
        #expect(records.count == 100)
        #expect(records.allSatisfy { $0.publishedAt! >= Self.start && $0.publishedAt! < Self.start + 86_400 })
    }
}
