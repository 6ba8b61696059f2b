#!/usr/bin/env python3
"""Turn the sample blog pages into Vigie's bundled JSONL corpus.

    python3 Tools/seeds-to-jsonl.py                 # regenerate the bundled corpus
    python3 Tools/seeds-to-jsonl.py --self-test     # check the splitting rules on small pages

Input: the plain-text captures of French blog pages in
Sources/VigieSample/Resources/seeds/*.txt (Blogger and WordPress, 2012-2015).
Output: Sources/VigieSample/Resources/sample-corpus.jsonl, one ImportRecord per line
(url, title, author, published_at, lang, body, kind, parent_url, source), in page
order, with a fixed key order, so the same seeds always give the same bytes.

Pages are split with general rules, not per-page offsets:
  * a date header line ("mercredi 5 mars 2014", "Archives mensuelles : janvier 2013")
    dates the posts that follow it, and the next text line is a post title;
  * a line followed by two blank lines is a post title (WordPress page captures);
  * after a post footer ("Aucun commentaire:", "Poster un commentaire", "Classé dans ...")
    the next text line is the title of the next post;
  * "N commentaires:" opens the comments, "X a dit..." / "X dit :" starts a comment,
    "Répondre" ends one, a "5 mars 2014 à 10:12" line dates it;
  * "Pingback:" / "Trackback:" lines are pingbacks of the post above them;
  * blog furniture (share links, archive lists, labels, comment forms) is dropped.
Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "Sources" / "VigieSample" / "Resources"
DEFAULT_SEEDS = RESOURCES / "seeds"
DEFAULT_OUT = RESOURCES / "sample-corpus.jsonl"


@dataclass(frozen=True)
class Blog:
    """What the pages say, or let us infer, about the blog a page comes from."""

    name: str
    slug: str
    author: str | None = None


RELATION_HUMAINE = Blog("Relation humaine numérique", "relation-humaine-numerique")
CLAUDE_SUPER = Blog("Le Blog de Claude Super", "claude-super", author="Claude Super")
CONSO_ACTEURS = Blog("Conso-acteurs et relation client", "conso-acteurs")


@dataclass(frozen=True)
class Page:
    blog: Blog
    # Date for posts the page does not date itself, when the page makes it evident.
    date: str | None = None


# One entry per seed file. PROVENANCE.md explains each attribution and page date.
PAGES: dict[str, Page] = {
    "000_5dff19273b5b1c2d.txt": Page(RELATION_HUMAINE),
    "001_1b785242f66ebbf7.txt": Page(RELATION_HUMAINE),
    # The anniversary post counts "Top 15 des billets (01-07-11 > 30-06-12)": the page was
    # captured just after 30 June 2012.
    "002_64495b73d7b3a2fa.txt": Page(CLAUDE_SUPER, date="2012-07-01"),
    "003_15c3c0806d962e8a.txt": Page(CONSO_ACTEURS),
    "004_bcbd1998a44a3b9e.txt": Page(CLAUDE_SUPER),
}

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# "mercredi 5 mars 2014", "1er avril 2013"
FULL_DATE = re.compile(rf"^(?:(?:{DAYS})\s+)?(\d{{1,2}}|1er)\s+({MONTH_RE})\s+(\d{{4}})$", re.I)
# "janvier 2013", "Archives mensuelles : janvier 2013", "Archives de janvier 2013"
MONTH_DATE = re.compile(
    rf"^(?:archives(?:\s+mensuelles)?\s*(?::|de|du mois de)?\s*)?({MONTH_RE})\s+(\d{{4}})$", re.I)
# Comment timestamps: "5 mars 2014 à 10:12", "mercredi 5 mars 2014 10 h 12"
STAMP = re.compile(
    rf"^(?:(?:{DAYS})\s+)?(\d{{1,2}}|1er)\s+({MONTH_RE})\s+(\d{{4}})\s*(?:à|,)?\s*\d{{1,2}}\s*[:h]\s*\d{{2}}$",
    re.I)

COMMENT_COUNT = re.compile(
    r"^(?:aucun commentaire|un commentaire|\d+\s+commentaires?|\d+\s+réponses?|une réponse"
    r"|\d+\s+réflexions?\b.*|une réflexion\b.*)\s*:?$", re.I)
COMMENT_START = re.compile(r"^(.{1,60}?)\s+(?:a dit|dit)\s*(?:…|\.\.\.|:)?\s*$")
PINGBACK = re.compile(r"^(?:pingback|trackback)\s*:\s*(.+)$", re.I)
# Blogger's "Enregistrer un commentaire" heads the comment form; the paragraph under it is
# the blog's form message, not text of the post.
FORM_HEADING = re.compile(r"^(?:enregistrer un commentaire|publier un commentaire)$", re.I)
FOOTER_LINK = re.compile(
    r"^(?:poster un commentaire|laisser un commentaire|ajouter un commentaire|classé dans\b.*"
    r"|libellés?\s*:.*|publié par\b.*|posted by\b.*|catégories?\s*:.*|étiquettes?\s*:.*)$", re.I)
FURNITURE = re.compile(
    r"^(?:pages|publicités?|partager|partager\s*:|partager sur \w+|envoyer par e-mail|blogthis!"
    r"|j'aime(?: ça)?\s*:?|j’aime(?: ça)?\s*:?|j'aime chargement…|sur le même thème|share this:"
    r"|like this:|accueil|article plus récent|article plus ancien|archives du blog|archives"
    r"|inscription à\s*:.*|s'abonner à\s*:.*|répondre|supprimer|signaler|lire la suite.*"
    r"|[►▼].*|(?:" + MONTH_RE + r")(?:\s+\d{4})?\s*\(\d+\))$", re.I)
# Lines made only of dashes, dots and the like.
SEPARATOR = re.compile(r"^[\W_]+$")
# A single token with a digit and no sentence punctuation: an image label ("Image1").
IMAGE_LABEL = re.compile(r"^(?=\S*\d)[A-Za-z][\w\-]*$")
PUBLISHED_BY = re.compile(r"^(?:publié par|posted by)\s+(.+?)(?:\s+à\s+\d{1,2}[:h]\d{2})?$", re.I)


def normalise(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    return re.sub(r"[ \t]+", " ", line).strip()


def iso_date(day: str, month: str, year: str) -> str:
    d = 1 if day.lower() == "1er" else int(day)
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}-{d:02d}"


def date_header(line: str) -> str | None:
    if m := FULL_DATE.match(line):
        return iso_date(*m.groups())
    if m := MONTH_DATE.match(line):
        return iso_date("1", m.group(1), m.group(2))
    return None


def is_furniture(line: str) -> bool:
    return bool(FURNITURE.match(line) or SEPARATOR.match(line) or IMAGE_LABEL.match(line))


def slugify(text: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "billet"


def first_sentence(text: str, limit: int = 100) -> str:
    m = re.match(r"(.+?[.!?…])(?:\s|$)", text)
    sentence = (m.group(1) if m else text).strip()
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + " …"
    return sentence


@dataclass
class Reply:
    kind: str  # "comment" or "pingback"
    lines: list[str] = field(default_factory=list)
    author: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass
class Post:
    title: str | None
    date: str | None
    author: str | None
    lines: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


def split_page(text: str, page_date: str | None = None) -> list[Post]:
    """Splits one page's text into posts with their comments and pingbacks."""
    raw = [normalise(line) for line in text.splitlines()]
    posts: list[Post] = []
    current: Post | None = None
    reply: Reply | None = None
    date = page_date
    # "start": top of the page; "body": inside a post; "title": the next text line is a
    # title; "comments": inside a comment list; "form": under a comment form heading.
    state = "start"

    def blank_after(i: int, n: int) -> bool:
        return all(j < len(raw) and raw[j] == "" for j in range(i + 1, i + 1 + n))

    def start_post(title: str | None) -> Post:
        post = Post(title=title, date=date, author=None)
        posts.append(post)
        return post

    for i, line in enumerate(raw):
        if not line:
            continue
        if (header := date_header(line)) is not None:
            date, state, reply = header, "title", None
            continue
        if (m := PUBLISHED_BY.match(line)) and current is not None:
            current.author = m.group(1).strip()
            state = "title" if state != "comments" else state
            continue
        if FORM_HEADING.match(line):
            state, reply = "form", None
            continue
        if state == "form":
            # The form message runs up to the next date header or title-like break.
            if blank_after(i, 2):
                state = "title"
            continue
        if COMMENT_COUNT.match(line):
            state, reply = "comments", None
            continue
        if FOOTER_LINK.match(line):
            state, reply = "title", None
            continue
        if m := PINGBACK.match(line):
            if current is None:
                continue
            reply = pingback(m.group(1))
            reply.date = current.date
            current.replies.append(reply)
            state = "comments"
            continue
        if is_furniture(line):
            continue
        if state == "comments" and current is not None:
            if m := COMMENT_START.match(line):
                reply = Reply(kind="comment", author=m.group(1).strip(), date=current.date)
                current.replies.append(reply)
            elif m := STAMP.match(line):
                if reply is not None:
                    reply.date = iso_date(*m.groups()[:3])
            elif reply is not None and reply.kind == "comment":
                reply.lines.append(line)
            elif reply is not None and line.startswith(("[…]", "[...]")):
                reply.lines.append(line)
            else:
                current, reply, state = start_post(line), None, "body"
            continue
        if state in ("title", "start") and (state == "title" or blank_after(i, 2)):
            current, state = start_post(line), "body"
            continue
        if state == "start":
            current, state = start_post(None), "body"
        elif state == "body" and blank_after(i, 2) and current is not None and current.lines:
            current, state = start_post(line), "body"
            continue
        assert current is not None
        current.lines.append(line)
    return [p for p in posts if p.lines]


