/// A line or file that could not be imported, or was imported with a change, with where it is.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line number, when the problem is on a line.
    public var line: Int?
    public var message: String
    /// The line was imported all the same, with the change the message says (a date dropped).
    public var isWarning: Bool

    public init(file: String, line: Int? = nil, message: String, isWarning: Bool = false) {
        self.file = file
        self.line = line
        self.message = message
        self.isWarning = isWarning
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
