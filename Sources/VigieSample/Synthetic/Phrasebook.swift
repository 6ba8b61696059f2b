/// The sentences, titles, names and sites one language contributes to synthetic posts.
///
/// Branded sentences carry a `{b}` slot for the brand; general sentences name none and fill
/// the posts that mention no brand. Negative phrasings include negations ("pas satisfait"),
/// positive ones too ("jamais eu de problème"), so sentiment is not a bag of keywords.
struct Phrasebook: Sendable {
    struct Site: Sendable {
        let name: String
        let host: String
    }

    struct Tone: Sendable {
        /// Sentences naming the brand; the first sentence of a branded post is one of these.
        let branded: [Template]
        /// Sentences naming no brand.
        let general: [String]
    }

    let lang: String
    let positive: Tone
    let negative: Tone
    let neutral: Tone
    /// Crisis sentences: boycott, outage, data leak, scam.
    let crisis: Tone
    /// A second brand drawn into the discussion.
    let comparisons: [Template]
    let titles: [Template]
    let crisisTitles: [Template]
    let campaignTitles: [Template]
    let generalTitles: [String]
    /// How comments open, by tone.
    let commentLeads: (positive: [String], negative: [String], neutral: [String])
    let firstNames: [String]
    let lastNames: [String]
    let pseudonyms: [String]
    let sites: [Site]

    func tone(_ mood: Mood) -> Tone {
        switch mood {
        case .positive: positive
        case .negative: negative
        case .neutral: neutral
        }
    }

    func commentLeads(_ mood: Mood) -> [String] {
        switch mood {
        case .positive: commentLeads.positive
        case .negative: commentLeads.negative
        case .neutral: commentLeads.neutral
        }
    }

    /// French, English, German, Spanish, in the order of `SyntheticCorpus.languageShares`.
    static let all: [Phrasebook] = [.french, .english, .german, .spanish]
}

/// The sentiment a synthetic text is written in.
enum Mood: Sendable {
    case positive, negative, neutral
}
