/// Turns stripped text with break markers into lines: whitespace collapsed, breaks merged,
/// boilerplate lines dropped.
enum LineAssembler {
    private struct Line {
        var start: Int
        var end: Int
        /// 1 for a line break before this line, 2 for a paragraph break.
        var breakBefore: Int
    }

    static func assemble(_ marked: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(marked.count)
        var lines: [Line] = []
        var lineStart = 0
        var lineBreak = 0
        var pendingBreak = 0
        var pendingSpace = false
        for b in marked {
            switch b {
            case BreakMarker.line, BreakMarker.paragraph:
                if text.count > lineStart {
                    lines.append(Line(start: lineStart, end: text.count, breakBefore: lineBreak))
                    lineStart = text.count
                }
                pendingBreak = max(pendingBreak, b == BreakMarker.paragraph ? 2 : 1)
                pendingSpace = false
            case UInt8(ascii: " "):
                pendingSpace = true
            default:
                if text.count == lineStart {
                    lineBreak = pendingBreak
                    pendingBreak = 0
                } else if pendingSpace {
                    text.append(UInt8(ascii: " "))
                }
                pendingSpace = false
                text.append(b)
            }
        }
        if text.count > lineStart {
            lines.append(Line(start: lineStart, end: text.count, breakBefore: lineBreak))
        }
        if lines.count == 1, !Boilerplate.isBoilerplate(text[...]) {
            return String(decoding: text, as: UTF8.self)
        }
        var result: [UInt8] = []
        result.reserveCapacity(text.count + lines.count * 2)
        var carried = 0
        for line in lines {
            let bytes = text[line.start..<line.end]
            if bytes.count <= Boilerplate.maxLineLength, Boilerplate.isBoilerplate(bytes) {
                carried = max(carried, line.breakBefore)
                continue
            }
            if !result.isEmpty {
                let strength = max(1, line.breakBefore, carried)
                result.append(UInt8(ascii: "\n"))
                if strength == 2 { result.append(UInt8(ascii: "\n")) }
            }
            carried = 0
            result.append(contentsOf: bytes)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
