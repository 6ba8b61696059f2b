#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 text that was read as windows-1252 and encoded again, "â€¦" for "…" or "Ã©" for
/// "é", as publishers double-encode it: repaired run by run. A run of characters that
/// windows-1252 writes at or above 0x80 is replaced by what its bytes say in UTF-8 when they
/// are valid UTF-8; anything else ("déjà", a lone "Ã") stays as written.
enum Mojibake {
    /// Whether the UTF-8 may hold a double-encoded character: a lead byte read as one of
    /// Â–ô (C3 82–C3 B4) followed by as many characters as that lead byte wants
    /// continuation bytes, each one windows-1252 writes as a byte 80–BF. Text without it,
    /// nearly all, is not looked at further: French "été" before a no-break space is
    /// C3 A9 C2 A0, an "é" wanting two continuations and followed by one.
    static func mayContain(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress, p.count >= 4 else { return false }
        var i = 0
        while i + 3 < p.count, let found = memchr(base + i, 0xC3, p.count - 3 - i) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            let lead = p[at + 1]
            if lead >= 0x82, lead <= 0xB4 {
                // Â–ß lead two bytes, à–ï three, ð–ô four.
                var wanted = lead < 0xA0 ? 1 : lead < 0xB0 ? 2 : 3
                var k = at + 2
                while wanted > 0, let length = continuationLength(p, at: k) {
                    k += length
                    wanted -= 1
                }
                if wanted == 0 { return true }
            }
            i = at + 1
        }
        return false
    }

    /// The length of the UTF-8 character at `k` when windows-1252 writes it as a byte
    /// 80–BF (a continuation byte read as windows-1252), nil otherwise.
    private static func continuationLength(_ p: UnsafeBufferPointer<UInt8>, at k: Int) -> Int? {
        guard k + 1 < p.count else { return nil }
        let b = p[k]
        let scalar: UInt32
        let length: Int
        switch b {
        case 0xC2, 0xC5, 0xC6, 0xCB:
            scalar = UInt32(b & 0x1F) << 6 | UInt32(p[k + 1] & 0x3F)
            length = 2
        case 0xE2 where k + 2 < p.count:
            scalar = UInt32(b & 0x0F) << 12 | UInt32(p[k + 1] & 0x3F) << 6 | UInt32(p[k + 2] & 0x3F)
            length = 3
        default:
            return nil
        }
        guard let byte = Windows1252.highByte(for: scalar), byte <= 0xBF else { return nil }
        return length
    }

    static func repair(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var run: [UInt8] = []
        var scalars: [Unicode.Scalar] = []
        func flush() {
            if run.count >= 2, let fixed = String(validating: run, as: UTF8.self) {
                out.append(contentsOf: fixed.unicodeScalars)
            } else {
                out.append(contentsOf: scalars)
            }
            run.removeAll(keepingCapacity: true)
            scalars.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if let byte = Windows1252.highByte(for: scalar.value) {
                run.append(byte)
                scalars.append(scalar)
            } else {
                if !run.isEmpty { flush() }
                out.append(scalar)
            }
        }
        if !run.isEmpty { flush() }
        return String(out)
    }
}
