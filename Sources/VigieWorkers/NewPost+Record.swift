import VigieIngest
import VigieModel
import VigieStorage

extension NewPost {
    /// A record with the two identities storage keeps it under: its content fingerprint and,
    /// when it has a URL, its canonical URL.
    public init(_ record: ImportRecord) {
        self.init(record: record, fingerprint: record.fingerprint, canonicalURL: record.canonicalURL)
    }
}
