#!/usr/bin/env python3
"""Runs `vigie feed parse` over every file below a directory and summarises the results.

For checking the parser against feeds saved from the wild, read where they are (nothing is
copied): how many parse, how many are bozo (read leniently), how many fail, and whether any
run crashed (a signal) or overran the time limit.

Usage:

    python3 Tools/feeds-survey.py DIR [--vigie .build/debug/vigie] [--verbose]
"""

import argparse
import json
import os
import subprocess
import sys

SKIP = {"README.md", "LICENSE", "LICENSE-MIT", "LICENSE-NOTE"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--vigie", default=".build/debug/vigie", help="the vigie executable")
    parser.add_argument("--timeout", type=float, default=30, help="seconds allowed per file")
    parser.add_argument("--verbose", action="store_true", help="one line per file")
    args = parser.parse_args()

    totals = {"files": 0, "parsed": 0, "bozo": 0, "failed": 0, "crashed": 0, "timed_out": 0, "entries": 0}
    for root, _, names in os.walk(args.directory):
        for name in sorted(names):
            if name in SKIP:
                continue
            path = os.path.join(root, name)
            totals["files"] += 1
            try:
                run = subprocess.run([args.vigie, "feed", "parse", path], capture_output=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                totals["timed_out"] += 1
                print(f"TIMEOUT {path}")
                continue
            if run.returncode < 0:
                totals["crashed"] += 1
                print(f"CRASH (signal {-run.returncode}) {path}")
                continue
            if run.returncode != 0:
                totals["failed"] += 1
                print(f"FAILED {path}: {run.stderr.decode(errors='replace').strip().splitlines()[0]}")
                continue
            feed = json.loads(run.stdout)
            totals["parsed"] += 1
            totals["entries"] += len(feed["entries"])
            if feed["bozo"]:
                totals["bozo"] += 1
            if args.verbose or feed["bozo"]:
                warnings = "; ".join(feed["warnings"][:3])
                print(f"{feed['format']:<8} {len(feed['entries']):>5} {'bozo' if feed['bozo'] else '    '} {path} {warnings}")
    print(json.dumps(totals))
    return 0 if totals["crashed"] == 0 and totals["timed_out"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
