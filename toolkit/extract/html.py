"""Fields of an HTML page from every metadata signal it offers, and its main text.

The page is parsed once with lxml. Metadata is read first, from JSON-LD
(every block, @graph, @id references), OpenGraph and article:* meta, author
meta tags, microdata, <html lang>, <time> and the canonical link; then the
same tree goes to trafilatura for the main text. For each field the first
signal in a fixed order of trust wins, and field_sources names it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Callable, cast
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..names.authors import MAX_AUTHORS, parse_author
from ..names.people import agency_name, clean, is_first_name, looks_like_person
from ..names.words import ORG_TYPES, one_of
from ..normalize.dates import parse_date
from ..normalize.text import word_count
from ..records import AuthorValue, Extracted, RawRecord, RecordError, RejectKind
from . import jsonld
from .encoding import Decoded, decode_html
from .visible_byline import VisibleByline

URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|\b)")
ERROR_TITLE = re.compile(r"\b(404|not found|page not found|seite nicht gefunden|page introuvable|página no encontrada|"
                         r"error 50\d|access denied|forbidden)\b", re.I)
TITLE_SEPARATORS = re.compile(r"\s+[|–—·»«:]\s+|\s+-\s+|\s+::\s+")
# the words a printed publication line opens with ('Veröffentlicht am 3.4.2021', 'Published on March 3, 2021')
PUBLISHED_LABELS = ("ver[öo]ffentlicht", "erschienen", "erstellt", "publiziert", "published", "posted", "publi[ée]e?",
                    "publicado", "pubblicato", "gepubliceerd", "opublikowano", "publikováno")
LABELLED_DATE = re.compile(
    r"\b(?:" + one_of(PUBLISHED_LABELS) + r")(?:\s+(?:am|on|le|el|il|op|:))?\s*:?\s*"
    r"(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}|(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})|(?:\d{1,2}\.? [A-Za-zäéû]+\.? \d{4}))",
    re.I)
MIN_BODY = 150  # characters: less than this is not an article's text...
MIN_BODY_WORDS = 20  # ...unless it holds this many words (a Chinese text of 100 characters is an article)
SHORT_BODY = 2000  # characters: a precise extraction this short gets a second opinion
FAR_LONGER = 3  # the second opinion wins when it finds this many times more text (and the page has no reference)
MIN_REFERENCE = 500  # characters: a JSON-LD articleBody shorter than this is a teaser, not the text
COVERED = 0.6  # an extraction shorter than this share of the articleBody missed part of the article
AGREES = 0.6  # word F1 of a heading and a declared title at which they are one headline, worded apart

# meta names that say "published" of the article, as strong as microdata; then names as likely to date the
# page or the site as the article, weighed below every other signal
PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published", "datepublished",
                  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
                  "citation_publication_date", "citation_date")
PUBLISHED_META_GENERIC = ("publishdate", "publish-date", "pubdate", "publication_date", "date", "dc.date",
                          "original-publish-date", "article.published", "published_time", "og:published_time")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified",
                 "last-modified", "article:updated_time", "lastmod")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "citation_author", "og:article:author", "twitter:data1:author", "shareaholic:article_author_name",
               "cxenseparse:author", "article:author_name")


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


def _first(meta: dict[str, list[str]], keys: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    for key in keys:
        for value in meta.get(key, []):
            if value:
                return value, key
    return None


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


@dataclass
class Authors:
    """The author search of one page as it goes: every value found, the ones taken, and the rule."""

    found: list[dict[str, Any]]
    kept: list[dict[str, Any]]
    source: str


class HtmlExtractor:
    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.tree, decoded = parse(raw)
        self.meta = meta_tags(self.tree)
        self.graph = jsonld.Graph(self._jsonld_blocks())
        self.out = Extracted()
        self.out.sources["encoding"] = decoded.rule
        self.page_url, self.url_rule = self._page_url()
        self.article = self.graph.main_article(self.page_url)  # the page's own article object, if it declares one

    def _jsonld_blocks(self) -> list[Any]:
        blocks = []
        for script in self.tree.iter("script"):
            if (script.get("type") or "").strip().lower() in ("application/ld+json", "application/json+ld"):
                data = jsonld.parse_script(script.text or "")
                if data is not None:
                    blocks.append(data)
        return blocks

    def run(self) -> Extracted:
        self.url()
        self.title()
        self.simple_fields()
        self.dates()
        self.publisher()
        self.authors()
        self.body()
        return self.out

    # -- URL -------------------------------------------------------------------------------
    def _page_url(self) -> tuple[str, str]:
        url, rule = self.raw.meta.get("url"), "container-url"
        if not url:
            link = self.tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
            if link and link[0].strip().startswith("http"):
                url, rule = link[0].strip(), "link-canonical"
            elif og_url := _first(self.meta, ("og:url",)):
                url, rule = og_url[0], "og:url"
        if not url:
            raise RecordError(RejectKind.NO_URL, "not in the container, no canonical link, no og:url (give one with --urls)")
        return url, rule

    def url(self) -> None:
        self.out.set("url", self.page_url, f"html:{self.url_rule}")
        self.out.set("snapshot_date", self.raw.meta.get("snapshot_date"), "warc:WARC-Date")

    # -- title -----------------------------------------------------------------------------
    def title(self) -> None:
        """The headline as the page shows it: the <h1> that its first declared title (or its <title>)
        agrees with (see `headline`), else the first declared or shown title that is more than the site's
        name, with that name cut off. Every title the page gives goes to `titles`."""
        site = self._site_name()
        url = self.raw.meta.get("url") or self.page_url
        declared = self._declared_titles()
        headings = [(h, any(a.tag in ("header", "nav", "footer") for a in e.iterancestors())) for e in self.tree.iter("h1")
                    if 3 <= len(h := _text(e)) <= 300 and not is_site_name(h, site, url)]
        document = self._document_title()
        self.out.fields["titles"] = every_title(declared + document, [h for h, _ in headings])
        first = (declared or document)[:1]  # the <title> is what a page without metadata declares
        chosen = headline(headings, [(strip_site_name(t, site, url), rule) for t, rule in first])
        if chosen:
            self.out.set("title", *chosen)
            return
        for text, rule in declared + self._shown_titles():
            cleaned = strip_site_name(text, site, url)
            if cleaned:
                self.out.set("title", cleaned, rule + (":site-name-removed" if cleaned != text else ""))
                return

    def _declared_titles(self) -> list[tuple[str, str]]:
        """The article's JSON-LD headline and name, then the title meta tags, in that order."""
        found: list[tuple[str, str]] = []
        if self.article:
            for key in ("headline", "name"):
                t = jsonld.text_of(self.article.get(key))
                if t:
                    found.append((t, f"json-ld:{key}"))
        for key in ("og:title", "twitter:title", "parsely-title", "dc.title", "title"):
            hit = _first(self.meta, (key,))
            if hit:
                found.append((hit[0], f"meta:{key}"))
        return found

    def _shown_titles(self) -> list[tuple[str, str]]:
        """The heading that the <title> repeats, the <title>, then the first <h1>."""
        found: list[tuple[str, str]] = []
        h1 = [h for h in (_text(h) for h in self.tree.iter("h1")) if 3 <= len(h) <= 300]
        doc_title = self.tree.findtext(".//title")
        doc_title = re.sub(r"\s+", " ", doc_title).strip() if doc_title else None
        # the heading that the <title> repeats; the longest, since a blog's <h1> is often its name, which the
        # <title> repeats too ('Folge drei: Mia | Nachtfunk')
        in_title = sorted((h for h in (_text(e) for e in self.tree.iter("h1", "h2")) if doc_title and 3 <= len(h) <= 300
                           and (doc_title.startswith(h) or doc_title.endswith(h) or doc_title in h)), key=len, reverse=True)
        if in_title:
            found.append((in_title[0], "html:h1-in-title"))
        if doc_title:
            found.append((doc_title, "html:title"))
        if h1:
            found.append((h1[0], "html:h1"))
        return found

    def _document_title(self) -> list[tuple[str, str]]:
        text = self.tree.findtext(".//title")
        return [(text, "html:title")] if text and text.strip() else []

    def _site_name(self) -> str | None:
        hit = _first(self.meta, ("og:site_name", "application-name", "twitter:site"))
        if hit:
            return hit[0].lstrip("@")
        pub = self.article.get("publisher") if self.article else None
        return jsonld.text_of(self.graph.resolve(pub)) if pub else None

    # -- description, language, section, keywords, image ------------------------------------
    def simple_fields(self) -> None:
        a = self.article or {}
        self._pick("description", [(jsonld.text_of(a.get("description")), "json-ld:description")]
                   + self._metas("og:description", "description", "twitter:description", "dc.description"))
        lang_attr = self.tree.get("lang") or self.tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        self._pick("language", [(jsonld.text_of(a.get("inLanguage")), "json-ld:inLanguage"), (lang_attr, "html:lang")]
                   + self._metas("og:locale", "content-language", "language", "dc.language"), transform=lambda v: v.split(",")[0].strip())
        self._pick("section", [(jsonld.text_of(a.get("articleSection")), "json-ld:articleSection")]
                   + self._metas("article:section", "parsely-section", "section"))
        keywords = jsonld.keywords_of(a.get("keywords"))
        if keywords:
            self.out.set("keywords", _dedupe(keywords), "json-ld:keywords")
        else:
            tags = self.meta.get("article:tag") or []
            for key in ("news_keywords", "keywords", "parsely-tags"):
                if not tags and self.meta.get(key):
                    tags = jsonld.keywords_of(self.meta[key][0])
                    self.out.set("keywords", _dedupe(tags), f"meta:{key}")
            if tags and "keywords" not in self.out.fields:
                self.out.set("keywords", _dedupe(tags), "meta:article:tag")
        image = a.get("image")
        image = self.graph.resolve(image[0] if isinstance(image, list) and image else image)
        image = image.get("url") or image.get("contentUrl") if isinstance(image, dict) else image
        self._pick("image_url", [(image if isinstance(image, str) else None, "json-ld:image")]
                   + self._metas("og:image", "og:image:url", "twitter:image"),
                   transform=lambda v: urljoin(self.page_url, v) if v.startswith(("/", "./")) else v)
        about = [t for t in map(jsonld.text_of, a.get("about") or []) if t] if isinstance(a.get("about"), list) else []
        self.out.set("topics", _dedupe(about), "json-ld:about")

    def _metas(self, *keys: str) -> list[tuple[str | None, str]]:
        return [(v, f"meta:{k}") for k in keys for v in self.meta.get(k, [])[:1]]

    def _pick(self, name: str, cands: list[tuple[str | None, str]], transform: Callable[[str], str] | None = None) -> None:
        for value, rule in cands:
            if value and value.strip():
                self.out.set(name, transform(value.strip()) if transform else value.strip(), rule)
                return

    # -- dates -----------------------------------------------------------------------------
    def date_candidates(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """Every signal of the publication and of the modification: (value, kind, rule), in the page's order
        of strength as declared. The kinds are the units the vote weighs."""
        a = self.article or {}
        page = next(iter(self.graph.pages()), {})
        published: list[tuple[str | None, str, str]] = [(jsonld.text_of(a.get("datePublished")), "jsonld", "json-ld:datePublished")]
        published += [(v, "meta", f"meta:{k}") for k in PUBLISHED_META for v in self.meta.get(k, [])[:1]]
        published += [(v, "microdata", r) for v, r in self._microdata("datePublished")]
        published += [(v, "time", r) for v, r in self._time_elements()]
        published += [(v, "printed", r) for v, r in self._labelled_date()]
        published += [(jsonld.text_of(a.get("dateCreated")), "jsonld_created", "json-ld:dateCreated"),
                      (jsonld.text_of(page.get("datePublished")), "jsonld_page", "json-ld:WebPage.datePublished")]
        published += [(v, "meta_generic", f"meta:{k}") for k in PUBLISHED_META_GENERIC for v in self.meta.get(k, [])[:1]]
        modified: list[tuple[str | None, str, str]] = [(jsonld.text_of(a.get("dateModified")), "jsonld", "json-ld:dateModified"),
                                                       (jsonld.text_of(page.get("dateModified")), "jsonld_page",
                                                        "json-ld:WebPage.dateModified")]
        modified += [(v, "meta", f"meta:{k}") for k in MODIFIED_META for v in self.meta.get(k, [])[:1]]
        modified += [(v, "microdata", r) for v, r in self._microdata("dateModified")]
        return ([(v.strip(), k, r) for v, k, r in published if v and v.strip()],
                [(v.strip(), k, r) for v, k, r in modified if v and v.strip()])

    def dates(self) -> None:
        """The publication date by a weighted vote of its signals (see `toolkit/extract/dates.py`); the
        modification date as declared. An implausible value (after the capture, before 1990) is no signal."""
        from .dates import WEIGHTS, vote

        limit = parse_date(self.raw.meta.get("snapshot_date")) if self.raw.meta.get("snapshot_date") else None
        not_after = limit.value if limit else None
        published, modified = self.date_candidates()
        modified_values = [parse_date(v, not_after) for v, _, _ in modified]
        m = URL_DATE.search(self.page_url)
        late = [(f"{m[1]}-{m[2]}-{m[3]}", "url", "url:date-in-path")] if m else []
        modified_dates = [d for d in modified_values if d]
        chosen = vote(published, late, modified_dates, not_after)
        if chosen is None or chosen.margin <= WEIGHTS["htmldate"]:
            # htmldate's search is the slowest signal: asked only where its vote could change the day
            found = self._htmldate(not_after)
            if found:
                chosen = vote(published, [(found, "htmldate", "htmldate"), *late], modified_dates, not_after)
        if chosen:
            self.out.set("published_raw", chosen.value, chosen.rule)
            if chosen.local_value and chosen.local_rule:
                self.out.set("published_local_raw", chosen.local_value, chosen.local_rule)
        for value, _kind, rule in modified:
            if parse_date(value, not_after) is not None:
                self.out.set("modified_raw", value, rule)
                break

    def _labelled_date(self) -> list[tuple[str | None, str]]:
        """A date the page prints after a word that says it is the publication date ('Veröffentlicht am 16.08.2019')."""
        body = self.tree.find(".//body")
        if body is None:
            return []
        text = re.sub(r"\s+", " ", body.text_content()[:30000])
        m = LABELLED_DATE.search(text)
        if not m:
            return []
        value = m.group("date")
        d = re.match(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$", value)
        return [(f"{d[3]}-{int(d[2]):02d}-{int(d[1]):02d}" if d else value, "html:labelled-date")]

    def _microdata(self, prop: str) -> list[tuple[str | None, str]]:
        out = []
        for el in self.tree.xpath(f"//*[@itemprop='{prop}']")[:2]:
            out.append((el.get("content") or el.get("datetime") or _text(el), f"microdata:{prop}"))
        return out

    def _time_elements(self) -> list[tuple[str | None, str]]:
        times = self.tree.xpath("//time[@datetime]")
        pub = [t for t in times if t.get("pubdate") is not None
               or re.search(r"publish|posted|date", (t.get("class") or "") + (t.get("itemprop") or ""), re.I)]
        return [(t.get("datetime"), "html:time[datetime]") for t in (pub or times)[:1]]

    def _htmldate(self, not_after: datetime | None) -> str | None:
        try:
            from htmldate import find_date

            found = find_date(self.tree, url=self.page_url, original_date=True, extensive_search=True,
                              outputformat="%Y-%m-%d", max_date=not_after.strftime("%Y-%m-%d") if not_after else None)
        except Exception:
            return None
        return found if found and parse_date(found, not_after) else None

    # -- publisher and authors -------------------------------------------------------------
    def publisher(self) -> None:
        a = self.article or {}
        pub = self.graph.resolve(a.get("publisher"))
        pub = pub[0] if isinstance(pub, list) and pub else pub
        if isinstance(pub, dict):
            self.out.set("source.publisher", jsonld.text_of(pub.get("name")), "json-ld:publisher.name")
            self.out.set("source.legal_name", jsonld.text_of(pub.get("legalName")), "json-ld:publisher.legalName")
        elif isinstance(pub, str):
            self.out.set("source.publisher", pub.strip(), "json-ld:publisher")
        if "source.publisher" not in self.out.fields:
            self._pick("source.publisher", self._metas("og:site_name", "application-name", "publisher", "dc.publisher"))

    def authors(self) -> None:
        """The first signal that names authors wins (JSON-LD author, creator and contributor merged; author
        meta tags; microdata), with two exceptions. A declared name the page never shows (a CMS account,
        a site-wide default) is not taken; and a declared author who is only the outlet itself gives way
        to a person in the visible byline. Names not taken stay in byline.raw."""
        found, source = self._declared_authors()
        kept = [a for a in found[:MAX_AUTHORS] if self._shown(a["name"])]  # past the cap: byline.raw only
        byline = VisibleByline(self.tree, self.out.fields.get("title") or "", self._outlet_names())
        state = Authors(found, kept, source)
        for step in (self._given_name_completed, self._person_in_meta, self._name_of_email, self._visible_byline):
            step(byline, state)
        if state.found and not state.kept:
            state.source += ":not-shown"
        taken = {id(k) for k in state.kept}
        if state.found:  # the names not taken stay in byline.raw: what was found
            self.out.authors = [cast(AuthorValue, a) for a in state.found if id(a) in taken]
            self.out.authors_found = [a["name"] for a in state.found]
            self.out.sources["byline"] = state.source

    def _given_name_completed(self, byline: VisibleByline, state: Authors) -> None:
        """'Nina' declared, 'Nina Voss' by the headline: the full name."""
        if len(state.kept) == 1 and self._partial_name(state.kept[0]["name"]):
            full = byline.complete(state.kept[0]["name"])
            if full:
                state.kept, state.source = [{**state.kept[0], "name": full}], state.source + ":completed"
                state.found = [*state.found, *state.kept]

    def _person_in_meta(self, byline: VisibleByline, state: Authors) -> None:
        """The JSON-LD names the outlet, or no one shown: a meta tag may name the person."""
        if state.found and state.source.startswith("json-ld") and (not state.kept or self._only_outlets(state.kept)):
            meta = self._meta_authors()
            people = [a for a in (meta or ([], ""))[0] if self._shown(a["name"]) and self._names_a_person(a["name"])]
            if meta and people:
                state.kept, state.source, state.found = people, meta[1], [*state.found, *people]

    def _name_of_email(self, byline: VisibleByline, state: Authors) -> None:
        """'d.kuckelkorn@boersen-zeitung.de': the login part, as the page writes the name."""
        emails = [a for a in state.found if EMAIL.fullmatch(a["name"].strip())]
        if emails and all(any(a is e for e in emails) for a in state.kept):
            full = byline.complete(emails[0]["name"].strip().split("@")[0])
            if full:
                state.kept, state.source = [{"name": full, "url": None}], state.source + ":from-email"
                state.found = [*state.found, *state.kept]

    def _visible_byline(self, byline: VisibleByline, state: Authors) -> None:
        """No one declared and shown, or only the outlet: the byline the page shows by the headline."""
        if state.kept and not self._only_outlets(state.kept):
            return
        visible = byline.find(people_only=bool(state.kept))
        if visible:
            shown = {"name": visible, "url": None}
            full = self._completed(byline, visible)  # 'Von Moritz' where the page signs 'Moritz Kalden'
            state.kept = [{"name": full, "url": None}] if full else [shown]
            state.source = "html:byline-element" + (":completed" if full else "")
            state.found = [*state.found, shown, *state.kept] if full else [*state.found, shown]

    def _shown(self, name: str) -> bool:
        """Whether a reader sees the name: every word of three letters or more is in the page's text. A
        metadata author the page never shows is most often a CMS account or a site-wide default."""
        words = re.findall(r"\w{3,}", clean(name).casefold())
        return bool(agency_name(clean(name))) or all(w in self.visible_text for w in words)

    @cached_property
    def visible_text(self) -> str:
        nodes = self.tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                                "or ancestor::template)]")
        return " ".join(nodes).casefold()

    def _declared_authors(self) -> tuple[list[dict[str, Any]], str]:
        a = self.article or {}
        found: list[dict[str, Any]] = []
        for key in ("author", "creator", "contributor"):
            for name, url, kind, affiliation in jsonld.names_of(a.get(key), self.graph):
                found.append({"name": name, "url": url, "type": kind, "affiliation": affiliation})
        if found:
            return found, "json-ld:author"
        meta = self._meta_authors()
        if meta:
            return meta
        names = []
        marked = self.tree.xpath("//*[@itemprop='author']")[:20]
        # an itemprop belongs to the item around it; one outside any item (a list of reviewers below the
        # article) counts only when no author is inside one
        scoped = [el for el in marked if any(a.get("itemscope") is not None for a in el.iterancestors())]
        for el in (scoped or marked)[:5]:
            inner = el.xpath(".//*[@itemprop='name']")
            names.append((inner[0].get("content") or _text(inner[0])) if inner else (el.get("content") or _text(el)))
        names = [n for n in names if n and len(n) <= 100]
        return [{"name": n, "url": None} for n in names], "microdata:author"

    def _meta_authors(self) -> tuple[list[dict[str, Any]], str] | None:
        for key in AUTHOR_META:
            values = [v for v in self.meta.get(key, []) if not v.startswith(("http://", "https://"))]
            if values:
                return [{"name": v, "url": None} for v in values], f"meta:{key}"
        return None

    def _outlet_names(self) -> list[str]:
        host = urlsplit(self.page_url).hostname or ""
        return [n for n in (self.out.fields.get("source.publisher"), self._site_name(), host) if n]

    def _completed(self, byline: VisibleByline, visible: str) -> str | None:
        """The full name for a visible byline that gives a given name alone."""
        names = parse_author(visible, outlets=self._outlet_names())
        if len(names) == 1 and names[0]["kind"] == "person" and self._partial_name(names[0]["name"]):
            return byline.complete(names[0]["name"])
        return None

    @staticmethod
    def _partial_name(name: str) -> bool:
        """A given name alone ('Nina') or a CMS login ('marta.lindqvist'): the page may write the full name."""
        name = name.strip()
        return " " not in name and (is_first_name(name) or bool(re.fullmatch(r"[a-z]+(?:[._-][a-z]+){1,2}", name)))

    def _names_a_person(self, value: str) -> bool:
        def caseless_name(name: str) -> bool:  # '松岡大地', '박준석': scripts without capitals, names of 2-4 signs
            return 2 <= len(name) <= 4 and name.isalpha() and not any(c.isupper() or c.islower() for c in name)

        return any(x["kind"] == "person" and (looks_like_person(x["name"]) or caseless_name(x["name"]))
                   for x in parse_author(value, outlets=self._outlet_names()))

    def _only_outlets(self, found: list[dict[str, Any]]) -> bool:
        outlets = self._outlet_names()
        # the declared type is left out: outlets are often typed Person ('L'Opinion'), but a name that reads
        # as a person's stays one even when the site is named after its owner
        def outlet_like(author: dict[str, Any]) -> bool:
            if (author.get("type") or "").lower() in ORG_TYPES:
                return True
            parsed = parse_author(author["name"], None, None, None, outlets)
            return bool(parsed) and all(x["kind"] == "organization" and not looks_like_person(x["name"]) for x in parsed)

        return bool(found) and all(outlet_like(a) for a in found)

    # -- body ------------------------------------------------------------------------------
    def body(self) -> None:
        """The main text: trafilatura set for precision; a second opinion (its default settings) where that
        found little; the page's own JSON-LD articleBody, when complete, as the reference between them. See
        `choose_body`; measured in docs/measurements.md."""
        ld_body = jsonld.text_of(self.article.get("articleBody")) if self.article else None
        ld = (ld_body or "").strip()
        precise = self._trafilatura(favor_precision=True)
        second = None
        if len(precise) < SHORT_BODY or len(ld) >= MIN_REFERENCE and len(precise) < COVERED * len(ld):
            second = self._trafilatura()
        chosen = choose_body(precise, second, ld)
        if chosen is None:  # the last resort: trafilatura set for recall keeps what the others judged too thin
            recall = self._trafilatura(fast=True, favor_recall=True)
            chosen = choose_body(recall, None, ld)
            chosen = (chosen[0], chosen[1].replace("precision", "recall")) if chosen else None
        if chosen is None:
            raise RecordError(RejectKind.NOT_AN_ARTICLE, "no main text found")
        body, rule = chosen
        title = self.out.fields.get("title") or ""
        if len(body) < 400 and ERROR_TITLE.search(title):
            raise RecordError(RejectKind.NOT_AN_ARTICLE, f"an error page ({title[:80]!r})")
        self.out.set("body", body, rule)

    def _trafilatura(self, **settings: Any) -> str:
        from trafilatura import bare_extraction

        try:
            doc = bare_extraction(self.tree, url=self.page_url, with_metadata=False, include_comments=False,
                                  include_tables=True, deduplicate=False, **settings)
        except Exception:  # trafilatura raises on odd trees; the page then has no extracted text
            return ""
        return ((getattr(doc, "text", None) if doc is not None else None) or "").strip()




def token_f1(a: str, b: str) -> float:
    """Bag-of-words overlap of two texts (0-1)."""
    from collections import Counter

    ta, tb = Counter(re.findall(r"\w+", a.lower())), Counter(re.findall(r"\w+", b.lower()))
    common = sum((ta & tb).values())
    return 0.0 if not common else 2 * common / (sum(ta.values()) + sum(tb.values()))


def choose_body(precise: str | None, second: str | None, ld_body: str | None) -> tuple[str, str] | None:
    """The body among trafilatura's precise extraction, its default one (when run) and the JSON-LD
    articleBody. Measured on aeb-pages and fundus-dev (token F1, docs/measurements.md):
    - precision beats recall and the fast path on the pages of both sets without an articleBody;
    - where the page has a complete articleBody (500 characters or more), it is the reference: the
      extraction closest to it wins, and the articleBody itself when every extraction covers less than 60%
      of it (trafilatura stopped early); the articleBody is otherwise not used as text, since pages drop
      its paragraph breaks;
    - without one, the default settings win only when they find three times the text of a short precise
      extraction (the precise one missed the article)."""
    precise, second, ld = (precise or "").strip(), (second or "").strip(), (ld_body or "").strip()
    found = [(text, rule) for text, rule in ((precise, "trafilatura:precision"), (second, "trafilatura:default")) if text]
    if len(ld) >= MIN_REFERENCE:
        if found:
            text, rule = max(found, key=lambda c: token_f1(c[0], ld))
            if len(text) >= COVERED * len(ld):
                return text, f"{rule}:closest-to-json-ld"
        return ld, "json-ld:articleBody"
    if second and len(precise) < SHORT_BODY and len(second) >= FAR_LONGER * max(len(precise), 1):
        found = found[1:] if precise else found  # the precise extraction missed the article
    for text, rule in found:
        if len(text) >= MIN_BODY or word_count(text) >= MIN_BODY_WORDS:
            return text, rule
    if len(ld) >= MIN_BODY:
        return ld, "json-ld:articleBody"
    return None




def headline(headings: list[tuple[str, bool]], declared: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The headline the page shows, from its <h1> headings ((text, in the page's header or navigation))
    and its first declared title ((text less the site's name, rule)), and the rule; None when they do
    not tell. In order:
    - a heading that is a declared title;
    - a declared title that a heading ends with: the heading holds a kicker before it ('Minderheit in
      Syrien - Drusen fordern ...'), which a reader takes for a label, not the headline;
    - a heading that a declared title starts with: the declaration added a tail ('... : Die Erklärung');
    - a heading most of whose words a declared title shares;
    - the page's one heading outside its header and navigation, when no title is declared that could
      say otherwise."""
    def folded(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.casefold()))

    best: tuple[int, float, str, str] | None = None  # (strength, score, text, rule)
    for heading, _ in headings:
        h = folded(heading)
        for text, rule in declared:
            d = folded(text)
            if not h or not d:
                continue
            if h == d:  # the declared text: an <h1> of several elements loses the ':' between them
                found = (4, 1.0, text, f"{rule}:as-the-h1")
            elif h.endswith(" " + d) and len(d) >= 0.4 * len(h):
                found = (3, len(d) / len(h), text, f"{rule}:the-h1-without-its-kicker")
            elif d.startswith(h + " ") and len(h) >= 0.4 * len(d):
                found = (2, len(h) / len(d), heading, f"html:h1:the-{rule}-without-its-tail")
            elif (score := token_f1(heading, text)) >= AGREES:
                found = (1, score, heading, f"html:h1:agrees-with-{rule}")
            else:
                continue
            if best is None or found[:2] > best[:2]:
                best = found
    if best:
        return best[2], best[3]
    shown = [text for text, in_header in headings if not in_header]
    if len(shown) == 1 and not declared:
        return shown[0], "html:h1"
    return None


def every_title(declared: list[tuple[str, str]], headings: list[str]) -> list[dict[str, str]]:
    """Each title the page gives, with where: its declarations in their order, then its <h1> headings."""
    seen: set[tuple[str, str]] = set()
    out = []
    for text, source in [*declared, *((h, "html:h1") for h in headings)]:
        text = re.sub(r"\s+", " ", text).strip()
        if text and (text, source) not in seen:
            seen.add((text, source))
            out.append({"text": text, "source": source})
    return out


def is_site_name(text: str, site: str | None, url: str | None) -> bool:
    """Whether a text is the site's own name (its og:site_name, or its host's name): a logo's heading."""
    squeezed = re.sub(r"[^a-z0-9]", "", text.strip().lower())
    if not squeezed:
        return False
    if site and squeezed == re.sub(r"[^a-z0-9]", "", site.lower()):
        return True
    host = re.sub(r"^https?://(www\.)?", "", (url or "").lower()).split("/")[0]
    return squeezed in (re.sub(r"[^a-z0-9]", "", host), re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0]))


def strip_site_name(title: str, site: str | None, url: str | None) -> str:
    """'Headline | Site' -> 'Headline' when the removed part names the site (its og:site_name or domain)."""
    title = re.sub(r"\s+", " ", title).strip()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    host = re.sub(r"^https?://(www\.)?", "", (url or "").lower()).split("/")[0]
    squeezed_host = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0])

    def names_site(part: str) -> bool:
        p = part.strip().lower()
        sq = re.sub(r"[^a-z0-9]", "", p)
        if site and (p == site.strip().lower() or sq == re.sub(r"[^a-z0-9]", "", site.lower())):
            return True
        full = re.sub(r"[^a-z0-9]", "", host)
        return bool(sq) and len(sq) >= 3 and (sq in squeezed_host or sq == full or sq.startswith(squeezed_host)
                                              or squeezed_host.endswith(sq) or sq.endswith(squeezed_host))

    for cut in (lambda ps: ps[:-1], lambda ps: ps[1:]):
        kept = cut(parts)
        removed = parts[-1] if kept == parts[:-1] else parts[0]
        if names_site(removed):
            pieces = TITLE_SEPARATORS.findall(title)
            if kept == parts[:-1]:
                return title[: title.rfind(pieces[-1])].strip() if pieces else title
            return title[title.find(pieces[0]) + len(pieces[0]):].strip() if pieces else title
    return title


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def extract(raw: RawRecord) -> Extracted:
    return HtmlExtractor(raw).run()
