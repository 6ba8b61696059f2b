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

/// Runs a program to completion, its output captured in a temporary file (a pipe
/// could be inherited by a server the program forks, and never reach end of file).
enum Command {
    static func run(
        _ tool: URL, _ arguments: [String], asServerAccount: Bool, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = Process()
        if asServerAccount, let account = ServerAccount.current {
            process.executableURL = URL(fileURLWithPath: account.runuser)
            process.arguments = ["-u", account.name, "--", tool.path] + arguments
        } else {
            process.executableURL = tool
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        // Programs run from a folder the server account can read.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.environment = env
        let outputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigie-cmd-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw StorageError.cluster("cannot run \(tool.path): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return CommandResult(status: process.terminationStatus, output: output)
    }
}

/// The unprivileged account that runs PostgreSQL when Vigie runs as root.
struct ServerAccount: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t
    let runuser: String

    /// nil when not root: the server then runs as the current user.
    static let current: ServerAccount? = {
        guard geteuid() == 0 else { return nil }
        let env = ProcessInfo.processInfo.environment
        let names = [env["VIGIE_CLUSTER_USER"], "postgres", "nobody"].compactMap { $0 }.filter { !$0.isEmpty }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        for name in names {
            if let entry = getpwnam(name), let runuser {
                return ServerAccount(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, runuser: runuser)
            }
        }
        return nil
    }()

    /// Gives a file, or a folder and everything in it, to the server account.
    static func handOver(_ url: URL) throws {
        guard let account = current else { return }
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
            if stat(parent.path, &info) == 0, info.st_mode & 0o001 == 0 {
                throw StorageError.cluster(
                    "\(parent.path) is not traversable by the '\(account.name)' account that runs PostgreSQL; choose another --data-dir or chmod o+x it")
            }
            parent = parent.deletingLastPathComponent()
        }
    }
}

/// Loopback TCP ports for the local cluster.
enum PortProbe {
    static func isFree(_ port: Int) -> Bool {
        (try? bind(port)) != nil
    }

    static func freePort() throws -> Int {
        try bind(0)
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
