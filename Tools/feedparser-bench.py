#!/usr/bin/env python3
"""Times Python's feedparser on the benchmark feeds of `vigie-bench feed`.

Requires feedparser 6 (this script installs nothing):

    pip install 'feedparser==6.*'

Usage:

    vigie-bench feed --write-fixtures /tmp/vigie-bench
    python3 Tools/feedparser-bench.py /tmp/vigie-bench

Prints, for each of the two files, the items and bytes parsed per second (best of
--iterations runs, in the CPU time of the thread, as `vigie-bench feed` times), to set
beside the figures `vigie-bench feed` prints for the same bytes.

    python3 Tools/feedparser-bench.py --feeds ../shared/feeds-real

times every XML feed file (.xml, .rss, .atom, .rdf) under a directory instead, in total, to
set beside `vigie-bench feed --feeds` on the same directory.
"""

import argparse
import os
import sys
import time

FILES = [("rss20", "bench-rss20.xml"), ("atom10", "bench-atom10.xml")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", help="the directory given to `vigie-bench feed --write-fixtures`")
    parser.add_argument("--feeds", action="store_true", help="time every XML feed file under the directory")
    parser.add_argument("--iterations", type=int, default=3, help="runs per file; the best is kept (default 3)")
    args = parser.parse_args()

    try:
        import feedparser
    except ImportError:
        print("feedparser is not installed: pip install 'feedparser==6.*'", file=sys.stderr)
        return 1

    print(f"feedparser {feedparser.__version__}")
    if args.feeds:
        return time_directory(feedparser, args.directory, args.iterations)
    print("feed     items    MiB   items/s    MiB/s")
    for name, filename in FILES:
        path = os.path.join(args.directory, filename)
        with open(path, "rb") as handle:
            data = handle.read()
        best = float("inf")
        items = 0
        for _ in range(max(1, args.iterations)):
            start = time.thread_time()
            result = feedparser.parse(data)
            best = min(best, time.thread_time() - start)
            items = len(result.entries)
        mib = len(data) / 1048576
        print(f"{name:<6} {items:>7} {mib:>6.1f} {items / best:>9.0f} {mib / best:>8.2f}")
    return 0


def time_directory(feedparser, directory, iterations):
    """Total best-of-N time of every XML feed file under `directory`."""
    files = []
    for root, _, names in os.walk(directory):
        for name in sorted(names):
            if name.rsplit(".", 1)[-1].lower() in ("xml", "rss", "atom", "rdf"):
                files.append(os.path.join(root, name))
    total_seconds = 0.0
    total_bytes = 0
    total_items = 0
    for path in sorted(files):
        with open(path, "rb") as handle:
            data = handle.read()
        best = float("inf")
        for _ in range(max(1, iterations)):
            start = time.thread_time()
            result = feedparser.parse(data)
            best = min(best, time.thread_time() - start)
        total_seconds += best
        total_bytes += len(data)
        total_items += len(result.entries)
    mib = total_bytes / 1048576
    print(f"{len(files)} files, {total_items} entries, {mib:.2f} MiB")
    print(f"{total_items / total_seconds:.0f} entries/s, {mib / total_seconds:.2f} MiB/s (best of {iterations} each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
