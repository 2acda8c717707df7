"""Features of a flat dump's blocks: their shapes and their context, never their words.

Every feature is a number computed from the block's own shape (length, capitals, digits, URL, date,
locale and name shapes, lexicons of given names and organisation words), its place in the dump, its
neighbours' shapes, its repetition, and its agreement with the header URL. The role model
(`flat_model.py`) is trained on these and nothing else, so no word of any page is in it."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import numpy as np

from ...names.people import agency_name, is_first_name, looks_like_person
from ...names.words import ORG_WORDS, ROLE_WORDS, STAFF
from ...normalize.dates import looks_like_date
from ...normalize.language import normalize_language

URL = re.compile(r"^(?:https?:)?//\S+$")
URL_TOKEN = re.compile(r"^(?:https?://|www\.)\S+$")
ANY_URL = re.compile(r"(?:https?://|www\.)\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:^|\s)\+?\(?\d[\d\-(). ]{6,}\d(?:\s|$)")
INT = re.compile(r"^\d+(?:px)?$")
IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)|/(?:img|image|images|photos?|media|resizer|thumbor)/"
                       r"|[?&](?:w|width|h|height)=\d", re.I)
SELECTOR = re.compile(r"^(?:(?:/html|//|\.[\w-]|#[\w-])\S*\s*)+$")
NUMERIC = re.compile(r"^(?:(?:\d+(?:\.\d+)?(?:px)?|true|false)\s*)+$", re.I)
SENTENCE_END = re.compile(r"[.!?…。！？]\s*[\"”»’')]?$")
SENTENCE_STOP = re.compile(r"[.!?。！？](?:\s|$)")
ISO_DATETIME_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$", re.I)
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATE_TOKEN = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\S*)?$")
BYLINE_PREFIX = re.compile(r"^(?:by|par|von|por|di|door|av|przez|автор:?|author:?|autor:?)\s", re.I)
PROFILE_URL = re.compile(r"/(?:authors?|people|person|contributors?|staff|profiles?|journalists?|writers?|reporters?|"
                         r"team|autor(?:en)?|auteurs?|redakteur|firmas?|autori)/", re.I)
COLON_TOKEN = re.compile(r"(?:^|\s)[\w.-]+:[\w.-]+(?:\s|$)")  # 'elcomercio:metered', a product or paywall id
MARKUP = re.compile(r"<(?:p|div|span|br|a|strong|em|h\d)\b", re.I)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"[^\W\d_]+")
TERM_MAX = 80  # characters: a longer block is no list item

SHAPES = ["url", "image", "date", "locale", "numeric", "selector", "entity", "csv", "prose", "term"]


@dataclass
class Shape:
    """What one block looks like, before any context."""

    text: str
    kind: str
    words: int
    name_words: list[str]


def split_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\r?\n[ \t]*\r?\n", text) if b.strip()]


def slug_words(url: str) -> set[str]:
    """Words of the URL's most wordy path segment: the article's slug."""
    best: set[str] = set()
    for seg in unquote(urlsplit(url).path).lower().split("/"):
        words = {w for w in re.split(r"[^\w]+|_", re.sub(r"\.html?$|\.php$", "", seg)) if len(w) > 1 and not w.isdigit()}
        if len(words) > len(best):
            best = words
    return best


def overlap(text: str, slug: set[str]) -> float:
    """F1 of the block's words against the slug's."""
    if not slug:
        return 0.0
    words = {w.lower() for w in WORD.findall(text) if len(w) > 1}
    common = len(words & slug)
    if not common:
        return 0.0
    precision, recall = common / len(words), common / len(slug)
    return 2 * precision * recall / (precision + recall)


@lru_cache(maxsize=8192)
def domain_match(name: str, host: str) -> float:
    """How well a name matches the site's host: 'The Hill' ~ thehill.com, 'NY Post' ~ nypost.com."""
    labels = [lab for lab in host.lower().split(".") if lab not in ("www", "m", "com", "co", "org", "net", "uk", "news")]
    squeezed = re.sub(r"[^a-z0-9]", "", name.lower())
    if not squeezed or not labels or len(squeezed) > 60:
        return 0.0
    initials = "".join(w[0] for w in WORD.findall(name.lower()))
    best = 0.0
    for lab in labels:
        lab = re.sub(r"[^a-z0-9]", "", lab)
        if not lab:
            continue
        if squeezed == lab or squeezed.removeprefix("the") == lab:
            return 1.0
        if lab in squeezed or squeezed in lab:
            best = max(best, 0.8 * min(len(lab), len(squeezed)) / max(len(lab), len(squeezed)) + 0.2)
        elif len(initials) >= 2 and (lab.startswith(initials) or initials.startswith(lab)):
            best = max(best, 0.6)
    return best


