#!/usr/bin/env python3
"""Run feedparser's own test cases through `vigie feed parse` and count what passes.

Python's feedparser (BSD-2-Clause, https://github.com/kurtmckee/feedparser) ships its test
suite in its source distribution on PyPI. Each case is a feed whose header comment holds an
`Expect:` line, a Python expression over what feedparser returns, for instance

    Expect: not bozo and entries[0]['author'] == 'Example editor'

This script downloads that distribution once (into a cache folder, never into the
repository), parses every case with `vigie feed parse`, presents Vigie's normalized JSON
under feedparser's names and evaluates the expression. A case whose expression reads a
field Vigie's shape does not have (feedparser's `links`, `*_detail['type']`, `encoding`,
the raw date strings, iTunes and Media RSS fields, ...) is counted "not applicable", never
passed. The date-parser cases of feedparser's runtests.py run too, each inside a one-item
RSS feed, under `dates/<parser>`.

Usage:
    Tools/feedparser-suite.py [--vigie PATH] [--tests DIR] [--failures] [--only FOLDER]

It prints passed/failed/not applicable per folder and exits 1 if a case failed that is not
in the list of known differences (KNOWN below, each with its reason).
"""

import argparse
import ast
import builtins
import calendar
import glob
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

from feedparser_differences import PARSER_DIFFERENCES

FEEDPARSER = "6.0.14"
FOLDERS = ["wellformed", "illformed", "encoding", "entities"]

# Cases Vigie deliberately answers differently, relative to the tests folder, with why.
KNOWN = {}

# Parser and dates (issue 18, item 1), by reason, in their own file.
KNOWN.update(PARSER_DIFFERENCES)


class NotApplicable(Exception):
    """The expression reads a field Vigie's normalized shape does not have."""


def parsed_time(text):
    """feedparser's *_parsed: a UTC struct_time."""
    if text is None:
        return None
    stamp = text.replace("Z", "+00:00")
    from datetime import datetime

    return time.gmtime(calendar.timegm(datetime.fromisoformat(stamp).utctimetuple()))


class Node:
    """A read-only view of a dict under feedparser's names.

    `fields` maps a feedparser key to a function of the Vigie object giving the value, or
    `MISSING` when Vigie has nothing there (a KeyError, as feedparser raises). Any other
    key is not part of Vigie's shape.
    """

    MISSING = object()

    def __init__(self, fields):
        self._fields = fields

    def _value(self, key):
        if key not in self._fields:
            raise NotApplicable(key)
        return self._fields[key]()

    def __getitem__(self, key):
        value = self._value(key)
        if value is Node.MISSING:
            raise KeyError(key)
        return value

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)

    def __contains__(self, key):
        return self._value(key) is not Node.MISSING

    def get(self, key, default=None):
        value = self._value(key)
        return default if value is Node.MISSING else value

    def keys(self):
        raise NotApplicable("keys()")

    def __eq__(self, other):
        raise NotApplicable("comparison of a whole dict")

    __hash__ = None


def present(value):
    return Node.MISSING if value is None or value == "" else value


def text(obj, name):
    """A text construct as feedparser gives it: the sanitized HTML when there is markup, else the text."""
    return lambda: present(obj.get(name + "_html") or obj.get(name))


def date(obj, name):
    return lambda: present(parsed_time(obj.get(name)))


def detail(value, language=None):
    fields = {"value": value}
    if language is not None:
        fields["language"] = language
    return lambda: Node(fields) if value() is not Node.MISSING else Node.MISSING


def feed_node(feed):
    fields = {
        "title": text(feed, "title"),
        "subtitle": text(feed, "subtitle"),
        "link": lambda: present(feed.get("link")),
        "author": lambda: present(feed.get("author")),
        "language": lambda: present(feed.get("language")),
        "updated_parsed": date(feed, "updated"),
        "published_parsed": date(feed, "published"),
    }
    # feedparser's aliases of the same fields.
    for alias, name in [("tagline", "subtitle"), ("description", "subtitle"), ("modified_parsed", "updated_parsed"),
                        ("date_parsed", "updated_parsed"), ("issued_parsed", "published_parsed")]:
        fields[alias] = fields[name]
    for name in ["title", "subtitle", "tagline", "description"]:
        fields[name + "_detail"] = detail(fields[name])
    return Node(fields)


