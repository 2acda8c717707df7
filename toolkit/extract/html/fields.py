"""The fields one signal gives: description, language, section, keywords, image, topics, publisher. For
each, the first signal in a fixed order of trust wins: the article's JSON-LD, then the meta tags."""
from __future__ import annotations

from urllib.parse import urljoin

from .. import jsonld
from .page import Page
from .signals import DESCRIPTION_META, IMAGE_META, KEYWORD_META, LANGUAGE_META, PUBLISHER_META, SECTION_META


def simple_fields(page: Page) -> None:
    a = page.article or {}
    page.pick("description", [(jsonld.text_of(a.get("description")), "json-ld:description")] + page.metas(*DESCRIPTION_META))
    lang_attr = page.tree.get("lang") or page.tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.pick("language", [(jsonld.text_of(a.get("inLanguage")), "json-ld:inLanguage"), (lang_attr, "html:lang")]
              + page.metas(*LANGUAGE_META), transform=lambda v: v.split(",")[0].strip())
    page.pick("section", [(jsonld.text_of(a.get("articleSection")), "json-ld:articleSection")] + page.metas(*SECTION_META))
    keywords = jsonld.keywords_of(a.get("keywords"))
    if keywords:
        page.out.set("keywords", _dedupe(keywords), "json-ld:keywords")
    else:
        tags = page.meta.get("article:tag") or []
        for key in KEYWORD_META:
            if not tags and page.meta.get(key):
                tags = jsonld.keywords_of(page.meta[key][0])
                page.out.set("keywords", _dedupe(tags), f"meta:{key}")
        if tags and "keywords" not in page.out.fields:
            page.out.set("keywords", _dedupe(tags), "meta:article:tag")
    image = a.get("image")
    image = page.graph.resolve(image[0] if isinstance(image, list) and image else image)
    image = image.get("url") or image.get("contentUrl") if isinstance(image, dict) else image
    page.pick("image_url", [(image if isinstance(image, str) else None, "json-ld:image")] + page.metas(*IMAGE_META),
              transform=lambda v: urljoin(page.url, v) if v.startswith(("/", "./")) else v)
    about = [t for t in map(jsonld.text_of, a.get("about") or []) if t] if isinstance(a.get("about"), list) else []
    page.out.set("topics", _dedupe(about), "json-ld:about")


def publisher(page: Page) -> None:
    a = page.article or {}
    pub = page.graph.resolve(a.get("publisher"))
    pub = pub[0] if isinstance(pub, list) and pub else pub
    if isinstance(pub, dict):
        page.out.set("source.publisher", jsonld.text_of(pub.get("name")), "json-ld:publisher.name")
        page.out.set("source.legal_name", jsonld.text_of(pub.get("legalName")), "json-ld:publisher.legalName")
    elif isinstance(pub, str):
        page.out.set("source.publisher", pub.strip(), "json-ld:publisher")
    if "source.publisher" not in page.out.fields:
        page.pick("source.publisher", page.metas(*PUBLISHER_META))


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
