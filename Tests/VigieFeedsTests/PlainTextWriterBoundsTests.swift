import Testing

@testable import VigieFeeds

/// The plain-text writer never cuts text: it fills its buffer to the room it keeps free and
/// stops the program, rather than dropping bytes, on a write past it.
@Suite struct PlainTextWriterBoundsTests {
    /// A writer over 16 bytes takes 13 bytes one at a time: the three after them stay free
    /// for a pending break and the byte that follows it.
    @Test func fillsTheBufferToTheRoomItKeeps() {
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            var writer = PlainTextWriter(buffer: buffer)
            for k in 0..<13 { writer.byte(UInt8(ascii: "a") + UInt8(k)) }
            return writer.finish()
        }
        #expect(written == "abcdefghijklm")
    }

    /// Every byte of HTML with no markup comes out when the buffer is the length the parser
    /// gives it, the HTML's plus eight: the stripper writes no more than it reads.
    @Test func keepsEveryByteInTheBufferTheParserGives() {
        for length in [1, 15, 16, 17, 247, 248, 249, 4096] {
            let html = String(repeating: "abcdefg ", count: length / 8 + 1).prefix(length)
            let text = HTMLText.plainText(String(html))
            #expect(text == String(html).trimmingASCIIWhitespace(), "\(length) bytes")
        }
    }

    @Test func byteStopsPastTheBuffer() async {
        await #expect(processExitsWith: .failure) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
                var writer = PlainTextWriter(buffer: buffer)
                for _ in 0..<14 { writer.byte(UInt8(ascii: "x")) }
            }
        }
    }

    @Test func runStopsPastTheBuffer() async {
        await #expect(processExitsWith: .failure) {
            let text = Array("twelve bytes".utf8)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
                var writer = PlainTextWriter(buffer: buffer)
                text.withUnsafeBufferPointer { writer.run($0.baseAddress!, count: $0.count) }
            }
        }
    }

    @Test func scalarStopsPastTheBuffer() async {
        await #expect(processExitsWith: .failure) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
                var writer = PlainTextWriter(buffer: buffer)
                for _ in 0..<4 { writer.scalar(0x1F600) }
            }
        }
    }
}
