#!/usr/bin/env python3
"""Per-brand sentiment of Vigie: does each brand a post names get the right sentiment?

From the repository root, after `swift build`:

    python3 Tools/eval-brand-sentiment.py                  # .build/debug/vigie
    python3 Tools/eval-brand-sentiment.py --vigie PATH --errors
    python3 Tools/eval-brand-sentiment.py --post           # every brand gets the post's sentiment

`eval-brand-sentiment.jsonl` holds posts written for the project (French mostly, English,
German, Spanish, Italian, Portuguese, Dutch), each naming two brands or more, labelled by
their author by meaning before anything was measured: `{"id", "lang", "text", "brands": {"Name": "positive|neutral|negative"}}`.
Brand names and queries come from `eval-brand-sentiment-brands.json`, the brands file
`vigie classify --stdin --brands` takes.

Rows whose id number is a multiple of 4 are held out: their errors are not printed unless
`--held-out` is given, so tuning on the rest cannot read them; figures are printed for
the development rows, the held-out rows and all rows.

A brand's prediction is the `sentiment` of its entry in the result's `brands`; an entry
without one (a build before per-brand sentiment), or `--post`, takes the post's sentiment.
A brand the classifier did not find counts as wrong.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = ["negative", "neutral", "positive"]


def scores(pairs):
    """Accuracy and macro-F1 over the three labels, in percent, of (gold, predicted) pairs."""
    if not pairs:
        return 0.0, 0.0
    correct = sum(1 for g, p in pairs if g == p)
    f1s = []
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return 100.0 * correct / len(pairs), 100.0 * sum(f1s) / len(LABELS)


def held_out(row):
    return int("".join(c for c in row["id"] if c.isdigit())) % 4 == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vigie", default=os.path.join(HERE, "..", ".build", "debug", "vigie"))
    parser.add_argument("--data", default=os.path.join(HERE, "eval-brand-sentiment.jsonl"))
    parser.add_argument("--brands", default=os.path.join(HERE, "eval-brand-sentiment-brands.json"))
    parser.add_argument("--post", action="store_true", help="give every brand the post's sentiment")
    parser.add_argument("--errors", action="store_true", help="print the development rows it gets wrong")
    parser.add_argument("--held-out", action="store_true", help="with --errors, print held-out rows too")
    args = parser.parse_args()

    with open(args.data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    stdin = "".join(json.dumps({"id": r["id"], "text": r["text"], "lang": r["lang"]}) + "\n" for r in rows)
    run = subprocess.run(
        [args.vigie, "classify", "--stdin", "--brands", args.brands],
        input=stdin, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit("vigie classify --stdin failed (%d): %s" % (run.returncode, run.stderr.strip()))
    results = {}
    for line in run.stdout.splitlines():
        result = json.loads(line)
        results[result["id"]] = result

    groups = {"development": [], "held-out": [], "all": []}
    by_lang = {}
    for row in rows:
        result = results.get(row["id"])
        found = {}
        if result is not None:
            for brand in result["brands"]:
                sentiment = brand.get("sentiment")
                if args.post or sentiment is None:
                    sentiment = result["sentiment"]
                found[brand["name"]] = (sentiment["label"], sentiment["score"])
        wrong = []
        for name, gold in row["brands"].items():
            predicted = found.get(name, ("missing", 0.0))[0]
            pair = (gold, predicted)
            groups["held-out" if held_out(row) else "development"].append(pair)
            groups["all"].append(pair)
            by_lang.setdefault(row["lang"], []).append(pair)
            if predicted != gold:
                wrong.append("%s: want %s, got %s %+.3f" % (name, gold, predicted, found.get(name, ("", 0.0))[1]))
        if args.errors and wrong and (args.held_out or not held_out(row)):
            print("%s [%s] %s" % (row["id"], row["lang"], row["text"]))
            for line in wrong:
                print("    " + line)
            if result is not None:
                for brand in result["brands"]:
                    for reason in (brand.get("sentiment") or {}).get("explanation", []):
                        print("      %s: %s" % (brand["name"], reason))
    print("%-12s %7s %9s %9s" % ("rows", "brands", "accuracy", "macro-F1"))
    for name, pairs in list(groups.items()) + sorted(by_lang.items()):
        accuracy, macro = scores(pairs)
        print("%-12s %7d %8.1f%% %8.1f%%" % (name, len(pairs), accuracy, macro))


if __name__ == "__main__":
    main()
