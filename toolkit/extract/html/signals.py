"""The signals an HTML page offers, as data: which meta names, in which order of trust, say what. The
rules (title.py, fields.py, dates.py, authors.py) read them in these orders."""
from __future__ import annotations

import re

from ...names.words import one_of

TITLE_META = ("og:title", "twitter:title", "parsely-title", "dc.title", "title")
SITE_NAME_META = ("og:site_name", "application-name", "twitter:site")
PUBLISHER_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language")
SECTION_META = ("article:section", "parsely-section", "section")
KEYWORD_META = ("news_keywords", "keywords", "parsely-tags")  # then article:tag, one a tag
IMAGE_META = ("og:image", "og:image:url", "twitter:image")
# meta names that say "published" of the article, as strong as microdata; then names as likely to date the
# page or the site as the article, weighed below every other signal
PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published", "datepublished",
                  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
                  "citation_publication_date", "citation_date")
PUBLISHED_META_GENERIC = ("publishdate", "publish-date", "pubdate", "publication_date", "date", "dc.date",
                          "original-publish-date", "article.published", "published_time", "og:published_time")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified",
                 "last-modified", "article:updated_time", "lastmod")
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "citation_author", "og:article:author", "twitter:data1:author", "shareaholic:article_author_name",
               "cxenseparse:author", "article:author_name")
AUTHOR_KEYS = ("author", "creator", "contributor")  # the article's JSON-LD keys that name its authors, merged

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
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
