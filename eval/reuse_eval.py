"""How well reuse detection links republications, built from real article texts.

    python eval/reuse_eval.py [SHARED_EVAL_DIR] [--seed N] [--pages A/pages.jsonl B/pages.jsonl ...]

Real texts (the reference texts of aeb-pages and fundus-dev) are republished the way syndication does:
another site's boilerplate before and after, cut with a 'read more' line, sentences dropped, an
editor's note, typographic changes. They are mixed with untouched articles, with articles that quote one
paragraph of another, and with different articles of one site that share its long footer: a quote is no
republication, and a site's own repeated text must not tie its articles together. Dates: the original
first, a tenth of the copies without a date; a fifth of the stories are a wire agency's, on its own site,
and their clients publish some copies at the same instant (a feed), so the origin then rests on the
agency rule. (A tie between two sites that are not agencies has no right answer from dates, so the
evaluation does not make one.) Reports pairwise precision and recall, and how often the origin is the original, for the
toolkit's settings and for datatrove's default MinHash settings (5-grams, 14 buckets of 8 hashes, a
shared bucket counts as a duplicate)."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys
from typing import Any

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from toolkit.reuse import clusters  # noqa: E402
from toolkit.reuse.boilerplate import Boilerplate, Paragraphs  # noqa: E402
from toolkit.reuse.signature import SETTINGS, Settings, signature  # noqa: E402

DATATROVE = Settings(shingle=5, bands=14, rows=8, containment=0.0, min_shingles=0)
MENUS = ["Home News Politics Business Sport Culture Opinion Subscribe Log in",
         "Startseite Politik Wirtschaft Sport Kultur Meinung Abo Anmelden",
         "Accueil Actualités Politique Économie Sport Culture Abonnez-vous Connexion"]
SHARES = ["Share this article on Facebook, Twitter and WhatsApp. Copy link. Print.",
          "Artikel teilen: Facebook, X, WhatsApp, E-Mail. Link kopieren.",
          "Partager : Facebook, X, WhatsApp, e-mail. Copier le lien."]
NOTES = ["Editor's note: this article first appeared on a partner site and is republished with permission.",
         "Anmerkung der Redaktion: Dieser Text erschien zuerst bei unserem Partner.",
         "Note de la rédaction : cet article a d'abord été publié par notre partenaire."]
READ_MORE = ["Read more on the original site.", "Weiterlesen auf der Seite des Partners.", "Lire la suite sur le site d'origine."]


def texts(shared: str, pages: list[str] | None = None) -> list[str]:
    """Reference texts of 150 words or more: of the given pages.jsonl files (any set shaped like the shared
    ones: one object a line with a `text`), else of aeb-pages and fundus-dev."""
    out = []
    for path in pages or [os.path.join(shared, name, "pages.jsonl") for name in ("aeb-pages", "fundus-dev")]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = (json.loads(line).get("text") or "").strip()
                if len(text.split()) >= 150:
                    out.append(text)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]


def typographic(text: str) -> str:
    return (text.replace("\"", "“").replace("'", "’").replace(" - ", " – ").replace("  ", " ")
            .replace("...", "…"))


def republish(text: str, rng: random.Random) -> str:
    """One syndicated copy: two to four of the changes syndication makes."""
    parts = sentences(text)
    changes = rng.sample(["wrap", "cut", "drop", "note", "typo"], rng.randint(2, 4))
    if "drop" in changes and len(parts) > 6:
        parts = [s for s in parts if rng.random() > 0.2]
    if "cut" in changes and len(parts) > 6:
        parts = parts[: max(4, int(len(parts) * rng.uniform(0.45, 0.8)))] + [rng.choice(READ_MORE)]
    body = " ".join(parts)
    if "note" in changes:
        body = rng.choice(NOTES) + " " + body
    if "typo" in changes:
        body = typographic(body)
    if "wrap" in changes:
        body = f"{rng.choice(MENUS)} {body} {rng.choice(SHARES)}"
    return body


def footer(rng: random.Random, pool: list[str], about_words: int = 0) -> str:
    """A site's long footer, its own paragraph: newsletter, about-us and copyright lines; the about-us part
    three sentences of a text, or whole sentences up to `about_words` (115 makes a footer of some 150 words)."""
    parts = sentences(rng.choice(pool))
    if about_words:
        start, kept = rng.randint(0, max(0, len(parts) - 8)), []
        for sentence in parts[start:]:
            if sum(len(k.split()) for k in kept) >= about_words:
                break
            kept.append(sentence)
        about = " ".join(kept)
    else:
        about = " ".join(rng.sample(parts, 3))
    return (f"Sign up for our newsletter and get the day's news every morning. About us: {about} "
            f"Contact the newsroom. Advertise with us. Privacy policy. Terms of use. © {rng.randint(1990, 2020)}-2024 "
            "All rights reserved. Reproduction without permission is prohibited.")


def opening(text: str, rng: random.Random) -> str:
    """The first 60 to 120 words of a text, whole sentences: a short news item."""
    kept, count = [], 0
    for sentence in sentences(text):
        kept.append(sentence)
        count += len(sentence.split())
        if count >= rng.randint(60, 120):
            break
    return " ".join(kept)


def corpus(pool: list[str], seed: int) -> list[dict[str, Any]]:
    """Rows of (text, site, family, is_original, published, agency): a family is an original and its
    copies. Copies appear on 30 client sites, each with its own menu and share lines as paragraphs."""
    rng = random.Random(seed)
    pool = pool[:]
    rng.shuffle(pool)
    originals, quoted_by, sites, network = pool[:90], pool[90:130], pool[130:190], pool[190:214]
    about, plain = pool[214:226], pool[226:]  # footers' about-us lines: from texts that appear nowhere else
    clients = [f"client-{k}.example" for k in range(30)]
    template = {client: (MENUS[k % 3], SHARES[k % 3]) for k, client in enumerate(clients)}
    rows: list[dict[str, Any]] = []

    def row(text: str, site: str, family: int | None = None, original: bool = False, published: int | None = None,
            agency: bool = False) -> None:
        rows.append({"text": text, "site": site, "family": family, "original": original, "published": published,
                     "agency": agency})

    for family, text in enumerate(originals):
        start = 1_600_000_000 + family * 86_400
        wire = family % 5 == 0  # a wire agency's story: on the agency's own site, and fed to its clients at once
        row(text, "agency.example" if wire else f"origin-{family}.example", family, True, start, wire)
        for client in rng.sample(clients, rng.randint(1, 4)):
            when = rng.random()
            published = None if when < 0.1 else start if when < 0.4 and wire else start + rng.randint(600, 5 * 86_400)
            menu, share = template[client]
            body = republish(text, rng)
            if rng.random() < 0.5:  # the client's template around the story, as paragraphs of their own
                body = f"{menu}\n\n{body}\n\n{share}"
            row(body, client, family, False, published)
    for text in quoted_by:  # a paragraph of an original quoted in another article: not a republication
        quoted = rng.choice(originals)
        parts = sentences(text)
        at = rng.randint(1, max(1, len(parts) - 1))
        row(" ".join(parts[:at] + ["“" + " ".join(sentences(quoted)[:3]) + "”"] + parts[at:]), rng.choice(clients))
    for number, site in enumerate(range(0, len(sites), 4)):  # one site's articles: different texts, one long footer
        shared, name = footer(rng, about), f"footer-{number}.example"
        for text in sites[site: site + 4]:
            row(text + "\n\n" + shared, name)
        if number < 10:  # the site also republishes a story: its footer must not stop the copy linking
            family = 1 + 5 * number  # not a wire story: its dates name the origin
            row(republish(originals[family], rng) + "\n\n" + shared, name, family, False,
                1_600_000_000 + family * 86_400 + rng.randint(600, 86_400))
    shared = footer(rng, about, 115)  # one network, three sites, short items, one 150-word footer
    for k, text in enumerate(network):
        row(opening(text, rng) + "\n\n" + shared, f"network-site-{k % 3}.example")
    for text in plain:
        row(text, rng.choice(clients + [f"own-{k}.example" for k in range(30)]))
    rng.shuffle(rows)  # input order says nothing of the origin
    return rows


def run(rows: list[dict[str, Any]], settings: Settings, sites: bool = True) -> dict[str, float]:
    """Pairwise precision and recall, and the share of clusters whose origin is the original; `sites`:
    whether the texts' sites are known, so that their boilerplate is found and left out."""
    signed = [signature(r["text"], settings) for r in rows]
    sigs = np.stack([s for s, _ in signed])
    sizes = np.array([n for _, n in signed])
    keys = clusters.band_keys(sigs, settings)
    eligible = sizes >= settings.min_shingles
    found = Boilerplate.find(Paragraphs.of([r["text"] for r in rows], [r["site"] for r in rows]), eligible)
    groups = clusters.link(keys, sizes, eligible, lambda i: sigs[i], settings, found.discount if sites else None)
    predicted = {pair for g in groups for pair in itertools.combinations(g, 2)}
    families: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        if r["family"] is not None:
            families.setdefault(r["family"], []).append(i)
    true = {pair for members in families.values() for pair in itertools.combinations(sorted(members), 2)}
    right = named = 0
    for g in groups:
        fams = {rows[i]["family"] for i in g}
        originals = [i for i in g if rows[i]["original"]]
        if len(fams) != 1 or None in fams or not originals:
            continue
        members = [clusters.Member(i, str(i), str(i), rows[i]["published"], rows[i]["agency"], (0, "", i)) for i in g]
        named += 1
        right += clusters.origin(members)[0].index == originals[0]
    tp = len(predicted & true)
    return {"precision": tp / len(predicted) if predicted else 1.0, "recall": tp / len(true) if true else 1.0,
            "origin": right / named if named else 0.0, "pairs": len(true), "clusters": len(groups)}


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", nargs="?", default=os.environ.get("MPT_SHARED", "../shared") + "/eval")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pages", nargs="+", help="pages.jsonl files of other sets, instead of aeb-pages and fundus-dev")
    args = ap.parse_args(argv)
    pool = texts(args.shared, args.pages)
    if len(pool) < 240:
        ap.error(f"{len(pool)} texts of 150 words or more: the corpus needs 240 (90 originals, 40 quoting, 60 on "
                 f"shared-footer sites, 24 on a network's three sites, 12 for footers, 14 or more untouched)")
    rows = corpus(pool, args.seed)
    results = {"toolkit": run(rows, SETTINGS), "toolkit-without-boilerplate": run(rows, SETTINGS, sites=False),
               "datatrove-defaults": run(rows, DATATROVE, sites=False)}
    for name, r in results.items():
        print(f"reuse {name}: {len(rows)} texts, {r['pairs']} true pairs: precision {r['precision']:.3f}, "
              f"recall {r['recall']:.3f}, origin {r['origin']:.3f}")
    return results


if __name__ == "__main__":
    main()
