import Foundation
import VigieModel

/// Produces a synthetic corpus one record at a time, in chronological order, so a caller can
/// stream millions of records without holding them. Comments and pingbacks answer a recent
/// post about the same brand, so every `parent_url` names a post made earlier in the stream.
struct RecordStream {
    private struct BrandVoice {
        let name: String
        /// Spellings used after the first mention: the name and its proper-noun aliases.
        let mentions: [String]
        let slug: String
    }

    private struct Parent {
        let url: String
        let site: Int
        let lang: Int
    }

    /// French mostly; English, German and Spanish (same order as `Phrasebook.all`).
    static let languageShares: [Double] = [0.78, 0.12, 0.05, 0.05]
    static let recentPostsPerBrand = 24

    private let timeline: Timeline
    private let brands: [BrandVoice]
    private let count: Int
    private var rng: SplitMix64
    private var index = 0
    private var day = -1
    private var allocatedThroughDay = 0
    private var dayQuota = 0
    private var dayPosition = 0
    private var dayWeights: [Double] = []
    private var dayWeightTotal = 0.0
    /// Recent posts per brand, unbranded last; ring buffers.
    private var recent: [[Parent]]
    private var recentNext: [Int]

    init(seed: UInt64, brands: [Brand], timeline: Timeline, count: Int) {
        self.timeline = timeline
        self.brands = brands.map { brand in
            let aliases = brand.aliases.filter { $0.first?.isUppercase == true }
            return BrandVoice(name: brand.name, mentions: [brand.name] + aliases, slug: Self.slug(brand.name))
        }
        self.count = max(count, 0)
        rng = SplitMix64(seed: seed)
        recent = Array(repeating: [], count: brands.count + 1)
        recentNext = Array(repeating: 0, count: brands.count + 1)
    }

    mutating func next() -> ImportRecord? {
        guard index < count else { return nil }
        while dayPosition >= dayQuota {
            advanceDay()
        }
        let seconds =
            timeline.dayStart(day)
            + Int64((Double(dayPosition) + rng.unit()) * Double(timeline.dayLength(day)) / Double(dayQuota))
        dayPosition += 1
        defer { index += 1 }
        return makeRecord(seconds: seconds)
    }

    private mutating func advanceDay() {
        day += 1
        let last = day == timeline.dayCount - 1
        let total = timeline.cumulativeWeights[timeline.dayCount - 1]
        let through = last ? count : Int((Double(count) * timeline.cumulativeWeights[day] / total).rounded())
        dayQuota = max(through - allocatedThroughDay, 0)
        allocatedThroughDay = max(through, allocatedThroughDay)
        dayPosition = 0
        dayWeights = timeline.brandWeights(day: day)
        dayWeightTotal = dayWeights.reduce(0, +)
    }

