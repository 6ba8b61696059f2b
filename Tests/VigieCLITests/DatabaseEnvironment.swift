import VigieStorage

extension ConnectionSettings {
    /// The libpq variables that point `vigie` at this database.
    var environment: [String: String] {
        ["PGHOST": host, "PGPORT": String(port), "PGUSER": user, "PGDATABASE": database, "PGPASSWORD": password ?? ""]
    }
}
