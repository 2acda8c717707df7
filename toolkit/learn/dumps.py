"""Labelled flat dumps from pages: any page with a schema.org article object in its JSON-LD is the
dump it would be flattened into (docs/formats.md), and every block's role is the key it
came from. Labels cost nothing, so the flat reader's weights are learned from them.

A pages folder holds `pages.jsonl` ({url, file, text?}) and `html/<file>` (or `<file>.gz`), the layout
of the evaluation sets."""
from __future__ import annotations

import gzip
import json
import os
import random
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..extract import jsonld
from ..extract.flat.roles import Role

SKIPPED_KEYS = {"@context", "@type", "@id", "url"}

# The role each JSON-LD key gives its blocks. Keys not listed are other.
ROLE_OF_KEY = {
    "headline": Role.HEADLINE, "name": Role.HEADLINE, "alternativeheadline": Role.ALT_HEADLINE,
    "description": Role.DESCRIPTION, "abstract": Role.DESCRIPTION,
    "articlebody": Role.BODY, "text": Role.BODY,
    "datepublished": Role.DATE_PUBLISHED, "uploaddate": Role.DATE_PUBLISHED, "datemodified": Role.DATE_MODIFIED,
    "datecreated": Role.DATE_CREATED,
    "author": Role.AUTHOR, "creator": Role.CREATOR, "contributor": Role.CREATOR, "editor": Role.CREATOR,
    "publisher": Role.PUBLISHER, "sourceorganization": Role.PUBLISHER, "provider": Role.PUBLISHER,
    "copyrightholder": Role.PUBLISHER,
    "articlesection": Role.SECTION, "section": Role.SECTION, "category": Role.SECTION, "genre": Role.SECTION,
    "keywords": Role.KEYWORD, "news_keywords": Role.KEYWORD,
    "about": Role.TERM, "mentions": Role.TERM,
    "image": Role.MEDIA, "thumbnailurl": Role.MEDIA, "thumbnail": Role.MEDIA, "associatedmedia": Role.MEDIA, "video": Role.MEDIA,
    "audio": Role.MEDIA, "logo": Role.MEDIA,
    "inlanguage": Role.LANGUAGE,
    "mainentityofpage": Role.LINK, "ispartof": Role.LINK, "discussionurl": Role.LINK, "sameas": Role.LINK,
}


def role_of(key: str) -> Role:
    return Role(ROLE_OF_KEY.get(key.lower(), Role.OTHER))


@dataclass
class LabelledDump:
    url: str
    text: str  # the dump as a reader sees it: header, then the blocks separated by blank lines
    roles: list[str]  # one per block after the header
    source: str  # the pages folder it came from
    variant: int = 0  # 0: as the page wrote it; else a reordered copy


def leaves(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif value is None:
        return
    elif isinstance(value, bool):
        yield "true" if value else "false"
    else:
        text = re.sub(r"\s+", " ", str(value)).strip()
        if text:
            yield text


def flatten(article: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, block text) of an article object, in key order: a scalar is a block, an object the leaf
    values joined by spaces, a list one block per element."""
    blocks = []
    for key, value in article.items():
        if key in SKIPPED_KEYS:
            continue
        for item in value if isinstance(value, list) else [value]:
            text = " ".join(leaves(item))
            if text:
                blocks.append((key, text))
    return blocks


def read_page(folder: str, name: str) -> bytes | None:
    path = os.path.join(folder, "html", name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            return f.read()
    return None


def article_of(page: bytes) -> dict[str, Any] | None:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(page)
    except Exception:
        return None
    blocks = [jsonld.parse_script(s.text or "") for s in tree.xpath('//script[@type="application/ld+json"]')]
    graph = jsonld.Graph(b for b in blocks if b is not None)
    # dumps are made from web pages' objects too, when a page declares no article
    found = [o for o in graph.objects if jsonld.types_of(o) & (jsonld.ARTICLE_TYPES | {"webpage"})]
    if not found:
        return None

    def rank(o: dict[str, Any]) -> tuple[int, int]:
        order = [t for t in jsonld.PREFERENCE if t in jsonld.types_of(o)]
        return (jsonld.PREFERENCE.index(order[0]) if order else len(jsonld.PREFERENCE), -len(json.dumps(o, default=str)))

    return min(found, key=rank)


def main_text(page: bytes) -> str | None:
    import logging

    from trafilatura import extract

    quiet = logging.getLogger("trafilatura")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # its complaints about a page are not the trainer's; other loggers keep theirs
    try:
        return extract(page.decode("utf-8", "replace"), include_comments=False) or None
    except Exception:
        return None
    finally:
        quiet.setLevel(level)


def reordered(blocks: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """The same object with its keys in another order (a list's items stay together): other sites write
    the same keys in other orders, and a model that learned one order would not read theirs."""
    groups: list[list[tuple[str, str]]] = []
    for key, text in blocks:
        if groups and groups[-1][0][0] == key:
            groups[-1].append((key, text))
        else:
            groups.append([(key, text)])
    rng.shuffle(groups)
    return [b for g in groups for b in g]


def labelled_dumps(folder: str, seed: int = 713, variants: int = 0) -> Iterator[LabelledDump]:
    """The labelled dumps of a pages folder, in its order, each followed by `variants` copies with
    their keys reordered. Where the article object has no body, the page's reference text or its main
    text stands in, inserted about a third of the way down with its paragraphs glued together, as dumps
    are often made."""
    rng = random.Random(seed)
    with open(os.path.join(folder, "pages.jsonl"), encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    for meta in pages:
        page = read_page(folder, meta["file"])
        if page is None:
            continue
        article = article_of(page)
        if article is None:
            continue
        blocks = flatten(article)
        body = article.get("articleBody")
        if not (isinstance(body, str) and len(body) > 200):
            text = meta.get("text") if meta.get("text") and len(meta["text"]) > 200 else main_text(page)
            if not text or len(text) <= 200:
                continue
            paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
            glued = ("" if rng.random() < 0.5 else " ").join(paragraphs)
            at = min(len(blocks), max(1, len(blocks) // 3 + rng.randint(-1, 2)))
            blocks.insert(at, ("articleBody", glued))
        month = str(meta.get("date") or "2020-01")[:7]
        for variant in range(variants + 1):
            order = blocks if variant == 0 else reordered(blocks, rng)
            text = f" date {month} {meta['url']}\n\n" + "\n\n".join(b for _, b in order) + "\n"
            yield LabelledDump(meta["url"], text, [role_of(k) for k, _ in order], os.path.basename(folder.rstrip("/")),
                               variant)


# The seed dump's roles, block by block as docs/formats.md reads them: the one real dump of a
# state-media template the toolkit was first written for, labelled by hand.
SEED = "datasets/sample/inputs/000_2f8a4e7a85224ba2.txt"
SEED_ROLES = (["headline", "headline", "description", "date_created", "date_published", "date_modified"]
              + ["term"] * 10 + ["other", "media", "body"] + ["term"] * 9
              + ["publisher", "other", "author", "creator", "section", "language", "publisher", "media", "media", "media",
                 "publisher", "creator", "keyword"])


def documented_dumps(root: str) -> Iterator[LabelledDump]:
    """Dumps labelled by hand in the project: the seed."""
    path = os.path.join(root, SEED)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        url = text.split()[2]
        yield LabelledDump(url, text, list(SEED_ROLES), "seed")