def pingback(text: str) -> Reply:
    """'Title | Site' or 'Title « Site': the linking post's title and its blog's name."""
    text = text.strip()
    title, site = text, None
    for sep in (" « ", " | "):
        if sep in text:
            title, site = text.split(sep, 1)
            break
    if site and " | " in site:
        # "Le Blog de Claude Super | Let's make your business more social!": name, then tagline.
        site = site.split(" | ", 1)[0]
    return Reply(kind="pingback", lines=[text], author=site and site.strip(), title=title.strip())


def records_for(name: str, text: str, page: Page) -> list[dict]:
    out: list[dict] = []
    blog = page.blog
    for post in split_page(text, page.date):
        body = "\n\n".join(post.lines)
        title = post.title or first_sentence(post.lines[0])
        path = f"{post.date[:4]}/{post.date[5:7]}/" if post.date else ""
        url = f"https://{blog.slug}.example/{path}{slugify(title)}"
        out.append(record(url, title, post.author or blog.author, post.date, body, "post", None, blog))
        counts = {"comment": 0, "pingback": 0}
        for reply in post.replies:
            if not reply.lines:
                continue
            counts[reply.kind] += 1
            reply_url = f"{url}#{reply.kind}-{counts[reply.kind]}"
            out.append(record(reply_url, reply.title, reply.author, reply.date,
                              "\n\n".join(reply.lines), reply.kind, url, blog))
    return out


