#!/usr/bin/env python3
"""Governance-category quality of `vigie classify` on a labelled set of posts.

From the repository root:

    python3 Tools/eval-categories.py                                   # .build/release/vigie
    python3 Tools/eval-categories.py --vigie /path/to/vigie --errors
    python3 Tools/eval-categories.py --cmd "path/to/classifier --stdin" FILE.jsonl

The set, `Tools/eval-categories.jsonl` (454 posts: 182 French, 90 English, 91 German,
91 Spanish), was written for issue 18 (item 3) by a single author, an AI assistant working
as a helper session of the project, as customers, employees, candidates, journalists and
bloggers write (typos, missing accents, slang, abbreviations, emoji). It is NOT made of the
taxonomy's keywords: it measures whether the rules generalise. The same author labelled
every post from what the categories mean (no second annotator), before the classifier was
run on it, and it is a CHECK set: its first measurement was taken before any change to the
taxonomy (taxonomy version 1). Once its errors are read to change the
taxonomy, it becomes a development set and its figures are optimistic.

Each line is a JSON object: `id`, `lang`, `text`, `categories` (every category the post
belongs to, possibly none) and, on hard negatives, `near`: the categories the post looks
close to but does not belong to. Each category has at least 20 positives spread over the
four languages and at least 20 hard negatives. Labelling conventions:

- complaint: the author is dissatisfied with a product, a service or the way they were
  treated; it stays a complaint when the post also carries personal data, a legal threat,
  a security incident or an insult. Polite questions and praise are not complaints.
- crisis: a public reputational event for the brand (boycott call, product recall,
  outrage going viral, scandal in the press, mass customer-data breach). Private
  "viral" anecdotes, reminders and call-backs are not.
- legal_risk: a lawsuit, legal threat, formal legal complaint, or an accusation of fraud,
  theft, deception or defamation aimed at the brand. Lawyers on TV, "a steal" for a bargain
  and phishing warnings are not.
- personal_data: the post exposes data about a private person: e-mail, phone number
  (national or international form), postal address, IBAN, card or social security number.
  Company hotlines, shop addresses, order, ticket, case and tracking numbers are not.
- security_incident: hacking, account takeover, data breach or leak, ransomware, phishing
  or smishing campaigns. Outages, password resets and films about hackers are not.
- regulation: the brand's compliance with data-protection or consumer law (GDPR requests
  and erasure demands, regulators such as CNIL, DGCCRF, ICO, FTC, AEPD, fines, statutory
  withdrawal and warranty rights). News on laws that do not concern a brand, students'
  law exams and job offers for privacy lawyers are not.
- service_request: a customer asks the brand for help or information: an order, a ticket,
  a call-back, a change to an account or a delivery, including when it carries a number
  that is not personal data. Rhetorical questions and questions to friends are not.
- employer_brand: recruiting posts, and what employees, candidates and unions say about
  working for the brand, good or bad (strikes, layoffs, interviews, internships).
  Praise or blame for one shop assistant or delivery driver as seen by a customer is not.
- incivility: insults and threats aimed at a person or the brand, whether or not the post
  also accuses. Swearing about food, self-deprecation and jokes are not.
- promotional: advertising, promo codes, giveaways, sponsored posts, pingbacks, get-rich
  spam. Complaints about a promo code, reviews and news about sales days are not.

`Tools/eval-categories-holdout.jsonl` (179 posts: 45 French, 45 English, 44 German,
45 Spanish) is a second set by the same kind of author under the same conventions, written
and labelled before the taxonomy changes of issue 18 and kept out of tuning: its errors are
not read while rules change, so its figures show whether the rules generalise. Measure it
with `python3 Tools/eval-categories.py Tools/eval-categories-holdout.jsonl`.

The command reads `{"id", "text", "lang"}` lines on stdin and prints one JSON result per
line with `categories` as a list of `{"id", "rule", ...}`. The post's language is passed
as a hint, as a feed's language would be (`--detect-lang` leaves it out); the classifier
may still override it from the text. A post
with no result counts as tagged with nothing.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
from collections import defaultdict

CATEGORIES = [
    "complaint", "crisis", "legal_risk", "personal_data", "security_incident",
    "regulation", "service_request", "employer_brand", "incivility", "promotional",
]
HERE = os.path.dirname(os.path.abspath(__file__))


def run_command(cmd, rows, lang_hint):
    lines = []
    for r in rows:
        obj = {"id": r["id"], "text": r["text"]}
        if lang_hint and r.get("lang"):
            obj["lang"] = r["lang"]
        lines.append(json.dumps(obj, ensure_ascii=False) + "\n")
    try:
        done = subprocess.run(shlex.split(cmd), input="".join(lines).encode("utf-8"),
                              capture_output=True, check=False)
    except OSError as error:
        sys.exit(f"eval-categories: cannot run {cmd!r}: {error}")
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        sys.exit(f"eval-categories: {cmd!r} exited with {done.returncode}")
    results = {}
    for line in done.stdout.decode("utf-8").splitlines():
        line = line.strip()
        if line:
            obj = json.loads(line)
            results[obj.get("id")] = obj
    return results


def tags(result):
    """{category: (rule, matched text)} for one classifier result."""
    found = {}
    for cat in (result or {}).get("categories") or []:
        span = cat.get("span") or {}
        found.setdefault(cat.get("id"), (cat.get("rule"), span.get("text")))
    return found


def ratio(a, b):
    return a / b if b else 0.0


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def count(rows, predicted):
    counts = {c: {"support": 0, "tp": 0, "fp": 0, "fn": 0, "near": 0, "near_fp": 0} for c in CATEGORIES}
    for r in rows:
        gold = set(r["categories"])
        got = set(predicted[r["id"]]) & set(CATEGORIES)
        for c in CATEGORIES:
            k = counts[c]
            k["support"] += c in gold
            k["tp"] += c in gold and c in got
            k["fp"] += c not in gold and c in got
            k["fn"] += c in gold and c not in got
            near = c in r.get("near", [])
            k["near"] += near
            k["near_fp"] += near and c in got
    return counts


def table(counts, title):
    print(title)
    print("| category          | support |  TP |  FP |  FN | precision | recall |    F1 | hard neg FP |")
    print("|-------------------|--------:|----:|----:|----:|----------:|-------:|------:|------------:|")
    ps, rs, fs = [], [], []
    for c in CATEGORIES:
        k = counts[c]
        p = ratio(k["tp"], k["tp"] + k["fp"])
        r = ratio(k["tp"], k["tp"] + k["fn"])
        ps.append(p)
        rs.append(r)
        fs.append(f1(p, r))
        print(f"| {c:<17} | {k['support']:7} | {k['tp']:3} | {k['fp']:3} | {k['fn']:3} "
              f"| {p:9.3f} | {r:6.3f} | {f1(p, r):5.3f} | {k['near_fp']:4} of {k['near']:3} |")
    n = len(CATEGORIES)
    print(f"| {'macro average':<17} | {'':7} | {'':3} | {'':3} | {'':3} "
          f"| {sum(ps) / n:9.3f} | {sum(rs) / n:6.3f} | {sum(fs) / n:5.3f} | {'':11} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=os.path.join(HERE, "eval-categories.jsonl"))
    parser.add_argument("--cmd", default=".build/release/vigie classify --stdin",
                        help="classifier command reading JSON lines on stdin")
    parser.add_argument("--vigie", metavar="PATH", help="shorthand for --cmd 'PATH classify --stdin'")
    parser.add_argument("--detect-lang", action="store_true", help="do not pass the posts' language as a hint")
    parser.add_argument("--lang", choices=["fr", "en", "de", "es"], help="measure one language only")
    parser.add_argument("--by-lang", action="store_true", help="also print one table per language")
    parser.add_argument("--errors", action="store_true",
                        help="list every false positive and false negative with the rules that fired")
    args = parser.parse_args()
    cmd = f"{shlex.quote(args.vigie)} classify --stdin" if args.vigie else args.cmd

    with open(args.data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if args.lang:
        rows = [r for r in rows if r.get("lang") == args.lang]
    results = run_command(cmd, rows, not args.detect_lang)
    missing = [r["id"] for r in rows if r["id"] not in results]
    if missing:
        print(f"warning: no result for {len(missing)} posts ({', '.join(missing[:5])}...), counted as untagged")
    predicted = {r["id"]: tags(results.get(r["id"])) for r in rows}

    langs = defaultdict(int)
    for r in rows:
        langs[r.get("lang")] += 1
    hint = "detected" if args.detect_lang else "hinted"
    print(f"{args.data}: {len(rows)} posts ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}); "
          f"language {hint}; command: {cmd}")
    table(count(rows, predicted), "")
    if args.by_lang:
        for lang in sorted(langs):
            sub = [r for r in rows if r.get("lang") == lang]
            print()
            table(count(sub, predicted), f"{lang}: {len(sub)} posts")

    if args.errors:
        print()
        for c in CATEGORIES:
            for r in rows:
                gold = set(r["categories"])
                got = predicted[r["id"]]
                detected = (results.get(r["id"]) or {}).get("lang")
                if c in got and c not in gold:
                    rule, span = got[c]
                    print(f"FP {c}\t{r['id']}\trule={rule} span={span!r}\tlang={detected}\t{r['text']}")
                elif c in gold and c not in got:
                    fired = ", ".join(f"{k}:{v[0]}" for k, v in sorted(got.items())) or "none"
                    print(f"FN {c}\t{r['id']}\tfired={fired}\tlang={detected}\t{r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
