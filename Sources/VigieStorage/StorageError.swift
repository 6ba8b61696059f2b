/// Errors of the storage layer. `description` is safe to print to a user:
/// it names what failed and where, never a password.
public struct StorageError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: String
        public var description: String { value }
        public static let badConfiguration = Code(value: "bad_configuration")
        public static let unreachable = Code(value: "unreachable")
        public static let cluster = Code(value: "cluster")
        public static let migrationEdited = Code(value: "migration_edited")
        public static let schemaTooNew = Code(value: "schema_too_new")
        /// Migrations are pending and this command may not apply them (`VIGIE_AUTO_MIGRATE=0`).
        public static let schemaTooOld = Code(value: "schema_too_old")
        public static let migrationFailed = Code(value: "migration_failed")
        public static let query = Code(value: "query")
        public static let versionMismatch = Code(value: "version_mismatch")
        public static let versionRetired = Code(value: "version_retired")
        /// The connection closed under a transaction (a crash or restart of the server).
        public static let connectionLost = Code(value: "connection_lost")
        /// A name already taken (a source's).
        public static let conflict = Code(value: "conflict")
        /// A value the store refuses (a kind that is not collected, an empty name).
        public static let invalidInput = Code(value: "invalid_input")
    }

    public let code: Code
    public let description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    public static func badConfiguration(_ message: String) -> StorageError { .init(.badConfiguration, message) }
    public static func cluster(_ message: String) -> StorageError { .init(.cluster, message) }
}