def record(url, title, author, date, body, kind, parent, blog: Blog) -> dict:
    # Fixed key order: the ImportRecord fields as documented.
    return {
        "url": url, "title": title, "author": author, "published_at": date, "lang": "fr",
        "body": body, "kind": kind, "parent_url": parent, "source": blog.name,
    }


def convert(seeds: Path) -> list[dict]:
    files = sorted(seeds.glob("*.txt"))
    unknown = [f.name for f in files if f.name not in PAGES]
    if unknown:
        raise SystemExit(f"seeds-to-jsonl: no blog attribution for {', '.join(unknown)}")
    records: list[dict] = []
    for f in files:
        records.extend(records_for(f.name, f.read_text(encoding="utf-8"), PAGES[f.name]))
    urls = [r["url"] for r in records]
    duplicates = sorted({u for u in urls if urls.count(u) > 1})
    if duplicates:
        raise SystemExit(f"seeds-to-jsonl: duplicate urls {duplicates}")
    return records


def dumps(rec: dict) -> str:
    return json.dumps({k: v for k, v in rec.items() if v is not None}, ensure_ascii=False)


def self_test() -> None:
    blogger = """Pages

jeudi 6 mars 2014

Premier billet

Texte du premier billet sur Google.

Publié par Marie à 10:12

2 commentaires:

Paul a dit…

Très juste, merci.

6 mars 2014 à 11:02

Répondre

Anne a dit…

Pas d'accord.

Deuxième ligne.

7 mars 2014 à 09:15

Libellés : relation client

mercredi 5 mars 2014

Second billet

Corps du second billet.

Aucun commentaire:

Enregistrer un commentaire

merci pour ce commentaire.
"""
    posts = split_page(blogger)
    assert [p.title for p in posts] == ["Premier billet", "Second billet"], posts
    assert posts[0].date == "2014-03-06" and posts[1].date == "2014-03-05"
    assert posts[0].author == "Marie"
    assert posts[0].lines == ["Texte du premier billet sur Google."]
    comments = posts[0].replies
    assert [(c.author, c.date, c.lines) for c in comments] == [
        ("Paul", "2014-03-06", ["Très juste, merci."]),
        ("Anne", "2014-03-07", ["Pas d'accord.", "Deuxième ligne."]),
    ], comments
    assert posts[1].lines == ["Corps du second billet."] and not posts[1].replies

    wordpress = """Archives mensuelles : janvier 2013

Titre un

Image1

Corps un.

Poster un commentaire

Classé dans divers

Titre deux

Corps deux.

Pingback: Un autre billet | Un blog | Son slogan
Trackback: Encore un « Web E.sens
"""
    posts = split_page(wordpress)
    assert [(p.title, p.date, p.lines) for p in posts] == [
        ("Titre un", "2013-01-01", ["Corps un."]),
        ("Titre deux", "2013-01-01", ["Corps deux."]),
    ], posts
    pings = [(r.kind, r.title, r.author) for r in posts[1].replies]
    assert pings == [("pingback", "Un autre billet", "Un blog"),
                     ("pingback", "Encore un", "Web E.sens")], pings

    untitled = "Un texte sans titre. Suite.\nDeuxième ligne.\n"
    posts = split_page(untitled, "2012-07-01")
    assert posts[0].title is None and posts[0].date == "2012-07-01"
    assert first_sentence(posts[0].lines[0]) == "Un texte sans titre."
    assert date_header("mercredi 5 mars 2014") == "2014-03-05"
    assert date_header("janvier 2013") == "2013-01-01"
    assert date_header("Le 3 mars c'était mon anniversaire.") is None
    assert slugify("Vous avez dit enpowerment ?") == "vous-avez-dit-enpowerment"
    print("seeds-to-jsonl: self-test passed")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of *.txt pages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSONL file to write")
    parser.add_argument("--self-test", action="store_true", help="check the splitting rules")
    args = parser.parse_args(argv)
    if args.self_test:
        self_test()
        return 0
    records = convert(args.seeds)
    args.out.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    kinds = {k: sum(r["kind"] == k for r in records) for k in ("post", "comment", "pingback")}
    print(f"seeds-to-jsonl: wrote {len(records)} records to {args.out} ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
