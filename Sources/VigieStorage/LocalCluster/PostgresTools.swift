import Foundation

/// The PostgreSQL server programs Vigie drives for its local cluster.
struct PostgresTools: Sendable {
    let initdb: URL
    let pgCtl: URL
    let createdb: URL
    let version: String

    /// Looks in `binDirectory` (`VIGIE_PG_BINDIR`), then the newest `/usr/lib/postgresql/*/bin`
    /// (Debian, Ubuntu), then `/usr/local/pgsql/bin`, then the system's `PATH`.
    static func locate(binDirectory: String?) throws -> PostgresTools {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let dir = binDirectory, !dir.isEmpty { candidates.append(dir) }
        let debian = "/usr/lib/postgresql"
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: debian) {
            for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
                candidates.append("\(debian)/\(version)/bin")
            }
        }
        candidates.append("/usr/local/pgsql/bin")
        candidates += (env["PATH"] ?? "").split(separator: ":").map(String.init)
        for dir in candidates {
            let initdb = URL(fileURLWithPath: dir).appendingPathComponent("initdb")
            let pgCtl = URL(fileURLWithPath: dir).appendingPathComponent("pg_ctl")
            if FileManager.default.isExecutableFile(atPath: initdb.path),
                FileManager.default.isExecutableFile(atPath: pgCtl.path)
            {
                let version = URL(fileURLWithPath: dir).deletingLastPathComponent().lastPathComponent
                return PostgresTools(
                    initdb: initdb, pgCtl: pgCtl,
                    createdb: URL(fileURLWithPath: dir).appendingPathComponent("createdb"), version: version)
            }
        }
        throw StorageError.cluster(
            "PostgreSQL server programs (initdb, pg_ctl) not found: install the server (apt-get install postgresql), set VIGIE_PG_BINDIR, or point DATABASE_URL at a server")
    }
}
