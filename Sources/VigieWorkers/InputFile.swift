import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file, or standard input for `-`, read in chunks of fixed size: an import holds one
/// chunk at a time, never the whole file.
final class InputFile: @unchecked Sendable {
    /// What `-` stands for.
    static let standardInput = "-"

    let path: String
    /// The size when the input is a regular file; nil for a pipe or a terminal.
    let size: Int?
    private let descriptor: Int32
    private let chunkSize: Int

    /// Opens `path`; throws a message fit for `file: message`.
    init(path: String, chunkSize: Int = 1 << 20) throws(InputFileError) {
        self.path = path
        self.chunkSize = chunkSize
        if path == Self.standardInput {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw InputFileError(errno: errno) }
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG {
            size = Int(status.st_size)
        } else {
            size = nil
        }
    }

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
    }

    /// The next chunk, or nil at the end of the input.
    func read() throws(InputFileError) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw InputFileError(errno: errno) }
            if count == 0 { return nil }
            chunk.removeSubrange(count...)
            return chunk
        }
    }

    /// The whole input, refused when longer than `limit` bytes.
    func readAll(limit: Int) throws(InputFileError) -> Data {
        var data = Data()
        while let chunk = try read() {
            data.append(contentsOf: chunk)
            if data.count > limit { throw InputFileError(message: "larger than \(limit >> 20) MiB, the limit for one document") }
        }
        return data
    }
}

/// read(2), named apart from ``InputFile/read()``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

struct InputFileError: Error, CustomStringConvertible {
    let message: String

    init(message: String) { self.message = message }
    init(errno code: Int32) { message = "cannot read: \(String(cString: strerror(code)))" }

    var description: String { message }
}
