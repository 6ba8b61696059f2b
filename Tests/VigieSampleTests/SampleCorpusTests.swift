import Foundation
import Testing
import VigieModel
import VigieSample

@Suite("Bundled sample corpus")
struct SampleCorpusTests {
    let records: [ImportRecord]

    init() throws {
        records = try SampleCorpus.records()
    }

    private func post(titled title: String) throws -> ImportRecord {
        try #require(records.first { $0.kind == .post && $0.title == title }, "no post titled \(title)")
    }

    private func day(_ text: String) -> Date? {
        Timestamp.parse(text)
    }

    @Test func decodesEveryLine() throws {
        let lines = try SampleCorpus.jsonl().split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == records.count)
        #expect(records.count == 23)
    }

    @Test func holdsPostsAndPingbacksAndNoInventedComments() {
        let kinds = Dictionary(grouping: records, by: \.kind).mapValues(\.count)
        #expect(kinds[.post] == 10)
        #expect(kinds[.pingback] == 13)
        // The captured pages show no reader comments ("Aucun commentaire").
        #expect(kinds[.comment, default: 0] == 0)
    }

    @Test func repliesPointAtPostsOfTheCorpus() {
        let posts = Set(records.filter { $0.kind == .post }.compactMap(\.url))
        for reply in records where reply.kind != .post {
            #expect(reply.parentURL.map(posts.contains) == true, "\(reply.url ?? "?") has no parent post")
            #expect(reply.url?.hasPrefix((reply.parentURL ?? "") + "#") == true)
        }
        for post in records where post.kind == .post {
            #expect(post.parentURL == nil)
        }
    }

    @Test func urlsAreUniqueAndEveryRecordIsFrench() {
        let urls = records.compactMap(\.url)
        #expect(urls.count == records.count)
        #expect(Set(urls).count == urls.count)
        #expect(records.allSatisfy { $0.lang == "fr" && $0.source != nil && !$0.body.isEmpty })
    }

    @Test(arguments: [
        "Aucun commentaire", "Enregistrer un commentaire", "Poster un commentaire",
        "merci pour ce commentaire", "Publicités", "Classé dans", "Image1", "media-sociauxB2B",
    ])
    func boilerplateIsGone(_ phrase: String) {
        for record in records {
            #expect(!record.body.contains(phrase), "\(record.url ?? "?") still holds \(phrase)")
            #expect(record.title?.contains(phrase) != true)
        }
    }

    @Test func datedBloggerPost() throws {
        let post = try post(titled: "Deux comportements 2.0 différents de la vision de l'humain au coeur du numérique")
        #expect(post.publishedAt == day("2014-03-05"))
        #expect(post.source == "Relation humaine numérique")
        #expect(post.body.hasPrefix("Tous au service de l'humain"))
        #expect(post.body.hasSuffix("Une autre époque a commencé."))
        #expect(post.body.contains("Doodle de mon moteur de recherche Google"))
    }

    @Test func monthArchiveDatesBothWordPressPosts() throws {
        let first = try post(titled: "Vous avez dit enpowerment ?")
        let second = try post(titled: "La symétrie des « mauvaises » attentions")
        #expect(first.publishedAt == day("2013-01-01"))
        #expect(second.publishedAt == day("2013-01-01"))
        #expect(first.body.hasSuffix("On peut toujours rêver!"))
        #expect(second.body.contains("la campagne contre les incivilités de la RATP ou de la SNCF"))
        #expect(second.url == "https://conso-acteurs.example/2013/01/la-symetrie-des-mauvaises-attentions")
    }

    @Test func homePageSplitsIntoFivePosts() throws {
        let titles = records.filter { $0.source == "Le Blog de Claude Super" && $0.kind == .post }.compactMap(\.title)
        #expect(titles.prefix(5) == [
            "Gamification : une vraie fausse bonne idée ?",
            "Deux ans de blogging et même pas fatigué ;-)",
            "Réflexion sur la mise en oeuvre d’une stratégie « social business »",
            "[Conférence] #e20ch – Geneva / ce qu’il faut en retenir : time 4 action!",
            "Social business, entreprise 2.0 : clients, employés, vous n’avez oublié «personne» ?",
        ])
        let conference = try post(titled: titles[3])
        #expect(conference.publishedAt == day("2012-07-01"))
        #expect(conference.author == "Claude Super")
        #expect(conference.body.contains("AIRFRANCE KLM"))
        let anniversary = try post(titled: titles[1])
        #expect(anniversary.body.contains("Microsoft rachète Yammer"))
        #expect(anniversary.body.hasSuffix("« Disrupt Yourself ! »"))
    }

    @Test func untitledPageGetsItsFirstSentenceAndItsPingbacks() throws {
        let post = try #require(records.first { $0.title?.hasPrefix("A quoi sert d’additionner") == true })
        #expect(post.publishedAt == nil)
        let pingbacks = records.filter { $0.parentURL == post.url }
        #expect(pingbacks.count == 13)
        #expect(pingbacks.allSatisfy { $0.kind == .pingback })
        #expect(pingbacks.first?.title == "Le collaboratif")
        #expect(pingbacks.first?.author == "Pearltrees")
        #expect(pingbacks.first?.url == (post.url ?? "") + "#pingback-1")
        #expect(!post.body.contains("Pingback"))
    }

    @Test func postsComeFromTheSeedPages() throws {
        let seeds = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/VigieSample/Resources/seeds")
        let files = try FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil)
        let text = try files.filter { $0.pathExtension == "txt" }
            .map { try String(contentsOf: $0, encoding: .utf8).replacingOccurrences(of: "\u{a0}", with: " ") }
            .joined(separator: "\n")
        #expect(files.count == 5)
        for record in records {
            for paragraph in record.body.components(separatedBy: "\n\n") {
                let collapsed = paragraph.replacingOccurrences(of: "  ", with: " ")
                #expect(
                    text.contains(paragraph) || text.replacingOccurrences(of: "  ", with: " ").contains(collapsed),
                    "\(record.url ?? "?"): paragraph not in the seeds: \(paragraph.prefix(60))")
            }
        }
    }

    @Test func brandsNameTheRequiredOnesAndTheCorpusMentionsThem() throws {
        let brands = try SampleCorpus.brands()
        let names = Set(brands.map(\.name))
        for required in [
            "Google", "Facebook", "RATP", "SNCF", "Air France-KLM", "Microsoft", "Salesforce", "IBM",
            "LinkedIn", "Gartner", "Twitter",
        ] {
            #expect(names.contains(required), "missing brand \(required)")
        }
        #expect(names.count == brands.count)
        let microsoft = try #require(brands.first { $0.name == "Microsoft" })
        #expect(microsoft.query.contains("\"Yammer\""))
        let corpus = records.map(\.body).joined(separator: "\n").lowercased()
        for brand in brands {
            #expect(!brand.query.isEmpty)
            let terms = [brand.name] + brand.aliases
            #expect(terms.contains { corpus.contains($0.lowercased()) }, "\(brand.name) is never mentioned")
        }
    }
}
