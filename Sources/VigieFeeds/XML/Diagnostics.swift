/// Warnings collected while parsing. Bozo warnings mark the input as ill-formed; notes
/// report what was read leniently without the input being wrong as XML.
struct Diagnostics: Sendable {
    private(set) var warnings: [String] = []
    private(set) var isBozo = false
    private var seen: Set<String> = []
    static let limit = 50

    mutating func bozo(_ message: String) {
        isBozo = true
        note(message)
    }

    mutating func note(_ message: String) {
        guard warnings.count < Diagnostics.limit, seen.insert(message).inserted else { return }
        warnings.append(message)
    }

    mutating func merge(_ other: Diagnostics) {
        if other.isBozo { isBozo = true }
        for message in other.warnings { note(message) }
    }
}
