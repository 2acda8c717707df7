"""schema.org JSON-LD in pages: tolerant parsing, @graph and @id resolution, the article object."""
from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable, Iterator

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
                 "socialmediaposting", "techarticle", "scholarlyarticle", "report", "satiricalarticle", "advertisercontentarticle"}
PAGE_TYPES = {"webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "searchresultspage", "medicalwebpage"}
PREFERENCE = ["newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
              "reviewnewsarticle", "article", "blogposting", "liveblogposting", "techarticle", "report", "scholarlyarticle",
              "socialmediaposting"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_DEPTH = 64  # schema.org markup nests a few levels; deeper is junk


def parse_script(text: str) -> Any:
    """A JSON-LD script's data, tolerating CDATA, comments, control characters, trailing
    semicolons or commas and HTML-escaped content; None when it cannot be read."""
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text).strip()
    text = re.sub(r"^<!--|-->$", "", text).strip().rstrip(";").strip()
    if not text:
        return None
    attempts = [text]
    if "&quot;" in text or "&#34;" in text:
        attempts.append(html.unescape(text))
    for attempt in list(attempts):
        attempts.append(re.sub(r",\s*([}\]])", r"\1", CONTROL.sub(" ", attempt)))
    for attempt in attempts:
        try:
            return _shallow(json.loads(attempt, strict=False))
        except ValueError:
            continue
        except RecursionError:
            return None
    # several objects one after another without a list around them
    try:
        return _shallow(json.loads("[" + re.sub(r"}\s*{", "},{", attempts[-1]) + "]", strict=False))
    except (ValueError, RecursionError):
        return None


def _shallow(data: Any) -> Any:
    """The data, or None when it nests deeper than any real markup does (junk, or an attack on the
    recursion of the code that reads it)."""
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return data


def types_of(node: dict[str, Any]) -> set[str]:
    t = node.get("@type", [])
    items = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1] for x in items if isinstance(x, str)}


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in the data, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(reversed([v for v in current.values() if isinstance(v, (dict, list))]))
        elif isinstance(current, list):
            stack.extend(reversed([v for v in current if isinstance(v, (dict, list))]))


class Graph:
    """Every object of every JSON-LD block of a page, with @id references resolvable."""

    def __init__(self, blocks: Iterable[Any]) -> None:
        self.objects = [o for block in blocks for o in walk(block)]
        self.by_id: dict[str, dict[str, Any]] = {}
        for o in self.objects:
            oid = o.get("@id")
            if isinstance(oid, str) and (len(o) > 1 and set(o) != {"@id"}):
                self.by_id.setdefault(oid, o)

    def resolve(self, value: Any, depth: int = 0) -> Any:
        """Replace {"@id": ...} references by the objects they name."""
        if depth > 4:
            return value
        if isinstance(value, dict):
            if set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
                return self.resolve(self.by_id[value["@id"]], depth + 1)
            return value
        if isinstance(value, list):
            return [self.resolve(v, depth + 1) for v in value]
        return value

    def articles(self) -> list[dict[str, Any]]:
        return [o for o in self.objects if types_of(o) & ARTICLE_TYPES]

    def pages(self) -> list[dict[str, Any]]:
        return [o for o in self.objects if types_of(o) & PAGE_TYPES]

    def main_article(self, url: str | None = None) -> dict[str, Any] | None:
        """The page's own article: the one whose URL is the page's, else the most specific type, else the largest."""
        arts = self.articles()
        if not arts:
            return None

        def rank(o: dict[str, Any]) -> tuple:
            own = 0
            if url:
                ids = [o.get("url"), o.get("@id"), _url_of(o.get("mainEntityOfPage"))]
                own = 0 if any(isinstance(i, str) and _same(i, url) for i in ids) else 1
            t = types_of(o)
            pref = min((PREFERENCE.index(x) for x in t if x in PREFERENCE), default=len(PREFERENCE))
            has_headline = 0 if (o.get("headline") or o.get("name")) else 1
            return (own, has_headline, pref, -len(json.dumps(o, default=str)))

        return sorted(arts, key=rank)[0]


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _same(a: str, b: str) -> bool:
    def key(u: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", u.strip().lower()).split("#")[0].split("?")[0].rstrip("/")

    return key(a) == key(b)


def text_of(value: Any) -> str | None:
    """A scalar text out of a JSON-LD value: a string, the first string of a list, an object's name."""
    if isinstance(value, list):
        for v in value:
            t = text_of(v)
            if t:
                return t
        return None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        s = re.sub(r"\s+", " ", str(value)).strip()
        return s or None
    return None


def names_of(value: Any, graph: Graph) -> list[tuple[str, str | None, str | None, str | None]]:
    """(name, url, type, affiliation) of each person or organisation in an author-like value."""
    out: list[tuple[str, str | None, str | None, str | None]] = []
    for item in value if isinstance(value, list) else [value]:
        item = graph.resolve(item)
        if isinstance(item, str):
            if item.strip():
                out.append((item.strip(), None, None, None))
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(x) for x in name if isinstance(x, str))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = " ".join(str(x) for x in (item.get("givenName"), item.get("familyName")) if x)
            if isinstance(name, str) and name.strip():
                url = item.get("url") or item.get("sameAs")
                url = url[0] if isinstance(url, list) and url else url
                types = types_of(item)
                # ["Person", "Organization"] (a site owner, as WordPress SEO plugins write it) is a person
                kind = "person" if "person" in types else min(types, default=None)
                org = graph.resolve(item.get("worksFor") or item.get("affiliation"))
                out.append((name.strip(), url if isinstance(url, str) else None, kind, text_of(org)))
    return out


def keywords_of(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[,;]", value)
    elif isinstance(value, list):
        parts = [x if isinstance(x, str) else (text_of(x) or "") for x in value]
    else:
        parts = [str(value)]
    return [p.strip() for p in parts if p and p.strip()]