def _attachment(tok: str) -> bool:
    """A token that is no word of a name: a URL or site path, an e-mail address, a number or a size, a
    date, markup."""
    return bool(URL_TOKEN.match(tok)) or tok.startswith(("/", "<", "#")) or "@" in tok or bool(INT.match(tok)) \
        or tok.lower() == "px" or bool(ISO_DATE_TOKEN.match(tok))


def name_part(text: str) -> list[str]:
    """The words of an object's name: after what may lead it (a logo's width and height, a profile URL,
    an '#id'), up to the next attachment, and before the name comes again ('il Giornale Il Giornale è ...')."""
    tokens = text.split(maxsplit=24)[:24]
    start = 0
    while start < len(tokens) - 1:
        tok = tokens[start]
        if URL_TOKEN.match(tok) or tok.startswith(("/", "#", "<")) or "@" in tok or tok.lower() == "px" \
                or re.fullmatch(r"\d+[.,]\d[\d.,]*", tok):
            start += 1
        elif INT.match(tok) and start + 1 < len(tokens) and (INT.match(tokens[start + 1]) or tokens[start + 1].lower() == "px"):
            start += 2  # '600 60 Name', '344 px 60 px Name': a size; one number alone may be the name's ('20 Minuten')
        else:
            break
    out: list[str] = []
    rest = tokens[start:]
    for k, tok in enumerate(rest):
        if out and _attachment(tok):
            break
        if len(out) >= 2 and tok.casefold() == out[0].casefold() and k + 1 < len(rest) \
                and rest[k + 1].casefold() == out[1].casefold():
            break  # the name again: what follows is a description
        out.append(tok)
    return out


def shape_of(text: str, page_url: str) -> Shape:
    tokens = text.split()
    n = len(tokens) + len(CJK.findall(text)) // 2
    if SELECTOR.match(text) or NUMERIC.match(text):
        return Shape(text, "selector" if SELECTOR.match(text) else "numeric", n, [])
    if URL.match(text):
        return Shape(text, "image" if IMAGE_URL.search(text) else "url", n, [])
    if looks_like_date(text):
        return Shape(text, "date", n, [])
    if len(text) <= 12 and normalize_language(text) and (re.search(r"[-_]", text) or text.islower()):
        return Shape(text, "locale", n, [])
    words = name_part(text)
    if words and len(words) < len(tokens) and len(words) <= 8:
        return Shape(text, "entity", n, words)
    if "," in text and len(text) < 1000 and not SENTENCE_END.search(text) and _is_term_list(text):
        return Shape(text, "csv", n, [])
    if len(text) >= 60 and n >= 8:
        return Shape(text, "prose", n, [])
    return Shape(text, "term", n, tokens[:8])


def _is_term_list(text: str) -> bool:
    items = [p.strip() for p in text.split(",")]
    if len(items) < 2 or any(not p for p in items[1:-1]):
        return False
    longest = max(len(p.split()) for p in items)
    return (longest <= 4 or (len(items) >= 3 and longest <= 6)) and sum(len(p) for p in items) / len(items) <= 40


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane: 1 letter, 2 upper-case letter, 4 digit (bits)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for code in range(0x10000):
        ch = chr(code)
        table[code] = (1 if ch.isalpha() else 0) | (2 if ch.isupper() else 0) | (4 if ch.isdigit() else 0)
    return table


