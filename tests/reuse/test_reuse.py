"""Republished texts: signatures, the link rule, the origin rule, and a build that fills `reuse` and the
`clusters` config. The texts are the seed dump's article and the sample's synthetic ones."""
import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import SAMPLE, SEED, assert_declared_configs_load

from toolkit.build import convert, records_of
from toolkit.reuse import clusters
from toolkit.reuse.signature import SETTINGS, signature

OTHERS = sorted((SAMPLE / "inputs").glob("synthetic_*.txt"))


@pytest.fixture(scope="module")
def bodies():
    seed = next(records_of(str(SEED)))["body"]
    return seed, [next(records_of(str(p)))["body"] for p in OTHERS]


def _containment(a: str, b: str) -> float:
    (sa, na), (sb, nb) = signature(a), signature(b)
    return clusters.containment(clusters.jaccard(sa, sb), na, nb)


def test_signature_is_stable_and_estimates_jaccard(bodies):
    seed, _ = bodies
    sig, n = signature(seed)
    assert sig.dtype == np.uint32 and sig.size == SETTINGS.permutations and n > 100
    assert np.array_equal(signature(seed)[0], sig)  # CRC-32 and seeded permutations: the same in any process
    assert clusters.jaccard(sig, signature(seed.upper().replace(",", " ,"))[0]) == 1.0  # case and punctuation do not count
    half = " ".join(seed.split()[: len(seed.split()) // 2])
    assert 0.3 < clusters.jaccard(sig, signature(half)[0]) < 0.7


def test_a_cut_or_wrapped_copy_is_linked_a_quote_or_a_shared_footer_is_not(bodies):
    seed, others = bodies
    sentences = re.split(r"(?<=[.!?])\s+", seed)
    cut = " ".join(sentences[: len(sentences) // 2]) + " Lire la suite sur le site d'origine."
    wrapped = "Accueil Politique Sport Culture. " + seed + " Partager sur Facebook, X, WhatsApp."
    quoted = others[0] + " Un confrère écrit : « " + " ".join(sentences[2:4]) + " » " + others[1]
    footer = (" Abonnez-vous à notre lettre d'information. À propos : une rédaction indépendante depuis 1998. "
              "Contact, publicité, mentions légales, politique de confidentialité. Tous droits réservés.")
    assert _containment(seed, cut) >= SETTINGS.containment
    assert _containment(seed, wrapped) >= SETTINGS.containment
    assert _containment(seed, quoted) < SETTINGS.containment
    assert _containment(others[0] + footer, others[2] + footer) < SETTINGS.containment


def _member(index, published, agency=False, order=None):
    return clusters.Member(index, f"id{index}", f"https://x{index}.example/", published, agency, (order or index,))


@pytest.mark.parametrize("members, origin, rule", [
    ([_member(0, 200.0), _member(1, 100.0), _member(2, None)], 1, "reuse:earliest-published"),
    ([_member(0, 100.0), _member(1, 100.0, agency=True)], 1, "reuse:tie:agency"),
    ([_member(0, 100.0, order=5), _member(1, 100.0, order=3)], 1, "reuse:tie:first-in-input-order"),
    ([_member(0, None), _member(1, None, agency=True)], 1, "reuse:no-dates:agency"),
    ([_member(0, None, order=9), _member(1, None, order=2)], 1, "reuse:no-dates:first-in-input-order"),
])
def test_origin_rule(members, origin, rule):
    chosen, why = clusters.origin(members)
    assert (chosen.index, why) == (origin, rule)


def test_two_copies_that_meet_only_beside_an_unrelated_text_are_linked():
    # A, B and C share one band's bucket, A first; A is like neither, B and C are copies of each other
    sigs = np.array([[0] * 3 + list(range(1000, 1117)), [0] * 3 + list(range(2000, 2117)),
                     [0] * 3 + list(range(2000, 2117))], dtype=np.uint32)
    keys = clusters.band_keys(sigs)
    keys[1:, 1:] = np.array([[7], [8]], dtype=np.uint32)  # and no other band in common
    assert clusters.link(keys, np.array([100, 100, 100]), np.ones(3, bool), lambda i: sigs[i]) == [[1, 2]]


def test_cluster_id_depends_on_the_members_only():
    assert clusters.cluster_id(["b", "a"]) == clusters.cluster_id(["a", "b"]) != clusters.cluster_id(["a", "c"])


def _corpus(folder: Path, seed: str, others: list[str]) -> Path:
    rows = [
        {"url": "https://wire.example/story", "title": "Wire", "body": seed, "published_at": "2022-01-20T10:00:00Z",
         "publisher": "Reuters"},
        {"url": "https://client-one.example/a", "title": "Copy", "body": "Accueil Politique. " + seed + " Partager.",
         "published_at": "2022-01-20T10:00:00Z", "publisher": "Client One"},
        {"url": "https://client-two.example/a", "title": "Cut", "body": " ".join(seed.split()[:140]) + " Lire la suite.",
         "published_at": "2022-01-21T08:00:00Z", "publisher": "Client Two"},
    ] + [{"url": f"https://other.example/{i}", "title": f"Other {i}", "body": body, "publisher": "Other"}
         for i, body in enumerate(others)]
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_build_links_the_copies_names_the_origin_and_writes_the_clusters_config(tmp_path, bodies):
    import datasets
    import pandas as pd

    seed, others = bodies
    inputs = _corpus(tmp_path, seed, others)
    convert([str(inputs)], str(tmp_path / "one"), workers=1, batch_size=2)
    convert([str(inputs)], str(tmp_path / "two"), workers=2, batch_size=2)
    rows = pd.read_parquet(tmp_path / "one" / "data")
    reuse = {u: r for u, r in zip(rows.url, rows.reuse)}
    linked = {u for u, r in reuse.items() if r is not None}
    assert linked == {"https://wire.example/story", "https://client-one.example/a", "https://client-two.example/a"}
    origin = reuse["https://wire.example/story"]
    assert origin["origin_url"] == "https://wire.example/story" and origin["similarity"] == 1.0
    assert origin["cluster_size"] == 3 and len({r["cluster_id"] for u, r in reuse.items() if r is not None}) == 1
    assert 0 < reuse["https://client-two.example/a"]["similarity"] < 1
    sources = rows[rows.url == "https://client-one.example/a"].provenance.iloc[0]["field_sources"]
    assert {"field": "reuse", "rule": "reuse:tie:agency"} in [dict(s) for s in sources]  # same instant: the agency's own
    assert assert_declared_configs_load(tmp_path / "one") == ["default", "clusters"]
    table = datasets.load_dataset(str(tmp_path / "one"), "clusters", split="train")
    assert table.num_rows == 1 and table[0]["size"] == 3 and table[0]["origin_url"] == "https://wire.example/story"
    assert sorted(table[0]["hosts"]) == ["client-one.example", "client-two.example", "wire.example"]
    for part in ("data", "clusters"):  # the same bytes whatever the worker count and batching
        one = sorted((tmp_path / "one" / part).glob("*.parquet"))
        two = sorted((tmp_path / "two" / part).glob("*.parquet"))
        assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def test_a_dask_cluster_links_the_same_copies_as_a_local_build(tmp_path, bodies):
    """The reuse stage on the Dask path: the merging worker links the copies as a local build does, to
    the same bytes of data and clusters."""
    import distributed

    seed, others = bodies
    inputs = _corpus(tmp_path, seed, others)
    local = convert([str(inputs)], str(tmp_path / "local"), workers=1, command=["t"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = convert([str(inputs)], str(tmp_path / "dask"), scheduler=cluster.scheduler_address, command=["t"])
    assert remote["counts"] == local["counts"] and remote["reuse"]["clusters"] == local["reuse"]["clusters"] == 1
    for part in ("data", "clusters"):
        assert [p.read_bytes() for p in sorted((tmp_path / "local" / part).glob("*.parquet"))] == \
            [p.read_bytes() for p in sorted((tmp_path / "dask" / part).glob("*.parquet"))]


def test_validate_finds_a_clusters_config_that_disagrees_with_the_articles(tmp_path, bodies):
    import pyarrow.parquet as pq

    from toolkit.verify import Folder, check_clusters, verify_folder

    seed, others = bodies
    convert([str(_corpus(tmp_path, seed, others))], str(tmp_path / "out"), workers=1)
    assert verify_folder(str(tmp_path / "out")) == []
    path = tmp_path / "out" / "clusters" / "train-00000-of-00001.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["member_ids"] = rows[0]["member_ids"][:2]
    rows[0]["size"] = 2
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)
    problems = check_clusters(Folder(str(tmp_path / "out")))
    assert problems == [f"data: 3 articles name cluster {rows[0]['cluster_id']}, which the clusters config gives size 2"]


FOOTER = ("Valley Ledger Network is a family of community news sites serving the towns of the upper valley. Our "
          "reporters cover local government, schools, business and sport, and our editors publish every weekday "
          "morning. Sign up for the morning newsletter to receive the headlines in your inbox, and follow us on "
          "social media for breaking news alerts. We welcome readers' letters of up to three hundred words, "
          "story tips and corrections: write to the newsroom at any time. Advertising enquiries go to our sales "
          "team, who can help local businesses reach readers across all of our sites. Our journalism is supported "
          "by readers like you: become a member today for less than the price of a coffee a week and get unlimited "
          "access, exclusive events and a printed edition on Saturdays. Copyright, all rights reserved; no part of "
          "this site may be reproduced without written permission from the publisher.")


def _items(texts: list[str], count: int, size: int = 45) -> list[str]:
    """Short items that share no text: each `size` words drawn from the given texts in its own order."""
    import random

    pool = " ".join(texts).split()
    return [" ".join(random.Random(k).sample(pool, size)) + "." for k in range(count)]


def _link(texts: list[str], sites: list[str], use_sites: bool = True) -> list[list[int]]:
    from toolkit.reuse.boilerplate import Boilerplate, Paragraphs

    signed = [signature(t) for t in texts]
    sigs, sizes = np.stack([s for s, _ in signed]), np.array([n for _, n in signed])
    eligible = sizes >= SETTINGS.min_shingles
    found = Boilerplate.find(Paragraphs.of(texts, sites), eligible)
    return clusters.link(clusters.band_keys(sigs), sizes, eligible, lambda i: sigs[i], SETTINGS,
                         found.discount if use_sites else None)


def test_a_footer_shared_by_a_networks_sites_links_nothing_and_copies_on_those_sites_still_link(bodies):
    seed, others = bodies
    items = _items(others + [seed], 9)
    texts = [item + "\n\n" + FOOTER for item in items]
    sites = [f"site-{k % 3}.example" for k in range(9)]
    assert min(len(t.split()) for t in items) >= 30
    assert _link(texts, sites, use_sites=False)  # the footer alone ties the short items together
    assert _link(texts, sites) == []
    # the network's sites also carry a republished story, under the same footer: it still joins its original
    cut = " ".join(re.split(r"(?<=[.!?])\s+", seed)[:12])
    texts += [seed, cut + "\n\n" + FOOTER, "Accueil Politique Sport\n\n" + seed]
    sites += ["origin.example", "site-1.example", "client.example"]
    assert _link(texts, sites) == [[9, 10, 11]]


def test_two_versions_of_one_story_on_one_site_do_not_make_it_boilerplate(bodies):
    from toolkit.reuse.boilerplate import Boilerplate, Paragraphs

    seed, others = bodies
    paragraphs = seed.split("\n\n")
    update = "\n\n".join(paragraphs + ["Mise à jour : la réunion est reportée à jeudi."])
    texts = [seed, update, others[0] + "\n\n" + FOOTER, others[1] + "\n\n" + FOOTER]
    found = Boilerplate.find(Paragraphs.of(texts, ["one.example"] * 4), np.ones(4, dtype=bool))
    assert found.discount(0, 1) == (0, 0, 0)
    footer_words = len(re.findall(r"\w+", FOOTER))
    assert found.discount(2, 3) == (footer_words, footer_words, footer_words)
    assert found.discount(0, 2) == (0, 0, footer_words)