def entry_node(entry):
    # feedparser's detail dicts always hold a language, None when unknown.
    language = lambda: entry.get("language") or None
    content = text(entry, "content")
    # feedparser copies an entry's text or HTML content into its summary when it has none
    # (`_end_content` in feedparser/namespaces/_base.py).
    own_summary = text(entry, "summary")
    summary = lambda: own_summary() if own_summary() is not Node.MISSING else content()
    categories = entry.get("categories") or []
    fields = {
        "id": lambda: present(entry.get("id")) if not str(entry.get("id", "")).startswith("urn:sha256:") else Node.MISSING,
        "title": text(entry, "title"),
        "link": lambda: present(entry.get("link")),
        "author": lambda: present(entry.get("author")),
        "summary": summary,
        "summary_detail": detail(summary, language),
        "content": lambda: [Node({"value": content, "language": language})] if content() is not Node.MISSING else Node.MISSING,
        "updated_parsed": date(entry, "updated"),
        "published_parsed": date(entry, "published"),
        "tags": lambda: [Node({"term": lambda c=c: c}) for c in categories] if categories else Node.MISSING,
        "category": lambda: categories[0] if categories else Node.MISSING,
        "comments": lambda: present(entry.get("comments_link")),
    }
    for alias, name in [("guid", "id"), ("description", "summary"), ("modified_parsed", "updated_parsed"),
                        ("date_parsed", "updated_parsed"), ("issued_parsed", "published_parsed")]:
        fields[alias] = fields[name]
    fields["title_detail"] = detail(fields["title"])
    fields["description_detail"] = fields["summary_detail"]
    return Node(fields)


VERSIONS = {"rss20": "rss20", "rss10": "rss10", "atom10": "atom10", "atom03": "atom03", "jsonfeed": "json1"}

# Safe HTML (see the README's sanitizer section): where the sanitizer deliberately writes
# something other than feedparser, or feedparser's own reading is not safe.
SANITIZER_KNOWN = {
    # Forms post data where the publisher chooses: Vigie drops a form with its content.
    "wellformed/sanitize/acceptable_element_form.xml": "a form is dropped with its content",
    # An iframe's content is fallback text no browser shows: Vigie drops it with the frame.
    "wellformed/sanitize/entry_content_iframe.xml": "an iframe is dropped with its content",
    "wellformed/sanitize/entry_summary_iframe.xml": "an iframe is dropped with its content",
    "wellformed/sanitize/feed_subtitle_iframe.xml": "an iframe is dropped with its content",
    # feedparser's sgmllib takes the comments for text and writes the script's code as text;
    # Vigie drops the comments and the script whole.
    "wellformed/sanitize/entry_content_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/entry_summary_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/entry_title_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/feed_subtitle_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/feed_tagline_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/feed_title_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/item_content_encoded_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/item_description_crazy.xml": "comments and the script are dropped whole",
    "wellformed/sanitize/item_fullitem_crazy.xml": "comments and the script are dropped whole",
    # Vigie writes every `&` of an attribute value as `&amp;`, so that no reference written as
    # text becomes one; the same value as feedparser's `&#38;`.
    "wellformed/amp/attr01.xml": "`&` in an attribute is always written `&amp;`",
    "wellformed/amp/attr03.xml": "`&` in an attribute is always written `&amp;`",
    # Inline XHTML keeps a character reference as written (`&#38;`): the same HTML as
    # feedparser's `&amp;` (the text cases are in feedparser_differences.py).
    "wellformed/amp/attr04.xml": "a reference in inline XHTML is kept as written",
    "wellformed/amp/attr06.xml": "a reference in inline XHTML is kept as written",
    # SVG and MathML are dropped, tags and attributes, as ammonia and bluemonday drop them
    # by default: their own allow-lists (xlink, animation, foreign content) are where
    # sanitizers have let scripts through. Their text is kept.
    "wellformed/namespace/atommathml.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/atomsvg.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/atomsvgdesc.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/atomsvgtitle.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/atomxlink.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/rss2.0mathml.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/rss2.0svg.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/rss2.0svg5.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/rss2.0svgtitle.xml": "SVG and MathML markup is dropped, its text kept",
    "wellformed/namespace/rss2.0xlink.xml": "SVG and MathML markup is dropped, its text kept",
}
KNOWN.update(SANITIZER_KNOWN)


