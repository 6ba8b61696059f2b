/// Resolution of links found in feeds against `xml:base` or the feed's own URL.
enum URLResolver {
    /// The absolute form of `reference` against `base`; the reference unchanged (trimmed)
    /// when it is already absolute or there is nothing to resolve against.
    static func resolve(_ reference: String, base: String?) -> String {
        let trimmed = reference.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
        guard let base, !base.isEmpty, let cleanReference = URLReference.cleaned(trimmed),
            let cleanBase = URLReference.cleaned(base)
        else { return trimmed }
        let baseReference = URLReference(parsing: cleanBase)
        guard baseReference.scheme != nil else { return trimmed }
        let parsed = URLReference(parsing: cleanReference)
        if parsed.isWeb == false { return trimmed }
        return parsed.resolved(against: baseReference).string
    }
}
