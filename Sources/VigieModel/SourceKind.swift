/// Where a source's posts come from. Stored in `sources.kind`, whose CHECK constraint
/// lists the same values: a new kind needs a migration too.
public enum SourceKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Files given to `vigie import`.
    case file
    /// An RSS, Atom or JSON Feed fetched over HTTP.
    case feed
    /// The generated corpus of `vigie generate` and `vigie demo --synthetic`.
    case synthetic
    /// The bundled sample corpus.
    case sample
}