    private mutating func makeRecord(seconds: Int64) -> ImportRecord {
        let brand = pickBrand()
        let branded = brand < brands.count
        let crisis = branded && timeline.isCrisis(brand: brand, day: day)
        let campaign = branded && timeline.isCampaign(brand: brand, day: day)
        let fraction = Double(seconds - timeline.startSeconds) / Double(timeline.endSeconds - timeline.startSeconds)
        let sentiment = pickMood(brand: brand, crisis: crisis, fraction: fraction)

        var kind: PostKind = .post
        let roll = rng.unit()
        if roll >= 0.55, !recent[brand].isEmpty {
            kind = roll < 0.9 ? .comment : .pingback
        }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let name = branded ? brands[brand].name : nil

        switch kind {
        case .post:
            let lang = pickLanguage()
            let book = Phrasebook.all[lang]
            let site = rng.below(book.sites.count)
            let civil = CivilDate(secondsSince1970: seconds)
            let slug = branded ? brands[brand].slug : "billet"
            let url = "https://\(book.sites[site].host).example/\(civil.pathComponent)/\(slug)-\(index)"
            let title: String
            if let name {
                let pool = crisis ? book.crisisTitles : campaign ? book.campaignTitles : book.titles
                title = rng.pick(pool).rendered(brand: name)
            } else {
                title = rng.pick(book.generalTitles)
            }
            remember(Parent(url: url, site: site, lang: lang), brand: brand)
            return ImportRecord(
                url: url, title: title, author: personName(book, pseudonymChance: 0.15), publishedAt: date,
                lang: book.lang,
                body: body(
                    book, brand: brand, sentiment: sentiment, crisis: crisis,
                    length: lang == 0 ? 450...1200 : 400...900, lead: nil),
                kind: .post, parentURL: nil, source: book.sites[site].name)
        case .comment:
            let parent = rng.pick(recent[brand])
            let book = Phrasebook.all[parent.lang]
            let lead = rng.pick(book.commentLeads(sentiment))
            return ImportRecord(
                url: "\(parent.url)#comment-\(index)", title: nil, author: personName(book, pseudonymChance: 0.5),
                publishedAt: date, lang: book.lang,
                body: body(book, brand: brand, sentiment: sentiment, crisis: crisis, length: 330...700, lead: lead),
                kind: .comment, parentURL: parent.url, source: book.sites[parent.site].name)
        case .pingback:
            let parent = rng.pick(recent[brand])
            let book = Phrasebook.all[parent.lang]
            var linking = rng.below(book.sites.count)
            if linking == parent.site { linking = (linking + 1) % book.sites.count }
            let title = name.map { rng.pick(book.titles).rendered(brand: $0) } ?? rng.pick(book.generalTitles)
            var text = "[…] "
            text += body(book, brand: brand, sentiment: sentiment, crisis: crisis, length: 320...460, lead: nil)
            text += " […]"
            return ImportRecord(
                url: "\(parent.url)#pingback-\(index)", title: title, author: book.sites[linking].name,
                publishedAt: date, lang: book.lang, body: text, kind: .pingback, parentURL: parent.url,
                source: book.sites[parent.site].name)
        }
    }

    /// Builds a text of about `length` characters: an opening sentence naming the brand, then
    /// sentences in the record's tone mixed with neutral ones, crisis sentences in a crisis.
    private mutating func body(
        _ book: Phrasebook, brand: Int, sentiment: Mood, crisis: Bool, length: ClosedRange<Int>,
        lead: String?
    ) -> String {
        let target = rng.int(in: length)
        var text = ""
        text.reserveCapacity(target + 240)
        var used = UsedSentences()
        let branded = brand < brands.count
        let tone = book.tone(sentiment)
        if let lead {
            text += lead
            text += " "
        }
        if branded {
            let opener = crisis ? book.crisis.branded : tone.branded
            opener[used.fresh(.branded(crisis ? 3 : sentiment.slot), opener.count, &rng)]
                .render(into: &text, brand: brands[brand].name)
        } else {
            text += tone.general[used.fresh(.general(sentiment.slot), tone.general.count, &rng)]
        }
        var sentences = 1
        var compared = false
        while text.utf8.count < target {
            text += sentences % 3 == 0 && lead == nil ? "\n\n" : " "
            sentences += 1
            if crisis && rng.chance(0.4) {
                if rng.chance(0.5) {
                    let pool = book.crisis.branded
                    pool[used.fresh(.branded(3), pool.count, &rng)].render(into: &text, brand: mention(brand))
                } else {
                    let pool = book.crisis.general
                    text += pool[used.fresh(.general(3), pool.count, &rng)]
                }
                continue
            }
            if branded, !compared, brands.count > 1, rng.chance(0.08) {
                compared = true
                var other = rng.below(brands.count - 1)
                if other >= brand { other += 1 }
                rng.pick(book.comparisons).render(into: &text, brand: brands[other].name)
                continue
            }
            let mood = rng.chance(0.7) ? sentiment : .neutral
            let pool = book.tone(mood)
            if branded && rng.chance(0.3) {
                pool.branded[used.fresh(.branded(mood.slot), pool.branded.count, &rng)]
                    .render(into: &text, brand: mention(brand))
            } else {
                text += pool.general[used.fresh(.general(mood.slot), pool.general.count, &rng)]
            }
        }
        return text
    }

