"""The main text: trafilatura set for precision; a second opinion (its default settings) where that found
little; the page's own JSON-LD articleBody, when complete, as the reference between them (`choose_body`;
measured in docs/measurements.md)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...normalize.text import token_f1, word_count
from ...records import RecordError, RejectKind
from .. import jsonld
from .page import Page
from .signals import ERROR_TITLE


@dataclass(frozen=True)
class BodyThresholds:
    min_chars: int = 150  # characters: less than this is not an article's text...
    min_words: int = 20  # ...unless it holds this many words (a Chinese text of 100 characters is an article)
    short: int = 2000  # characters: a precise extraction this short gets a second opinion
    far_longer: int = 3  # the second opinion wins when it finds this many times more text (and no reference)
    min_reference: int = 500  # characters: a JSON-LD articleBody shorter than this is a teaser, not the text
    covered: float = 0.6  # an extraction shorter than this share of the articleBody missed part of the article
    error_page: int = 400  # characters: a body shorter than this under an error title ('404') is an error page


THRESHOLDS = BodyThresholds()


def body(page: Page) -> None:
    ld_body = jsonld.text_of(page.article.get("articleBody")) if page.article else None
    ld = (ld_body or "").strip()
    precise = _trafilatura(page, favor_precision=True)
    second = None
    if len(precise) < THRESHOLDS.short or len(ld) >= THRESHOLDS.min_reference and len(precise) < THRESHOLDS.covered * len(ld):
        second = _trafilatura(page)
    chosen = choose_body(precise, second, ld)
    if chosen is None:  # the last resort: trafilatura set for recall keeps what the others judged too thin
        recall = _trafilatura(page, fast=True, favor_recall=True)
        chosen = choose_body(recall, None, ld)
        chosen = (chosen[0], chosen[1].replace("precision", "recall")) if chosen else None
    if chosen is None:
        raise RecordError(RejectKind.NOT_AN_ARTICLE, "no main text found")
    text, rule = chosen
    title = page.out.fields.get("title") or ""
    if len(text) < THRESHOLDS.error_page and ERROR_TITLE.search(title):
        raise RecordError(RejectKind.NOT_AN_ARTICLE, f"an error page ({title[:80]!r})")
    page.out.set("body", text, rule)


def _trafilatura(page: Page, **settings: Any) -> str:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(page.tree, url=page.url, with_metadata=False, include_comments=False,
                              include_tables=True, deduplicate=False, **settings)
    except Exception:  # trafilatura raises on odd trees; the page then has no extracted text
        return ""
    return ((getattr(doc, "text", None) if doc is not None else None) or "").strip()


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
    if len(ld) >= THRESHOLDS.min_reference:
        if found:
            text, rule = max(found, key=lambda c: token_f1(c[0], ld))
            if len(text) >= THRESHOLDS.covered * len(ld):
                return text, f"{rule}:closest-to-json-ld"
        return ld, "json-ld:articleBody"
    if second and len(precise) < THRESHOLDS.short and len(second) >= THRESHOLDS.far_longer * max(len(precise), 1):
        found = found[1:] if precise else found  # the precise extraction missed the article
    for text, rule in found:
        if len(text) >= THRESHOLDS.min_chars or word_count(text) >= THRESHOLDS.min_words:
            return text, rule
    if len(ld) >= THRESHOLDS.min_chars:
        return ld, "json-ld:articleBody"
    return None
