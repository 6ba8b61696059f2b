/// A sentence or title with one brand slot, written `{b}` in the phrasebook.
struct Template: Sendable {
    let head: String
    let tail: String

    init(_ text: String) {
        let parts = text.components(separatedBy: "{b}")
        precondition(parts.count == 2, "a template has exactly one brand slot: \(text)")
        head = parts[0]
        tail = parts[1]
    }

    /// Appends the text with `brand` in the slot.
    func render(into text: inout String, brand: String) {
        text += head
        text += brand
        text += tail
    }

    func rendered(brand: String) -> String {
        head + brand + tail
    }
}
