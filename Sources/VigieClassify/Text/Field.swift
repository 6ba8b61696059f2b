/// Which part of a post a token comes from.
enum Field: UInt8, Sendable {
    case text = 0
    case title = 1
    case author = 2
}
