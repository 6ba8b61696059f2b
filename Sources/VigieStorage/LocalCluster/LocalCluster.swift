import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL cluster in a folder Vigie owns, used when no server is configured.
///
/// Layout of ``directory``:
/// - `pgdata/`        the cluster, created by `initdb`; `pgdata/vigie-port.conf`, included
///                    by its `postgresql.conf`, holds the port, so `pg_ctl start` alone uses it
/// - `postgres.log`   the server log (`pg_ctl -l`)
/// - `cluster.json`   port, user and generated password
/// - `.lock`          serialises start/stop between concurrent `vigie` processes
///
/// The folder is 0700, and every file that holds the password is created 0600 before its
/// first byte is written, then renamed into place (see ``PrivateFiles``): it is never
/// readable by others, not even for a moment or after an interruption.
///
/// The server listens on 127.0.0.1 only, on a free port chosen at start, with
/// SCRAM password authentication. Started as root, every PostgreSQL program
/// runs as an unprivileged account (`VIGIE_CLUSTER_USER`, else `postgres`, else
/// `nobody`) through `runuser`, since the server refuses to run as root.
public struct LocalCluster: Sendable {
    public enum Status: Sendable, Equatable {
        case absent
        case stopped
        case running(port: Int)
    }

    struct State: Codable {
        var port: Int
        var user: String
        var password: String
        var version: String
    }

    public let directory: URL
    /// Throwaway clusters (tests) skip fsync: faster, and nothing to keep after a crash.
    public let durable: Bool
    /// Where `initdb` and `pg_ctl` are (`VIGIE_PG_BINDIR`); nil to search the usual places.
    public let serverBinDirectory: String?
    /// The account that runs the server when Vigie runs as root (`VIGIE_CLUSTER_USER`);
    /// nil for `postgres`, else `nobody`.
    public let serverAccountName: String?

    public init(directory: URL, durable: Bool = true, serverBinDirectory: String? = nil, serverAccountName: String? = nil) {
        self.directory = directory.standardizedFileURL
        self.durable = durable
        self.serverBinDirectory = serverBinDirectory
        self.serverAccountName = serverAccountName
    }

    var account: ServerAccount? { ServerAccount.find(preferred: serverAccountName) }

    func locateTools() throws -> PostgresTools { try PostgresTools.locate(binDirectory: serverBinDirectory) }

