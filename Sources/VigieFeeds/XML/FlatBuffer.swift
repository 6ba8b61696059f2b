#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable list of plain values in memory of its own: the document builder's nodes and
/// text runs, appended to and updated in place one write per event.
///
/// An `Array` held in the builder checks that its storage is not shared before every write,
/// a call into the runtime: several per element. This buffer is a class, so a write goes
/// straight to its memory; reads and writes are still bounds-checked. It grows with
/// `realloc`, which moves a large buffer by remapping its pages rather than copying them.
final class FlatBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    /// Room for `capacity` elements before it grows. Room that is never written costs no
    /// memory: the pages are only touched when written.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = malloc(self.capacity * MemoryLayout<Element>.stride)!.assumingMemoryBound(to: Element.self)
    }

    deinit {
        free(base)
    }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }
    var last: Element? { count > 0 ? base[count - 1] : nil }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    func removeLast() {
        precondition(count > 0, "removeLast on an empty buffer")
        count -= 1
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "index out of range")
            return UnsafePointer(base + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < count, "index out of range")
            return base + index
        }
    }

    /// Calls `body` with the elements, valid for the call only.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(never)
    private func grow(toHold needed: Int) {
        capacity = max(capacity * 2, needed)
        base = realloc(base, capacity * MemoryLayout<Element>.stride)!.assumingMemoryBound(to: Element.self)
    }
}
