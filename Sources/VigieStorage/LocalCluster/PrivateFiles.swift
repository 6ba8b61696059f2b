import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold the local cluster's password, and its folder.
enum PrivateFiles {
    /// Creates `directory` if needed and makes it 0700, whoever made it and however.
    static func makePrivateDirectory(_ directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard chmod(directory.path, 0o700) == 0 else {
            throw StorageError.cluster("cannot make \(directory.path) private (chmod 0700): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `data` to `url`, readable by its owner only from the first byte: a new file
    /// is created 0600 with O_EXCL beside `url`, written, synced and renamed over it, so
    /// an interruption leaves either the old file or the new one, never a readable copy.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StorageError.cluster("cannot create \(temporary.path): \(String(cString: strerror(errno)))")
        }
        var ok = false
        defer {
            if !ok { unlink(temporary.path) }
        }
        do {
            defer { close(fd) }
            // The umask can only remove bits; this makes the mode exact whatever it is.
            guard fchmod(fd, 0o600) == 0 else { throw StorageError.cluster("cannot chmod \(temporary.path)") }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw StorageError.cluster("cannot write \(temporary.path): \(String(cString: strerror(errno)))")
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw StorageError.cluster("cannot sync \(temporary.path)") }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw StorageError.cluster("cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
        }
        ok = true
    }
}
