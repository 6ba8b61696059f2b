/// Lines of blog furniture that carry nothing of the post: share buttons, comment prompts,
/// bylines and label lists as Blogger and WordPress print them, in French and English.
enum Boilerplate {
    /// Longer lines are never furniture; this also bounds the work per line.
    static let maxLineLength = 240

    /// Phrases that, alone or together on one line, make it furniture. Longest first, so a
    /// phrase is removed before any shorter phrase inside it.
    private static let phrases: [String] = [
        "enregistrer un commentaire", "poster un commentaire", "publier un commentaire",
        "laisser un commentaire", "ajouter un commentaire", "aucun commentaire",
        "pas de commentaire", "envoyer par e-mail", "envoyer par email", "partager sur twitter",
        "partager sur facebook", "partager sur pinterest", "partager sur linkedin",
        "partager sur whatsapp", "partager sur x", "share to twitter", "share to facebook",
        "share to pinterest", "share on twitter", "share on facebook", "share on linkedin",
        "post a comment", "leave a comment", "no comments", "commentaires", "commentaire",
        "comments", "comment", "email this", "blogthis!", "share this", "like this",
        "j'aime ça", "j’aime ça", "j'aime", "j’aime", "chargement", "loading...",
        "partager", "cliquez pour partager", "click to share", "share", "tweet", "imprimer",
        "print", "e-mail", "email", "facebook", "twitter", "pinterest", "linkedin", "whatsapp",
        "reddit", "tumblr",
    ]

    /// Line starts that mark a whole line as furniture.
    private static let prefixes: [String] = [
        "libellés :", "libellés:", "libellé :", "libellé:", "labels:", "label:",
        "étiquettes :", "étiquettes:",
    ]

    static func isBoilerplate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count <= maxLineLength else { return false }
        let line = String(decoding: bytes, as: UTF8.self).lowercased()
        for prefix in prefixes where line.hasPrefix(prefix) {
            return true
        }
        if isByline(line) { return true }
        // Cheap rejection: furniture lines contain at least one phrase.
        guard phrases.contains(where: { line.contains($0) }) else { return false }
        var rest = line
        for phrase in phrases where rest.contains(phrase) {
            rest = rest.replacing(phrase, with: " ")
        }
        // What remains may be counts, separators and punctuation, but no words.
        return !rest.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// "Publié par Marie à 10:32", "Posté par …", "Posted by … at …".
    private static func isByline(_ line: String) -> Bool {
        guard line.count <= 120 else { return false }
        if line.hasPrefix("publié par ") || line.hasPrefix("posté par ") || line.hasPrefix("publiée par ") {
            return line.contains(" à ") || line.contains(" le ")
        }
        if line.hasPrefix("posted by ") {
            return line.contains(" at ") || line.contains(" on ")
        }
        return false
    }
}
