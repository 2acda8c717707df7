"""The page, parsed once: its tree, its meta tags, its JSON-LD graph and the article object it declares,
its URL; and the helpers every rule shares (the first signal that has a value, the site's name, the
names that mean the outlet, the text a reader sees)."""
from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Callable
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from ...names.people import agency_name, clean
from ...records import Extracted, RawRecord, RecordError, RejectKind
from .. import jsonld
from ..encoding import Decoded, decode_html
from .signals import SITE_NAME_META


def parse(raw: RawRecord) -> tuple[etree._Element, Decoded]:
    """The page's tree, and how its bytes were decoded (see `encoding.decode_html`)."""
    decoded = decode_html(raw.data, raw.meta.get("http_charset"), raw.meta.get("url"))
    if not decoded.text.strip():
        raise RecordError(RejectKind.EMPTY_PAGE)
    try:
        # lxml is given UTF-8 and told so: its own charset handling never sees the page's declarations
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
        tree = lxml_html.document_fromstring(decoded.text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise RecordError(RejectKind.NOT_HTML, str(exc)) from None
    if tree is None or tree.find(".//body") is None and len(tree) == 0:
        raise RecordError(RejectKind.NOT_HTML, "no document")
    return tree, decoded


def meta_tags(tree: etree._Element) -> dict[str, list[str]]:
    """All <meta> values by lower-cased name, property, itemprop or http-equiv, in page order."""
    out: dict[str, list[str]] = {}
    for m in tree.iter("meta"):
        content = m.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = m.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def first(meta: dict[str, list[str]], keys: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    for key in keys:
        for value in meta.get(key, []):
            if value:
                return value, key
    return None


def text_of(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


class Page:
    """One HTML record, parsed once, and the fields found so far (`out`)."""

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.tree, decoded = parse(raw)
        self.meta = meta_tags(self.tree)
        self.graph = jsonld.Graph(self._jsonld_blocks())
        self.out = Extracted()
        self.out.sources["encoding"] = decoded.rule
        self.url, self.url_rule = self._page_url()
        self.article = self.graph.main_article(self.url)  # the page's own article object, if it declares one

    def _jsonld_blocks(self) -> list[Any]:
        blocks = []
        for script in self.tree.iter("script"):
            if (script.get("type") or "").strip().lower() in ("application/ld+json", "application/json+ld"):
                data = jsonld.parse_script(script.text or "")
                if data is not None:
                    blocks.append(data)
        return blocks

    def _page_url(self) -> tuple[str, str]:
        url, rule = self.raw.meta.get("url"), "container-url"
        if not url:
            link = self.tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
            if link and link[0].strip().startswith("http"):
                url, rule = link[0].strip(), "link-canonical"
            elif og_url := first(self.meta, ("og:url",)):
                url, rule = og_url[0], "og:url"
        if not url:
            raise RecordError(RejectKind.NO_URL, "not in the container, no canonical link, no og:url (give one with --urls)")
        return url, rule

    def metas(self, *keys: str) -> list[tuple[str | None, str]]:
        """The first value of each meta name, with its rule."""
        return [(v, f"meta:{k}") for k in keys for v in self.meta.get(k, [])[:1]]

    def pick(self, name: str, candidates: list[tuple[str | None, str]], transform: Callable[[str], str] | None = None) -> None:
        """The field from the first candidate that has a value."""
        for value, rule in candidates:
            if value and value.strip():
                self.out.set(name, transform(value.strip()) if transform else value.strip(), rule)
                return

    def site_name(self) -> str | None:
        hit = first(self.meta, SITE_NAME_META)
        if hit:
            return hit[0].lstrip("@")
        pub = self.article.get("publisher") if self.article else None
        return jsonld.text_of(self.graph.resolve(pub)) if pub else None

    def outlet_names(self) -> list[str]:
        """The names that mean the outlet on this page: its declared publisher, its site's name, its host."""
        host = urlsplit(self.url).hostname or ""
        return [n for n in (self.out.fields.get("source.publisher"), self.site_name(), host) if n]

    @cached_property
    def visible_text(self) -> str:
        nodes = self.tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                                "or ancestor::template)]")
        return " ".join(nodes).casefold()

    def shows(self, name: str) -> bool:
        """Whether a reader sees the name: every word of three letters or more is in the page's text. A
        metadata author the page never shows is most often a CMS account or a site-wide default."""
        words = re.findall(r"\w{3,}", clean(name).casefold())
        return bool(agency_name(clean(name))) or all(w in self.visible_text for w in words)
