#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback listener that never accepts, its queue filled by a few connections of its
/// own: the kernel drops every further SYN, so a client's connect hangs until its connect
/// timeout, without a packet leaving the machine.
final class FullBacklog {
    private var descriptors: [Int32] = []
    private(set) var port = 0

    init() throws {
        let listener = socket(AF_INET, Self.stream, 0)
        guard listener >= 0 else { throw Failure.socket }
        descriptors.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 0) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure.socket }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the accept queue (backlog 0 holds one) and the SYN queue behind it.
        for _ in 0..<4 {
            let client = socket(AF_INET, Self.stream, 0)
            guard client >= 0, fcntl(client, F_SETFL, O_NONBLOCK) == 0 else { throw Failure.socket }
            descriptors.append(client)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) }
            }
        }
        usleep(100_000)
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    enum Failure: Error { case socket }

    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif
}
