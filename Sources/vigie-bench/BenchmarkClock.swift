#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock the benchmarks time with: the CPU time of the calling thread.
///
/// On a shared machine, wall time also counts the moments the thread waits while other
/// processes run, and more often for a long measurement than for a short one: the best of
/// several runs then puts a parse further from its tokenizer than it is. CPU time counts
/// only the thread's own work. Every measurement of a benchmark runs on one thread.
enum BenchmarkClock {
    /// Nanoseconds of CPU time the calling thread has used.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Seconds of CPU time since `start`, a value of ``now()`` on the same thread.
    static func seconds(since start: UInt64) -> Double {
        Double(now() - start) / 1e9
    }
}
