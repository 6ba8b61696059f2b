import VigieClassify
import VigieStorage

/// The classifier a worker matches with, kept in step with the stored brands.
///
/// Before each batch the worker asks for it: one small read (``BrandStore/generation()``)
/// tells whether a brand was added, removed or given a new query since the last load, and
/// only then are the brands read and their queries compiled again. So a running
/// `vigie classify --watch` sees brand changes at its next batch, without a restart.
actor BrandMatching {
    private let store: BrandStore
    private var classifier: Classifier
    private var revisions = BrandRevisions(ids: [], revisions: [])
    private var generation: BrandGeneration?

    /// `classifier` gives the taxonomy; its brands are replaced by the stored ones.
    init(store: BrandStore, classifier: Classifier) {
        self.store = store
        self.classifier = classifier
    }

    /// The classifier for the stored brands, and the revisions it was compiled at.
    func current() async throws -> (classifier: Classifier, revisions: BrandRevisions) {
        let now = try await store.generation()
        if now != generation {
            let set = try await store.current()
            classifier = try classifier.replacingBrands(set.brands)
            revisions = set.revisions
            generation = now
        }
        return (classifier, revisions)
    }
}
