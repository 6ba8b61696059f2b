import VigieClassify
import VigieModel
import VigieStorage

extension Classifier {
    /// A classifier for the brands stored in the database, matched by their ids.
    public init(stored brands: [StoredBrand]) throws {
        try self.init(brands: brands.map { BrandRule(id: $0.id, name: $0.name, query: $0.query) })
    }

    /// A classifier for brands not stored yet (a brands file, the bundled sample),
    /// numbered from 1 in the order given.
    public init(definitions brands: [BrandDefinition]) throws {
        try self.init(
            brands: brands.enumerated().map { BrandRule(id: Int64($0.offset + 1), name: $0.element.name, query: $0.element.query) })
    }
}
