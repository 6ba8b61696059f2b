import Foundation

/// RFC 3339 and W3C-DTF dates (ISO 8601 profiles), partial dates too: the dates of Atom
/// feeds, Dublin Core and JSON Feed.
extension FeedDate {
    static func iso(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        if let date = canonicalISO(b) { return date }
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func accept(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if i == b.count { return make(year, month, day, 0, 0, 0, 0, 0) }
        let dashed = accept(UInt8(ascii: "-"))
        guard let m = digits(2) else { return nil }
        month = m
        if i < b.count {
            if dashed { guard accept(UInt8(ascii: "-")) else { return nil } }
            guard let d = digits(2) else { return nil }
            day = d
        } else if !dashed {
            return nil
        }
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else {
                return nil
            }
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            _ = accept(UInt8(ascii: ":"))
            guard let mi = digits(2) else { return nil }
            minute = mi
            if accept(UInt8(ascii: ":")) || (i < b.count && b[i] >= 48 && b[i] <= 57) {
                guard let s = digits(2) else { return nil }
                second = s
                if accept(UInt8(ascii: ".")) || accept(UInt8(ascii: ",")) {
                    var scale = 0.1
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        fraction += Double(b[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            if i + 1 == b.count, b[i] | 0x20 == UInt8(ascii: "z") {
                i = b.count
            } else if i + 6 == b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                b[i + 3] == UInt8(ascii: ":")
            {
                // The common numeric zone, `+01:00`.
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let h = digits(2), accept(UInt8(ascii: ":")), let m = digits(2), m < 60, h * 60 + m <= 18 * 60
                else { return nil }
                offset = sign * (h * 60 + m)
            } else if i < b.count {
                let rest = String(decoding: b[i...], as: UTF8.self)
                guard let zone = zoneOffset(rest) else { return nil }
                offset = zone
                i = b.count
            }
        }
        guard i == b.count else { return nil }
        return make(year, month, day, hour, minute, second, fraction, offset)
    }

    /// `YYYY-MM-DDThh:mm:ssZ` and `YYYY-MM-DDThh:mm:ss±hh:mm`, the forms nearly every Atom
    /// feed writes, read at fixed offsets; nil for anything else, which ``iso(_:)`` reads.
    private static func canonicalISO(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20 || b.count == 25, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = fixedDigits(b, 0, 4), let month = fixedDigits(b, 5, 2), let day = fixedDigits(b, 8, 2),
            let hour = fixedDigits(b, 11, 2), let minute = fixedDigits(b, 14, 2), let second = fixedDigits(b, 17, 2)
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard b[19] == UInt8(ascii: "Z") else { return nil }
        } else {
            guard b[22] == UInt8(ascii: ":"), let h = fixedDigits(b, 20, 2), let m = fixedDigits(b, 23, 2), m < 60,
                h * 60 + m <= 18 * 60
            else { return nil }
            switch b[19] {
            case UInt8(ascii: "+"): offset = h * 60 + m
            case UInt8(ascii: "-"): offset = -(h * 60 + m)
            default: return nil
            }
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }
}
