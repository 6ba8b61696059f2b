#!/usr/bin/env python3
"""Times Python's feedparser on the benchmark feeds of `vigie feed bench`.

Requires feedparser 6 (this script installs nothing):

    pip install 'feedparser==6.*'

Usage:

    vigie feed bench --write-fixtures /tmp/vigie-bench
    python3 Tools/feedparser-bench.py /tmp/vigie-bench

Prints, for each of the two files, the items and bytes parsed per second (best of
--iterations runs), to set beside the figures `vigie feed bench` prints for the same bytes.
"""

import argparse
import os
import sys
import time

FILES = [("rss20", "bench-rss20.xml"), ("atom10", "bench-atom10.xml")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", help="the directory given to `vigie feed bench --write-fixtures`")
    parser.add_argument("--iterations", type=int, default=3, help="runs per file; the best is kept (default 3)")
    args = parser.parse_args()

    try:
        import feedparser
    except ImportError:
        print("feedparser is not installed: pip install 'feedparser==6.*'", file=sys.stderr)
        return 1

    print(f"feedparser {feedparser.__version__}")
    print("feed     items    MiB   items/s    MiB/s")
    for name, filename in FILES:
        path = os.path.join(args.directory, filename)
        with open(path, "rb") as handle:
            data = handle.read()
        best = float("inf")
        items = 0
        for _ in range(max(1, args.iterations)):
            start = time.perf_counter()
            result = feedparser.parse(data)
            best = min(best, time.perf_counter() - start)
            items = len(result.entries)
        mib = len(data) / 1048576
        print(f"{name:<6} {items:>7} {mib:>6.1f} {items / best:>9.0f} {mib / best:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
