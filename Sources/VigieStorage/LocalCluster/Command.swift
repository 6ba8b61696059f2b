import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CommandResult {
    var status: Int32
    var output: String
}

/// Runs a program to completion with posix_spawn and waitpid, its output captured
/// in a temporary file (a pipe could be inherited by a server the program forks,
/// and never reach end of file). No run loop is involved, so this also works
/// from an exit handler.
enum Command {
    static func run(
        _ tool: URL, _ arguments: [String], as account: ServerAccount?, environment: [String: String] = [:]
    ) throws -> CommandResult {
        var argv: [String]
        if let account {
            argv = [account.runuser, "-u", account.name, "--", tool.path] + arguments
        } else {
            argv = [tool.path] + arguments
        }
        // Programs run from a folder the server account can read: initdb and
        // pg_ctl fail when they cannot read the current folder (/root, say).
        argv = ["/bin/sh", "-c", "cd / && exec \"$@\"", "sh"] + argv
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let envp = env.map { "\($0.key)=\($0.value)" }
        let outputPath = NSTemporaryDirectory() + "vigie-cmd-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var pid = pid_t()
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard spawned == 0 else {
            throw StorageError.cluster("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw StorageError.cluster("cannot wait for \(argv[0])") }
        }
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return CommandResult(status: code, output: output)
    }
}

/// The unprivileged account that runs PostgreSQL when Vigie runs as root.
struct ServerAccount: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t
    let runuser: String

    /// The account for a cluster: `preferred` (`VIGIE_CLUSTER_USER`), else `postgres`, else
    /// `nobody`; nil when not root: the server then runs as the current user.
    static func find(preferred: String?) -> ServerAccount? {
        guard geteuid() == 0 else { return nil }
        let names = [preferred, "postgres", "nobody"].compactMap { $0 }.filter { !$0.isEmpty }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        for name in names {
            if let entry = getpwnam(name), let runuser {
                return ServerAccount(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, runuser: runuser)
            }
        }
        return nil
    }

    /// Gives a file, or a folder and everything in it, to `account`.
    static func handOver(_ url: URL, to account: ServerAccount?) throws {
        guard let account else { return }
        var paths = [url.path]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: url.path)
        {
            while let sub = enumerator.nextObject() as? String { paths.append(url.appendingPathComponent(sub).path) }
        }
        for path in paths where chown(path, account.uid, account.gid) != 0 {
            throw StorageError.cluster("cannot give \(path) to the '\(account.name)' account")
        }
        // Every folder above must be traversable by that account.
        var parent = url.deletingLastPathComponent()
        while parent.path != "/" {
            var info = stat()
            // Others may traverse it, or it is the account's own (the cluster's 0700 folder).
            if stat(parent.path, &info) == 0, info.st_mode & 0o001 == 0,
                !(info.st_uid == account.uid && info.st_mode & 0o100 != 0)
            {
                throw StorageError.cluster(
                    "\(parent.path) is not traversable by the '\(account.name)' account that runs PostgreSQL; choose another --data-dir or chmod o+x it")
            }
            parent = parent.deletingLastPathComponent()
        }
    }
}

/// Loopback TCP ports for the local cluster.
public enum PortProbe {
    static func isFree(_ port: Int) -> Bool {
        (try? bind(port)) != nil
    }

    /// A free port below the kernel's ephemeral range, so that a client
    /// connection never takes the cluster's port while the server restarts.
    public static func freePort() throws -> Int {
        var ephemeralStart = 32768
        if let range = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8),
            let low = range.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap({ Int($0) })
        {
            ephemeralStart = low
        }
        let lowest = 20_000
        if ephemeralStart > lowest + 100 {
            for _ in 0..<200 {
                let port = Int.random(in: lowest..<ephemeralStart)
                if isFree(port) { return port }
            }
        }
        return try bind(0)
    }

    /// Binds 127.0.0.1:port, returns the port bound, and closes the socket.
    private static func bind(_ port: Int) throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StorageError.cluster("cannot open a socket") }
        defer { close(fd) }
        // As PostgreSQL does: a port whose last connections linger in TIME_WAIT
        // after a restart is still free to listen on.
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw StorageError.cluster("port \(port) is in use") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