def char_counts(text: str) -> tuple[int, int, int]:
    """(letters, upper-case letters, digits) of a text, counted in one vectorised pass."""
    if not text:
        return 0, 0, 0
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _char_table()[np.minimum(codes, 0xFFFF)]
    return int(np.count_nonzero(flags & 1)), int(np.count_nonzero(flags & 2)), int(np.count_nonzero(flags & 4))


HEAD = 2000  # characters of a block that the pattern features read: a body's first paragraphs tell enough


def own_features(s: Shape, host: str, slug: set[str]) -> list[tuple[str, float]]:
    """The block's shape alone: (name, value) pairs."""
    text = s.text
    head = text[:HEAD]
    letters, upper, digits = char_counts(head)
    tokens = head.split()
    caps = sum(t[:1].isupper() for t in tokens)
    name = " ".join(s.name_words)
    first = s.name_words[0] if s.name_words else ""
    ints = sum(1 for t in tokens if t[:1].isdigit() and INT.match(t))
    urls = len(ANY_URL.findall(head)) if ("http" in head or "www." in head) else 0
    last_two = len(tokens) >= 2 and bool(INT.match(tokens[-1])) and bool(INT.match(tokens[-2]))
    short = len(text) <= 300  # names, titles and terms: the word lists only matter for them
    return [
        ("log_chars", math.log1p(len(text))),
        ("log_words", math.log1p(s.words)),
        ("upper_ratio", _ratio(upper, letters)),
        ("digit_ratio", _ratio(digits, len(head))),
        ("letter_ratio", _ratio(letters, len(head))),
        ("caps_token_ratio", _ratio(caps, len(tokens))),
        ("all_lower", float(text.islower())),
        ("starts_upper", float(text[:1].isupper())),
        ("sentence_end", float(bool(SENTENCE_END.search(text[-20:])))),
        ("log_sentences", math.log1p(len(SENTENCE_STOP.findall(head)))),
        ("ellipsis", float(text.endswith(("...", "…")))),
        ("log_commas", math.log1p(head.count(","))),
        ("semicolon", float(";" in head)),
        ("pipe", float("|" in head)),
        ("has_url", float(urls > 0)),
        ("log_urls", math.log1p(urls)),
        ("image_url", float(urls > 0 and bool(IMAGE_URL.search(head)))),
        ("email", float("@" in head and bool(EMAIL.search(head)))),
        ("phone", float(digits >= 7 and bool(PHONE.search(head)))),
        ("log_ints", math.log1p(ints)),
        ("ends_two_ints", float(last_two)),
        ("starts_two_ints", float(len(tokens) >= 2 and bool(INT.match(tokens[0])) and bool(INT.match(tokens[1])))),
        ("ends_int", float(bool(INT.match(tokens[-1])) if tokens else 0.0)),
        ("iso_datetime_tz", float(bool(ISO_DATETIME_TZ.match(text)))),
        ("iso_datetime", float(bool(ISO_DATETIME.match(text)))),
        ("iso_date", float(bool(ISO_DATE.match(text)))),
        ("markup", float("<" in head and bool(MARKUP.search(head)))),
        ("cjk_ratio", _ratio(len(CJK.findall(head)), len(head))),
        ("byline_prefix", float(bool(BYLINE_PREFIX.match(text)))),
        ("log_name_words", math.log1p(len(s.name_words))),
        ("first_name", float(bool(first) and is_first_name(first))),
        ("person_name", float(bool(name) and looks_like_person(name))),
        ("person_lead", float(bool(name) and looks_like_person(" ".join(tokens[:4])))),
        ("caps_name", float(bool(name) and name.isupper() and len(name) > 3)),
        ("org_word", float(short and bool(ORG_WORDS.search(text[:80])))),
        ("staff_word", float(short and bool(STAFF.search(text[:80])))),
        ("agency", float(bool(name) and agency_name(name) is not None)),
        ("role_word", float(short and bool(ROLE_WORDS.search(text[:80])))),
        ("name_with_photo", float(s.kind == "entity" and urls > 0 and any(IMAGE_URL.search(t) for t in tokens[len(s.name_words):40]))),
        ("profile_url", float(urls > 0 and bool(PROFILE_URL.search(head)))),
        ("colon_token", float(":" in head and bool(COLON_TOKEN.search(head)))),
        ("domain_match", domain_match(name or text[:60], host) if len(text) <= 200 else 0.0),
        ("slug_overlap", overlap(text, slug) if len(text) <= 400 else 0.0),
        *((f"is_{k}", float(s.kind == k)) for k in SHAPES),
    ]


