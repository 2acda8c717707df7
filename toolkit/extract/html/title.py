"""The title: the headline as the page shows it, and every title the page gives."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...normalize.text import token_f1
from .. import jsonld
from .page import Page, first, text_of
from .signals import TITLE_META, TITLE_SEPARATORS


@dataclass(frozen=True)
class TitleThresholds:
    agrees: float = 0.6  # word F1 of a heading and a declared title at which they are one headline, worded apart
    shortest: int = 3  # characters: a heading shorter than this, or longer than `longest`, is no headline
    longest: int = 300


THRESHOLDS = TitleThresholds()


def title(page: Page) -> None:
    """The headline as the page shows it: the <h1> that its first declared title (or its <title>)
    agrees with (see `headline`), else the first declared or shown title that is more than the site's
    name, with that name cut off. Every title the page gives goes to `titles`."""
    site = page.site_name()
    url = page.raw.meta.get("url") or page.url
    declared = declared_titles(page)
    headings = [(h, any(a.tag in ("header", "nav", "footer") for a in e.iterancestors())) for e in page.tree.iter("h1")
                if THRESHOLDS.shortest <= len(h := text_of(e)) <= THRESHOLDS.longest and not is_site_name(h, site, url)]
    document = _document_title(page)
    page.out.fields["titles"] = every_title(declared + document, [h for h, _ in headings])
    chosen_first = (declared or document)[:1]  # the <title> is what a page without metadata declares
    chosen = headline(headings, [(strip_site_name(t, site, url), rule) for t, rule in chosen_first])
    if chosen:
        page.out.set("title", *chosen)
        return
    for text, rule in declared + _shown_titles(page):
        cleaned = strip_site_name(text, site, url)
        if cleaned:
            page.out.set("title", cleaned, rule + (":site-name-removed" if cleaned != text else ""))
            return


def declared_titles(page: Page) -> list[tuple[str, str]]:
    """The article's JSON-LD headline and name, then the title meta tags, in that order."""
    found: list[tuple[str, str]] = []
    if page.article:
        for key in ("headline", "name"):
            t = jsonld.text_of(page.article.get(key))
            if t:
                found.append((t, f"json-ld:{key}"))
    for key in TITLE_META:
        hit = first(page.meta, (key,))
        if hit:
            found.append((hit[0], f"meta:{key}"))
    return found


def _shown_titles(page: Page) -> list[tuple[str, str]]:
    """The heading that the <title> repeats, the <title>, then the first <h1>."""
    found: list[tuple[str, str]] = []
    shortest, longest = THRESHOLDS.shortest, THRESHOLDS.longest
    h1 = [h for h in (text_of(h) for h in page.tree.iter("h1")) if shortest <= len(h) <= longest]
    doc_title = page.tree.findtext(".//title")
    doc_title = re.sub(r"\s+", " ", doc_title).strip() if doc_title else None
    # the heading that the <title> repeats; the longest, since a blog's <h1> is often its name, which the
    # <title> repeats too ('Folge drei: Mia | Nachtfunk')
    in_title = sorted((h for h in (text_of(e) for e in page.tree.iter("h1", "h2")) if doc_title and shortest <= len(h) <= longest
                       and (doc_title.startswith(h) or doc_title.endswith(h) or doc_title in h)), key=len, reverse=True)
    if in_title:
        found.append((in_title[0], "html:h1-in-title"))
    if doc_title:
        found.append((doc_title, "html:title"))
    if h1:
        found.append((h1[0], "html:h1"))
    return found


def _document_title(page: Page) -> list[tuple[str, str]]:
    text = page.tree.findtext(".//title")
    return [(text, "html:title")] if text and text.strip() else []


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
            elif (score := token_f1(heading, text)) >= THRESHOLDS.agrees:
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
