/// Who may do what through the API. Each role includes the ones before it.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case reader, steward, admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