# the names of a row's features, as declared beside their values: a block's own (a probe with an empty
# block, which asks no word list), then its context (`feature_names`), then its neighbours'
OWN = [name for name, _ in own_features(Shape("", "term", 0, []), "", set())]
NEIGHBOUR = ["log_chars", "log_words", "is_date", "is_url", "is_image", "is_entity", "is_csv", "is_prose", "is_term",
             "is_locale", "is_numeric", "is_selector", "has_url", "ends_two_ints", "person_name", "first_name",
             "all_lower", "org_word"]
NEIGHBOURS = [f"{side}_{n}" for side in ("prev", "next", "prev2", "next2") for n in NEIGHBOUR]


@lru_cache(maxsize=1)
def feature_names() -> list[str]:
    """Every feature's name, in a row's order (the names a model card lists)."""
    return _featurize(["Probe"], "https://example.org/probe", names=True)[2]


NEIGHBOUR_AT = [OWN.index(n) for n in NEIGHBOUR]
ABSENT = [-1.0] * len(NEIGHBOUR)


def _neighbour(own: list[float] | None) -> list[float]:
    return ABSENT if own is None else [own[k] for k in NEIGHBOUR_AT]


def path_segments(url: str) -> set[str]:
    """The URL's path segments but the last, as words joined by '-': sections are often among them."""
    parts = [p for p in unquote(urlsplit(url).path).lower().split("/") if p]
    return {re.sub(r"[^\w]+", "-", p).strip("-") for p in parts[:-1]}


