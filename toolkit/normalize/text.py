"""Text clean-up: entities, markup, glued paragraphs, hashes and counts."""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "ul", "ol",
              "figure", "figcaption", "body"}
SPACES = re.compile(r"[ \t\r\f\v]+")
WHITESPACE = re.compile(r"\s")
HTML_HINT = re.compile(r"</?(?:p|br|div|span|a|em|strong|body|li|h[1-6])\b[^<>]*>", re.I)

# A sentence end glued to the next sentence: a lower-case letter (or digit, %, closing
# bracket) then . ! ? or …, an optional closing quote, then an upper-case letter.
# Requiring a lower-case letter before the stop leaves U.S., N.Y. and 3.5 alone.
LOWER = "a-zß-öø-ÿа-яёα-ωа-џ"
UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁΑ-ΩЀ-Џ"
GLUED = re.compile(rf"(?<=[{LOWER}0-9%)\]][{LOWER}0-9%)\]])([.!?…]+[\"”»’)]?|[\"”»’][.!?])(?=[{UPPER}](?:[{LOWER}’']|\s))")
# Tokens that legitimately hold a dot between letters: URLs, e-mails, domain names.
URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|\b[\w-]+\.(?:com|org|net|fr|de|uk|ru|cn|io|gov|edu|info|co)\b", re.I)


def unescape(text: str) -> str:
    """Decode HTML entities, even when a page escaped them twice (&amp;#39;)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """HTML entities as a reader sees them, a double escape ('&amp;#039;') too. Only complete entities
    (with their ';'): 'R&D' and '?a=1&para=2' stay as written."""
    for _ in range(2):
        if "&" not in text:
            break
        text = ENTITY.sub(lambda m: unescape(m[0]), text)
    return text


def clean_inline(text: str | None, decode: bool = True) -> str | None:
    """A one-line value as a reader sees it: entities decoded (unless asked not to), markup removed, NFC,
    whitespace collapsed."""
    if text is None:
        return None
    if decode:
        text = decode_entities(text)
    if "<" in text:
        text = TAG.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def strip_markup(text: str) -> str:
    """Markup to plain text, block elements becoming paragraph breaks."""

    def repl(m: re.Match[str]) -> str:
        return "\n\n" if m[2].lower() in BLOCK_TAGS else " "

    return TAG.sub(repl, text)


def repair_glued_paragraphs(text: str) -> str:
    """Insert the paragraph break a scraper removed (`en Europe.Il a`), sparing URLs and e-mails."""
    if not GLUED.search(text):
        return text

    def repl(m: re.Match[str]) -> str:
        # only the token around the stop is tested: scanning the whole body for URLs cost more than the repair
        pos = m.start()
        start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos), text.rfind("\t", 0, pos)) + 1
        after = WHITESPACE.search(text, pos)
        token = text[start: after.start() if after else len(text)]
        if any(u.start() <= pos - start < u.end() for u in URLISH.finditer(token)):
            return m[0]
        return m[0] + "\n\n"

    return GLUED.sub(repl, text)


def clean_body(text: str) -> str:
    """Body text: markup to paragraphs, entities decoded, glued paragraphs repaired, NFC."""
    if HTML_HINT.search(text):
        text = strip_markup(text)
    text = unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = repair_glued_paragraphs(text)
    text = SPACES.sub(" ", text)
    return "\n\n".join(p for p in (p.strip() for p in text.split("\n")) if p)


def content_sha256(body: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# Scripts written without spaces between words: Han, Hiragana, Katakana (with the half-width forms), Thai,
# Lao, Myanmar and Khmer. Each of their characters counts as a word, the unit Chinese and Japanese
# publishing counts a text's length in (字数, 文字数).
UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
                      "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]")
SPACED_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def word_count(text: str) -> int:
    """Words of a text: runs of letters and digits ('U.S.', 'don't' and '3.5' are one word each), and each
    character of a script written without spaces (see UNSPACED). Punctuation alone is no word."""
    unspaced = len(UNSPACED.findall(text))
    return unspaced + len(SPACED_WORD.findall(UNSPACED.sub(" ", text) if unspaced else text))


def token_f1(a: str, b: str) -> float:
    """Bag-of-words overlap of two texts (0-1)."""
    from collections import Counter

    ta, tb = Counter(re.findall(r"\w+", a.lower())), Counter(re.findall(r"\w+", b.lower()))
    common = sum((ta & tb).values())
    return 0.0 if not common else 2 * common / (sum(ta.values()) + sum(tb.values()))
