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
    /// Â–ô (C3 82–C3 B4) followed by a continuation byte read as windows-1252 (C2, C5, C6,
    /// CB or E2 as its first byte). Text without it, nearly all, is not looked at further.
    static func mayContain(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress, p.count >= 4 else { return false }
        var i = 0
        while i + 3 < p.count, let found = memchr(base + i, 0xC3, p.count - 3 - i) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            let lead = p[at + 1]
            let next = p[at + 2]
            if lead >= 0x82, lead <= 0xB4, next == 0xC2 || next == 0xC5 || next == 0xC6 || next == 0xCB || next == 0xE2 {
                return true
            }
            i = at + 1
        }
        return false
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