class Environment(dict):
    """The names an expression may read: feedparser's result, as far as Vigie has it."""

    def __init__(self, result):
        super().__init__()
        self.result = result

    def __getitem__(self, name):
        r = self.result
        if name == "bozo":
            return bool(r.get("bozo"))
        if name == "feed":
            return feed_node(r.get("feed") or {})
        if name == "entries":
            return [entry_node(e) for e in r.get("entries") or []]
        if name == "version":
            version = VERSIONS.get(r.get("format"))
            if version is None:
                raise NotApplicable("version " + str(r.get("format")))
            return version
        if hasattr(builtins, name) or name in ("time",):
            raise KeyError(name)
        raise NotApplicable(name)


HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
DESCRIPTION = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
SKIP = re.compile(rb"SkipUnless:\s*(.*?)\n")


def run_vigie(vigie, path, content_type=None, base=None):
    command = [vigie, "feed", "parse", path]
    if content_type:
        command += ["--content-type", content_type]
    if base:
        command += ["--url", base]
    done = subprocess.run(command, capture_output=True, timeout=60)
    if done.returncode != 0:
        # Nothing could be parsed: feedparser returns an empty, bozo result.
        return {"bozo": True, "feed": {}, "entries": []}
    return json.loads(done.stdout)


FEED_KEYS = set(feed_node({})._fields)
ENTRY_KEYS = set(entry_node({})._fields)
DETAIL_KEYS = {"value", "language", "term"}
NAMES = {"bozo", "feed", "entries", "version"}


def applicable(expression):
    """Whether every name and key the expression reads is in Vigie's shape, decided before
    running it: a case about `tags[0]['scheme']` is not applicable even when Vigie found no tag."""
    keys = FEED_KEYS | ENTRY_KEYS | DETAIL_KEYS
    for node in ast.walk(ast.parse(expression, mode="eval")):
        if isinstance(node, ast.Name) and node.id not in NAMES and not hasattr(builtins, node.id) and node.id != "time":
            return False
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            if node.slice.value not in keys:
                return False
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Subscript):
            return False
    return True


def evaluate(expression, result):
    if not applicable(expression):
        return "n/a"
    try:
        return "passed" if eval(expression, {"time": time}, Environment(result)) else "failed"
    except NotApplicable:
        return "n/a"
    except (KeyError, IndexError, AttributeError, TypeError):
        return "failed"


def file_case(vigie, tests, path):
    data = open(path, "rb").read()
    found = DESCRIPTION.search(data)
    if not found:
        return None
    expression = found.group(2).decode("utf-8").strip()
    if SKIP.search(data):
        return None
    content_type = None
    for name, value in HEADER.findall(data):
        if name.strip().lower() == b"content-type":
            content_type = value.strip().decode("latin-1")
    # The http cases are served from this address in feedparser's suite; relative links
    # resolve against it.
    base = None
    if "http" in path:
        base = "http://127.0.0.1:8097/" + os.path.relpath(path, os.path.dirname(tests))
        for name, value in HEADER.findall(data):
            if name.strip().lower() == b"content-location":
                base = urljoin(base, value.strip().decode("latin-1"))
    result = run_vigie(vigie, path, content_type, base)
    return os.path.relpath(path, tests), expression, evaluate(expression, result)