def _slugged(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _distance(i: int, marks: list[int], forward: bool) -> float:
    """log(1 + how far the next (or the previous) marked block is), -1 when there is none."""
    at = bisect.bisect_right(marks, i) if forward else bisect.bisect_left(marks, i) - 1
    if forward:
        return math.log1p(marks[at] - i) if at < len(marks) else -1.0
    return math.log1p(i - marks[at]) if at >= 0 else -1.0


def _prefixes(texts: list[str]) -> dict[str, tuple[bool, bool]]:
    """For each short text: whether another text starts with it, and whether another (of 8 characters or
    more) is its start at a word boundary ('Headline' and 'Headline - Site')."""
    ordered = sorted(t for t in texts if len(t) <= 400)
    short = {t for t in texts if 8 <= len(t) <= 200}
    out = {}
    for t in texts:
        if len(t) > 200:
            continue
        at = bisect.bisect_right(ordered, t)
        longer = at < len(ordered) and ordered[at].startswith(t)
        starts = any(t[:k].rstrip() in short and t[:k].rstrip() != t for k in range(8, len(t)) if t[k] == " ")
        out[t] = (longer, starts)
    return out


def featurize(blocks: list[str], page_url: str) -> tuple[list[Shape], np.ndarray]:
    """Shapes and the feature matrix of a dump's blocks (the header excluded), one row a block."""
    shapes, rows, _ = _featurize(blocks, page_url, names=False)
    assert rows is not None
    return shapes, rows


def _featurize(blocks: list[str], page_url: str, names: bool) -> tuple[list[Shape], np.ndarray | None, list[str]]:
    """`featurize`; with `names`, the names of the first row's features instead of the matrix."""
    host = (urlsplit(page_url).hostname or "").lower()
    slug = slug_words(page_url)
    shapes = [shape_of(b, page_url) for b in blocks]
    own = [[value for _, value in own_features(s, host, slug)] for s in shapes]
    n = len(blocks)
    lengths = [len(b) for b in blocks]
    order = sorted(range(n), key=lambda i: -lengths[i])
    rank = {i: r for r, i in enumerate(order)}
    longest = order[0] if order else -1
    longest_text = blocks[longest] if n else ""
    longest_start = longest_text[:400].casefold()
    counts: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        counts.setdefault(b, []).append(i)
    copy_of = {i: k for same in counts.values() for k, i in enumerate(same)}
    runs = _runs(shapes)
    date_blocks = [i for i, s in enumerate(shapes) if s.kind == "date"]
    date_rank = {i: r for r, i in enumerate(date_blocks)}
    locales = [i for i, s in enumerate(shapes) if s.kind == "locale"]
    segments = path_segments(page_url)
    of_shape: dict[str, list[int]] = {}
    for i, s in enumerate(shapes):
        of_shape.setdefault(s.kind, []).append(i)
    shape_rank = {i: r for members in of_shape.values() for r, i in enumerate(members)}
    person_at, lower_at = OWN.index("person_name"), OWN.index("all_lower")
    run_share = _run_shares(own, runs, (person_at, lower_at))
    segment_of = _sorted_segments(blocks, runs)
    chronology = _chronology(blocks, date_blocks)
    prefixes = _prefixes(list(counts))
    rows = []
    for i, b in enumerate(blocks):
        same = counts[b]
        folded = b.casefold()
        prefix_of_other, has_prefix = prefixes.get(b, (False, False))
        run_start, run_len = runs[i]
        persons, lowers = run_share.get(run_start, (-1.0, -1.0)) if run_len else (-1.0, -1.0)
        members = of_shape[shapes[i].kind]
        context = [
            ("position", i / max(1, n - 1)),
            ("reverse_position", (n - 1 - i) / max(1, n - 1)),
            ("log_index", math.log1p(i)),
            ("log_blocks", math.log1p(n)),
            ("repeats", math.log1p(len(same))),
            ("repeats_apart", float(len(same) > 1 and same[-1] - same[0] > 1)),
            ("first_copy", float(same[0] == i)),
            ("length_rank", math.log1p(rank[i])),
            ("length_to_longest", _ratio(lengths[i], lengths[longest]) if n else 0.0),
            ("is_longest", float(i == longest)),
            ("prefix_of_other", float(prefix_of_other)),
            ("has_other_as_prefix", float(has_prefix)),
            ("opens_longest", float(i != longest and len(folded) >= 20 and longest_start.startswith(folded[:80]))),
            ("inside_longest", float(i != longest and 8 <= len(folded) <= 120 and folded in longest_start)),
            ("run_length", math.log1p(run_len)),
            ("run_index", float(i - run_start) / max(1, run_len)),
            ("run_from_end", float(run_start + run_len - 1 - i) / max(1, run_len)),
            ("same_shape_run", float(run_len >= 2)),
            ("date_rank", float(date_rank.get(i, -1))),
            ("dates", math.log1p(len(date_blocks))),
            ("first_date_block", float(bool(date_blocks) and date_blocks[0] == i)),
            ("index_since_longest", float(i - longest)),
            ("before_longest", float(i < longest)),
            ("in_url_path", float(len(b) <= 60 and _slugged(b) in segments)),
            ("run_person_ratio", persons),
            ("run_lower_ratio", lowers),
            ("case_unlike_run", float(run_len >= 3 and abs(own[i][lower_at] - lowers) > 0.5)),
            ("to_next_locale", _distance(i, locales, True)),
            ("to_prev_date", _distance(i, date_blocks, False)),
            ("to_next_date", _distance(i, date_blocks, True)),
            ("shape_rank", float(shape_rank[i])),
            ("shape_count", math.log1p(len(members))),
            ("shape_from_end", float(len(members) - 1 - shape_rank[i])),
            ("sorted_after_prev", _in_order(blocks, runs, i - 1, i)),
            ("sorted_before_next", _in_order(blocks, runs, i, i + 1)),
            *zip(("sorted_segment", "sorted_segments", "sorted_segment_from_end"), segment_of[i]),
            ("copy_index", float(copy_of[i])),
            ("copies_from_end", float(len(same) - 1 - copy_of[i])),
            *zip(("date_order", "date_order_from_end", "distinct_dates", "date_has_offset"),
                chronology.get(i, (-1.0, -1.0, 0.0, -1.0))),
        ]
        if names:
            return shapes, None, OWN + [name for name, _ in context] + NEIGHBOURS
        row = own[i] + [value for _, value in context]
        for step in (-1, 1, -2, 2):
            j = i + step
            row += _neighbour(own[j] if 0 <= j < n else None)
        rows.append(row)
    return shapes, np.asarray(rows, dtype=np.float32).reshape(n, len(feature_names())), []


def _chronology(blocks: list[str], dated: list[int]) -> dict[int, tuple[float, float, float, float]]:
    """For each date block: the rank of its instant among the dump's distinct dates (earliest first), the
    rank from the latest, how many distinct dates there are, and whether it gives a UTC offset. A page is
    created, then published, then modified: the order of the instants says which is which."""
    from ...normalize.dates import parse_date

    values = {}
    for i in dated:
        parsed = parse_date(blocks[i], None)
        if parsed is not None:
            values[i] = parsed.value
    distinct = sorted(set(values.values()))
    out = {}
    for i, value in values.items():
        rank = distinct.index(value)
        offset = bool(re.search(r"(?:Z|[+-]\d{2}:?\d{2})\s*$", blocks[i]))
        out[i] = (float(rank), float(len(distinct) - 1 - rank), float(len(distinct)), float(offset))
    return out


def _in_order(blocks: list[str], runs: list[tuple[int, int]], a: int, b: int) -> float:
    """1 when two blocks of one run are in alphabetical order, 0 when not, -1 when they are not both in a run.
    Content systems write tags and categories each sorted: where the order starts again, a new list starts."""
    if a < 0 or b >= len(blocks) or runs[a][1] < 2 or runs[a][0] != runs[b][0] or runs[b][1] < 2:
        return -1.0
    return float(blocks[a].casefold() <= blocks[b].casefold())


def _sorted_segments(blocks: list[str], runs: list[tuple[int, int]]) -> list[tuple[float, float, float]]:
    """For each block: (index of its sorted segment in its run, segments in the run, segments after it)."""
    out = [(-1.0, 0.0, -1.0)] * len(blocks)
    seen: set[int] = set()
    for start, length in runs:
        if length < 2 or start in seen:
            continue
        seen.add(start)
        segment, marks = 0, []
        for k in range(start, start + length):
            if k > start and blocks[k].casefold() < blocks[k - 1].casefold():
                segment += 1
            marks.append(segment)
        for k, mark in zip(range(start, start + length), marks):
            out[k] = (float(mark), float(segment + 1), float(segment - mark))
    return out


def _run_shares(own: list[list[float]], runs: list[tuple[int, int]], at: tuple[int, int]) -> dict[int, tuple[float, float]]:
    """For each run (by its start): the mean of two of its blocks' features."""
    out = {}
    for start, length in set(runs):
        if length and start not in out:
            out[start] = tuple(sum(own[k][a] for k in range(start, start + length)) / length for a in at)
    return out  # type: ignore[return-value]


def _runs(shapes: list[Shape]) -> list[tuple[int, int]]:
    """For each block, (start, length) of the run of consecutive short term blocks it is in ((i, 0) outside)."""
    out = [(i, 0) for i in range(len(shapes))]
    i = 0
    while i < len(shapes):
        if shapes[i].kind == "term" and len(shapes[i].text) <= TERM_MAX:
            j = i
            while j < len(shapes) and shapes[j].kind == "term" and len(shapes[j].text) <= TERM_MAX:
                j += 1
            for k in range(i, j):
                out[k] = (i, j - i)
            i = j
        else:
            i += 1
    return out