    public var dataDirectory: URL { directory.appendingPathComponent("pgdata") }
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }
    var stateFile: URL { directory.appendingPathComponent("cluster.json") }
    var pidFile: URL { dataDirectory.appendingPathComponent("postmaster.pid") }
    var portFile: URL { dataDirectory.appendingPathComponent("vigie-port.conf") }

    /// The folder when `VIGIE_DATA_DIR` names none: `$XDG_DATA_HOME/vigie`, else `~/.local/share/vigie`;
    /// for root, `/var/lib/vigie` (a home folder under /root is not readable by the
    /// unprivileged account that runs the server).
    public static func defaultDirectory(environment env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if geteuid() == 0 { return URL(fileURLWithPath: "/var/lib/vigie") }
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("vigie")
        }
        let home = env["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/vigie")
    }

    // MARK: - Status

    public func status() throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .absent
        }
        let tools = try locateTools()
        guard try isRunning(tools), let state = try? readState() else { return .stopped }
        return .running(port: state.port)
    }

    // MARK: - Start

    /// Creates the cluster if needed, starts it if stopped, and returns settings to reach it.
    public func start() throws -> ConnectionSettings {
        try PrivateFiles.makePrivateDirectory(directory)
        // 0700: the account that runs the server must own the folder to enter it.
        if let account, chown(directory.path, account.uid, account.gid) != 0 {
            throw StorageError.cluster("cannot give \(directory.path) to the '\(account.name)' account")
        }
        return try withLock {
            let tools = try locateTools()
            if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
                try initialise(tools)
            }
            var state = try readState()
            if try isRunning(tools) {
                return settings(state)
            }
            if !PortProbe.isFree(state.port) {
                state.port = try PortProbe.freePort()
                try writeState(state)
            }
            // Kept in the cluster's configuration (clusters made before this get it
            // here), so that `pg_ctl start` alone, a service unit say, uses the same port.
            try keepPort(state.port)
            var result = try run(
                tools.pgCtl, ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path])
            // After a crash of the server, its orphaned sessions hold the shared memory until
            // they notice, within seconds; the server refuses to start until then.
            for _ in 0..<20 where result.status != 0 && logTail().contains("shared memory block") {
                usleep(500_000)
                result = try run(tools.pgCtl, ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path])
            }
            guard result.status == 0 else {
                throw StorageError.cluster(
                    "could not start the local PostgreSQL cluster in \(directory.path): \(result.output.lastLines(3)) \(logTail())")
            }
            return settings(state)
        }
    }

    /// Stops the server if it runs. `fast` shutdown: sessions are disconnected, data is safe.
    @discardableResult
    public func stop(immediate: Bool = false) throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return false
        }
        return try withLock {
            let tools = try locateTools()
            guard try isRunning(tools) else { return false }
            let result = try run(
                tools.pgCtl, ["stop", "-w", "-t", "60", "-D", dataDirectory.path, "-m", immediate ? "immediate" : "fast"])
            guard result.status == 0 else {
                throw StorageError.cluster("could not stop the local cluster: \(result.output.lastLines(3))")
            }
            return true
        }
    }

    /// Stops the server and deletes the whole folder.
    public func reset() throws {
        try stop()
        if FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.removeItem(at: directory)
        }
    }

    /// Settings for a running cluster, without starting it.
    public func connectionSettings() throws -> ConnectionSettings {
        settings(try readState())
    }

    // MARK: - Internals

    private func settings(_ state: State) -> ConnectionSettings {
        ConnectionSettings(
            host: "127.0.0.1", port: state.port, user: state.user, password: state.password, database: "vigie",
            sslMode: .disable)
    }

    private func initialise(_ tools: PostgresTools) throws {
        let pgdata = dataDirectory
        if FileManager.default.fileExists(atPath: pgdata.path) {
            // A half-made cluster from an interrupted initdb: start again.
            try FileManager.default.removeItem(at: pgdata)
        }
        let state = State(port: try PortProbe.freePort(), user: "vigie", password: Self.randomPassword(), version: tools.version)
        try writeState(state)
        let passwordFile = directory.appendingPathComponent(".initdb-password")
        try PrivateFiles.write(Data(state.password.utf8), to: passwordFile)
        defer { try? FileManager.default.removeItem(at: passwordFile) }
        try ServerAccount.handOver(directory, to: account)

        let result = try run(
            tools.initdb,
            [
                "-D", pgdata.path, "-U", state.user, "--pwfile=\(passwordFile.path)", "--auth=scram-sha-256",
                "--encoding=UTF8", "--no-locale", "--no-instructions",
            ] + (durable ? [] : ["--no-sync"]))
        guard result.status == 0 else {
            throw StorageError.cluster("initdb failed in \(pgdata.path): \(result.output.lastLines(3))")
        }
        var conf = """

            # Written by vigie: a local cluster reached over loopback only.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = \(durable ? 100 : 300)
            shared_buffers = 128MB
            log_min_messages = warning
            log_line_prefix = '%m [%p] '

            """
        if !durable {
            conf += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        }
        let confURL = pgdata.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: confURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(conf.utf8))
        try handle.close()
        try keepPort(state.port)

        // Create the application database once the server runs.
        let started = try run(tools.pgCtl, ["start", "-w", "-t", "60", "-D", pgdata.path, "-l", logFile.path])
        guard started.status == 0 else {
            throw StorageError.cluster("the new cluster did not start: \(started.output.lastLines(3)) \(logTail())")
        }
        let created = try run(
            tools.createdb, ["-h", "127.0.0.1", "-p", "\(state.port)", "-U", state.user, "vigie"],
            environment: ["PGPASSWORD": state.password])
        guard created.status == 0 else {
            throw StorageError.cluster("createdb failed: \(created.output.lastLines(3))")
        }
    }

    private func readState() throws -> State {
        do {
            return try JSONDecoder().decode(State.self, from: Data(contentsOf: stateFile))
        } catch {
            throw StorageError.cluster("cannot read \(stateFile.path); run 'vigie db reset' to start over")
        }
    }

    private func writeState(_ state: State) throws {
        try PrivateFiles.write(try JSONEncoder().encode(state), to: stateFile)
        try ServerAccount.handOver(stateFile, to: account)
    }

    /// Writes the port to `vigie-port.conf` and includes that file from `postgresql.conf`
    /// once. (`postgresql.auto.conf` is left to `ALTER SYSTEM`, whose settings still win.)
    private func keepPort(_ port: Int) throws {
        try Data("# Written by vigie: the port it chose for this cluster.\nport = \(port)\n".utf8)
            .write(to: portFile, options: .atomic)
        try ServerAccount.handOver(portFile, to: account)
        let confURL = dataDirectory.appendingPathComponent("postgresql.conf")
        let include = "include_if_exists = 'vigie-port.conf'"
        let conf = try String(contentsOf: confURL, encoding: .utf8)
        if !conf.contains(include) {
            let handle = try FileHandle(forWritingTo: confURL)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n\(include)\n".utf8))
        }
    }

    /// Whether the server runs. A `postmaster.pid` left by a crash (`kill -9`, a power cut)
    /// is recognised and removed first: its process is gone, or its number now belongs to
    /// another program (frequent in containers, whose numbers restart low), which would
    /// make `pg_ctl` think the server runs and the server refuse to start.
    private func isRunning(_ tools: PostgresTools) throws -> Bool {
        if let pid = Self.stalePostmaster(pidFile: pidFile) {
            guard unlink(pidFile.path) == 0 || errno == ENOENT else {
                throw StorageError.cluster(
                    "\(pidFile.path) is left from a server that is gone (process \(pid)) and cannot be removed: \(String(cString: strerror(errno)))")
            }
        }
        return try run(tools.pgCtl, ["status", "-D", dataDirectory.path]).status == 0
    }

    /// The process number in `pidFile` when that process is not a PostgreSQL server.
    static func stalePostmaster(pidFile: URL) -> pid_t? {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let first = text.split(separator: "\n", omittingEmptySubsequences: false).first,
            let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        if kill(pid, 0) != 0 && errno == ESRCH { return pid }
        // Alive: a PostgreSQL server's command line starts with its program, `postgres`
        // (`postmaster` in old versions). Without /proc, leave it to pg_ctl.
        guard let cmdline = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) else { return nil }
        let program = String(decoding: cmdline.prefix { $0 != 0 }, as: UTF8.self)
        let name = program.split(separator: "/").last.map(String.init) ?? program
        return name.hasPrefix("postgres") || name.hasPrefix("postmaster") ? nil : pid
    }

    private func logTail() -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "" }
        return "(server log: \(text.lastLines(3)))"
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let path = directory.appendingPathComponent(".lock").path
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw StorageError.cluster("cannot open lock file \(path)") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw StorageError.cluster("cannot lock \(path)") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func run(_ tool: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run(tool, arguments, as: account, environment: environment)
    }

    static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}

extension String {
    func lastLines(_ n: Int) -> String {
        split(separator: "\n").suffix(n).joined(separator: " | ")
    }
}