def date_cases(tests):
    """feedparser's date-parser cases: (parser, input, expected tuple or None)."""
    source = open(os.path.join(tests, "runtests.py"), encoding="utf-8").read()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "date_tests" for t in node.targets):
            for key, value in zip(node.value.keys, node.value.values):
                for text_value, expected in ast.literal_eval(value):
                    yield key.id.replace("_parse_date_", ""), text_value, expected


def date_case(vigie, scratch, index, parser, value, expected):
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    path = os.path.join(scratch, "date-%d.xml" % index)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title>'
                "<item><title>i</title><pubDate>%s</pubDate></item></channel></rss>" % escaped)
    result = run_vigie(vigie, path)
    entries = result.get("entries") or [{}]
    got = parsed_time(entries[0].get("published"))
    got = tuple(got) if got is not None else None
    want = tuple(expected) if expected is not None else None
    status = "passed" if got == want else "failed"
    return "dates/%s/%r" % (parser, value), "published_parsed == %r (got %r)" % (want, got), status


def fetch(cache):
    tests = os.path.join(cache, "feedparser-%s" % FEEDPARSER, "tests")
    if os.path.isdir(tests):
        return tests
    os.makedirs(cache, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    "feedparser==%s" % FEEDPARSER, "-d", cache], check=True)
    with tarfile.open(os.path.join(cache, "feedparser-%s.tar.gz" % FEEDPARSER)) as archive:
        archive.extractall(cache, filter="data") if sys.version_info >= (3, 12) else archive.extractall(cache)
    return tests


def folder_of(name):
    parts = name.split("/")
    return "/".join(parts[:2]) if parts[0] in ("wellformed", "dates") else parts[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vigie", default=os.environ.get("VIGIE", ".build/release/vigie"))
    parser.add_argument("--tests", help="feedparser's tests folder (default: downloaded into the cache)")
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/vigie/feedparser"))
    parser.add_argument("--failures", action="store_true", help="list each failed case with its expectation")
    parser.add_argument("--only", help="run the folders starting with this (wellformed/rss, dates, ...)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    tests = args.tests or fetch(args.cache)
    jobs = []
    with ThreadPoolExecutor(args.jobs) as pool, tempfile.TemporaryDirectory() as scratch:
        for folder in FOLDERS:
            for path in sorted(glob.glob(os.path.join(tests, folder, "**", "*.xml"), recursive=True)):
                jobs.append(pool.submit(file_case, args.vigie, tests, path))
        for index, (name, value, expected) in enumerate(date_cases(tests)):
            jobs.append(pool.submit(date_case, args.vigie, scratch, index, name, value, expected))
        results = [job.result() for job in jobs]
    results = [r for r in results if r is not None and (not args.only or r[0].startswith(args.only))]

    counts = {}
    unexpected = []
    for name, expression, status in results:
        row = counts.setdefault(folder_of(name), {"passed": 0, "failed": 0, "n/a": 0, "known": 0})
        if status == "failed" and name in KNOWN:
            status = "known"
        row[status] += 1
        if status == "failed":
            unexpected.append((name, expression))
    print("%-28s %7s %7s %7s %7s" % ("folder", "passed", "failed", "known", "n/a"))
    total = {"passed": 0, "failed": 0, "n/a": 0, "known": 0}
    for folder in sorted(counts):
        row = counts[folder]
        print("%-28s %7d %7d %7d %7d" % (folder, row["passed"], row["failed"], row["known"], row["n/a"]))
        for key in total:
            total[key] += row[key]
    print("%-28s %7d %7d %7d %7d" % ("total", total["passed"], total["failed"], total["known"], total["n/a"]))
    if args.failures:
        for name, expression in unexpected:
            print("FAILED %s\n       %s" % (name, expression))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