    private mutating func mention(_ brand: Int) -> String {
        let forms = brands[brand].mentions
        return forms.count > 1 && rng.chance(0.3) ? forms[1 + rng.below(forms.count - 1)] : forms[0]
    }

    private mutating func pickBrand() -> Int {
        var x = rng.unit() * dayWeightTotal
        for (i, w) in dayWeights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return dayWeights.count - 1
    }

    private mutating func pickLanguage() -> Int {
        var x = rng.unit()
        for (i, share) in Self.languageShares.enumerated() {
            if x < share { return i }
            x -= share
        }
        return 0
    }

    private mutating func pickMood(brand: Int, crisis: Bool, fraction: Double) -> Mood {
        let (positive, negative): (Double, Double)
        if crisis {
            (positive, negative) = (0.03, 0.85)
        } else {
            let mood = brand < brands.count ? timeline.mood(brand: brand, day: day, fraction: fraction) : 0.05
            positive = min(max(0.3 + 0.5 * mood, 0.03), 0.9)
            negative = min(max(0.3 - 0.5 * mood, 0.03), 0.9)
        }
        let x = rng.unit()
        return x < positive ? .positive : x < positive + negative ? .negative : .neutral
    }

    private mutating func personName(_ book: Phrasebook, pseudonymChance: Double) -> String {
        if rng.chance(pseudonymChance) {
            return rng.pick(book.pseudonyms)
        }
        return rng.pick(book.firstNames) + " " + rng.pick(book.lastNames)
    }

    private mutating func remember(_ post: Parent, brand: Int) {
        if recent[brand].count < Self.recentPostsPerBrand {
            recent[brand].append(post)
        } else {
            recent[brand][recentNext[brand]] = post
            recentNext[brand] = (recentNext[brand] + 1) % Self.recentPostsPerBrand
        }
    }

    /// `Air France-KLM` → `air-france-klm`, for URLs.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        var dash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if dash, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        return slug.isEmpty ? "marque" : slug
    }
}

/// Which sentences a text already holds, so a text repeats no sentence of a pool before
/// the pool is used up, and never the same sentence twice in a row.
private struct UsedSentences {
    enum Pool {
        case branded(Int)
        case general(Int)

        /// 0...7: four tones (positive, negative, neutral, crisis) of each kind.
        var slot: Int {
            switch self {
            case .branded(let tone): tone
            case .general(let tone): 4 + tone
            }
        }
    }

    /// A 16-bit lane per slot: pools hold at most sixteen sentences.
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// The last pick of each slot, a byte per slot.
    private var last: UInt64 = 0

    mutating func fresh(_ pool: Pool, _ count: Int, _ rng: inout SplitMix64) -> Int {
        let slot = pool.slot
        let n = min(count, 16)
        let full: UInt64 = n == 16 ? 0xFFFF : (1 << UInt64(n)) - 1
        var used = lane(slot) & full
        if used == full {
            // Used up: start over, except for the sentence just written.
            used = n > 1 ? 1 << (last >> UInt64(slot * 8) & 0xFF) : 0
        }
        var rank = rng.below(n - used.nonzeroBitCount)
        var pick = 0
        for i in 0..<n where used & (1 << UInt64(i)) == 0 {
            if rank == 0 {
                pick = i
                break
            }
            rank -= 1
        }
        setLane(slot, used | 1 << UInt64(pick))
        last = last & ~(0xFF << UInt64(slot * 8)) | UInt64(pick) << UInt64(slot * 8)
        return pick
    }

    private func lane(_ slot: Int) -> UInt64 {
        (slot < 4 ? low : high) >> UInt64(slot % 4 * 16) & 0xFFFF
    }

    private mutating func setLane(_ slot: Int, _ bits: UInt64) {
        let shift = UInt64(slot % 4 * 16)
        if slot < 4 {
            low = low & ~(0xFFFF << shift) | bits << shift
        } else {
            high = high & ~(0xFFFF << shift) | bits << shift
        }
    }
}

extension Mood {
    /// 0...2 for the tones; crisis pools use slot 3.
    fileprivate var slot: Int {
        switch self {
        case .positive: 0
        case .negative: 1
        case .neutral: 2
        }
    }
}
