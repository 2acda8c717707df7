"""The dataset card: README.md with the Hugging Face YAML header, statistics and a
field table generated from the JSON Schema's descriptions."""
from __future__ import annotations

import os
import re
from typing import Any

import yaml

from ..progress import counted
from ..schema import field_docs, hf_features
from . import plots


def size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                         (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")):
        if n < limit:
            return label
    return "n>1B"


def yaml_header(meta: dict[str, Any], written: int, languages: list[str], extra_configs: list[dict[str, Any]] | None = None,
                data_bytes: int = 0) -> dict[str, Any]:
    configs = [{"config_name": "default", "default": True, "data_files": [{"split": "train", "path": "data/train-*.parquet"}]}]
    infos = [{"config_name": "default", "features": hf_features()._to_yaml_list(),
              "splits": [{"name": "train", "num_bytes": data_bytes, "num_examples": written}]}]
    for extra in extra_configs or []:
        configs.append({"config_name": extra["name"], "data_files": [{"split": "train", "path": extra["path"]}]})
        infos.append({"config_name": extra["name"], "features": extra["features"]._to_yaml_list(),
                      "splits": [{"name": "train", "num_bytes": extra.get("bytes", 0), "num_examples": extra["rows"]}]})
    return {
        "pretty_name": meta.get("pretty_name") or meta.get("name") or "News articles with provenance",
        "license": meta.get("license") or "other",
        "language": languages or ["multilingual"],
        "size_categories": [size_category(written)],
        "task_categories": ["text-classification"],
        "tags": sorted(set(["news", "media-provenance", "state-media", "parquet"] + list(meta.get("tags") or []))),
        "configs": configs,
        "dataset_info": infos,
    }


def _table(counts: dict[str, int], label: str, limit: int = 30) -> str:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    lines = [f"| {label} | articles |", "|---|---:|"]
    lines += [f"| {cell(k)} | {v} |" for k, v in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"| ({len(rows) - limit} more) | {sum(v for _, v in rows[limit:])} |")
    return "\n".join(lines)


MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def cell(text: str) -> str:
    """Data as plain text in a Markdown table cell: no markup, link or HTML of the data's own is rendered,
    and a '|' or a line break cannot break the row."""
    return MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def _escape(text: str) -> str:
    """The schema's own descriptions: their `code` stays, only what would break a row is escaped."""
    return text.replace("|", "\\|").replace("\n", " ")


def languages(stats: dict[str, dict[str, int]]) -> list[str]:
    """The primary language subtags of the articles, for the card's YAML and the Croissant metadata."""
    return sorted({(k or "").split("-")[0] for k in stats.get("language", {}) if k and k != "(none)"})


def render(meta: dict[str, Any], manifest: dict[str, Any], stats: dict[str, dict[str, int]],
           extra_configs: list[dict[str, Any]] | None = None, extra_sections: list[str] | None = None,
           data_bytes: int = 0) -> str:
    counts = manifest["counts"]
    header = yaml.safe_dump(yaml_header(meta, counts["written"], languages(stats), extra_configs, data_bytes),
                            sort_keys=False, allow_unicode=True)
    fields = "\n".join(f"| `{name}` | {kind} | {_escape(doc)} |" for name, kind, doc in field_docs())
    synthetic = meta.get("synthetic_inputs") or []
    parts = [
        f"---\n{header}---",
        f"# {meta.get('pretty_name') or meta.get('name') or 'News articles with provenance'}",
        (meta.get("description") or "News articles converted by the Media Provenance Toolkit.").strip(),
        "## Load it\n\n```python\nfrom datasets import load_dataset\nds = load_dataset(\"path/to/this/folder\")\n"
        "# or: import toolkit; ds = toolkit.load(\"path/to/this/folder\")\n"
        "# or: pandas.read_parquet(\"path/to/this/folder/data\")\n```",
        "## Counts\n\n"
        f"Read {counted(counts['read'], 'input record')}: {counted(counts['written'], 'article')} written, "
        f"{counts['rejected']} rejected (see `rejects.jsonl`), {counted(counts['duplicates'], 'duplicate')} dropped. "
        f"Duplicate rule: {manifest['duplicate_rule']}."
        + _reasons(manifest) + _empty_note(counts["written"]),
        "### By outlet\n\n" + _table(stats.get("outlet", {}), "outlet"),
        "### By language\n\n" + _table(stats.get("language", {}), "language"),
        "### By month of publication\n\n" + _table(dict(sorted(stats.get("month", {}).items())), "month", limit=60),
    ]
    parts += extra_sections or []
    if synthetic:
        parts.append("## Synthetic inputs\n\nThese inputs were written for testing, for fictional outlets on example domains; "
                     "they are not real articles:\n\n" + "\n".join(f"- `{s}`" for s in synthetic))
    parts += [
        "## Fields\n\nGenerated from `schema/article.schema.json`, the single source of truth of the record.\n\n"
        "| field | type | description |\n|---|---|---|\n" + fields,
        "## Provenance\n\nEvery record names its input file, byte offset and the SHA-256 of its raw bytes, and "
        "`provenance.field_sources` gives the rule that produced each field. `manifest.json` lists the inputs with "
        f"their SHA-256, the counts and the versions; the toolkit version was {manifest['versions']['toolkit']}.",
    ]
    return "\n\n".join(parts) + "\n"


def _reasons(manifest: dict[str, Any]) -> str:
    reasons = manifest.get("reject_reasons") or {}
    if not reasons:
        return ""
    rows = "\n".join(f"| {cell(k)} | {v} |" for k, v in reasons.items())
    return "\n\n| reject reason | records |\n|---|---:|\n" + rows


def _empty_note(written: int) -> str:
    if written:
        return ""
    return ("\n\nThis build holds no article. `datasets.load_dataset` cannot load a split of zero rows (it raises "
            "'Instruction \"train\" corresponds to no data!'); `toolkit.load(folder)` returns zero rows with the "
            "schema's features, and pandas, DuckDB and pyarrow read the empty Parquet file.")


def read_header(text: str) -> dict[str, Any]:
    if not text.startswith("---\n"):
        raise ValueError("the card does not start with a YAML header ('---')")
    end = text.find("\n---", 4)
    if end < 0:
        raise ValueError("the card's YAML header is not closed ('---')")
    return yaml.safe_load(text[4:end]) or {}


def affiliation_table(stats: dict[str, dict[str, int]], limit: int = 50) -> str:
    """Articles by affiliation category and outlet."""
    rows = sorted(((k.split("\t", 1), v) for k, v in stats.get("category_outlet", {}).items()),
                  key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    categories = stats.get("category", {})
    total = sum(categories.values())
    known = total - categories.get("unknown", 0)
    share = f"{known} of {total} articles ({100 * known / total:.1f}%) have a known affiliation category. " if total else ""
    uncertain = stats.get("uncertain", {}).get("uncertain", 0)
    doubt = (f"{uncertain} articles are from outlets whose label the registry marks uncertain (debated or dated facts, "
             "or sources that disagree: see each article's `affiliation.uncertain_note`). ") if uncertain else ""
    lines = ["## By affiliation\n", share + doubt + "Affiliation categories come from the outlet registry (see the "
             "`outlets` config for each outlet's owner, network, period and evidence); `unknown` means the registry knows "
             "neither the host nor a declared publisher name that is safe to decide on. `mpt outlets coverage FOLDER` "
             "lists the hosts without an entry, for your own `--registry` file.\n",
             "| category | articles |", "|---|---:|"]
    lines += [f"| {cell(c)} | {n} |" for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))]
    networks = sorted(((k, v) for k, v in stats.get("network", {}).items() if k != "(none)"), key=lambda kv: (-kv[1], kv[0]))
    if networks:
        lines += ["", "Networks: the media group, public broadcaster's family or chain of look-alike sites an outlet "
                  "belongs to (`affiliation.network`).\n", "| network | articles |", "|---|---:|"]
        lines += [f"| {cell(name)} | {n} |" for name, n in networks[:limit]]
        if len(networks) > limit:
            lines.append(f"| ({len(networks) - limit} more) | {sum(n for _, n in networks[limit:])} |")
    lines += ["", "| category | outlet | articles |", "|---|---|---:|"]
    lines += [f"| {cell(cat)} | {cell(outlet)} | {n} |" for (cat, outlet), n in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"| ({len(rows) - limit} more) | | {sum(n for _, n in rows[limit:])} |")
    return "\n".join(lines)


def write(folder: str, meta: dict[str, Any], manifest: dict[str, Any], stats: dict[str, dict[str, int]],
          outlet_rows: int, clusters: list[dict[str, Any]]) -> None:
    """README.md of a build's folder: its configs (articles in data/, the outlets they refer to, the
    clusters of republished texts) and statistics."""
    extra = [{"name": "outlets", "path": "outlets/*.parquet", "rows": outlet_rows, "bytes": _bytes(folder, "outlets"),
              "features": hf_features("outlet.schema.json")},
             {"name": "clusters", "path": "clusters/*.parquet", "rows": len(clusters), "bytes": _bytes(folder, "clusters"),
              "features": hf_features("cluster.schema.json")}]
    extra = [config for config in extra if config["rows"]]  # an empty split cannot be loaded: no config then
    pictures = plots.draw(folder, stats)
    sections = [pictures_section(pictures), affiliation_table(stats), reuse_section(clusters, manifest),
                "## Personal and sensitive information\n\n" + PERSONAL_DATA,
                f"## Citation\n\n```bibtex\n{citation(meta, manifest)}\n```"]
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8") as f:
        f.write(render(meta, manifest, stats, extra_configs=extra, data_bytes=_bytes(folder, "data"),
                       extra_sections=[section for section in sections if section]))


def pictures_section(pictures: dict[str, str]) -> str:
    if not pictures:
        return ""
    lines = {"months": "![Articles per month of publication, by affiliation category]({})",
             "outlets": "![The outlets with the most articles, coloured by affiliation category]({})"}
    return "## At a glance\n\n" + "\n\n".join(lines[name].format(path) for name, path in pictures.items())


PERSONAL_DATA = (
    "The articles name people: their authors (`byline.authors[].name`, with profile URLs in "
    "`byline.authors[].url`) and the people the texts write about. Author names are as the pages published "
    "them. The affiliation labels describe outlets, not authors. Use the data as the law where you work "
    "allows for published journalistic texts and their bylines (in the EU, the GDPR's research and "
    "journalism provisions), and do not use it to profile individuals.")


def citation(meta: dict[str, Any], manifest: dict[str, Any]) -> str:
    """The recipe's own citation (`citation:` in recipe.yaml) when it gives one; else one for this dataset
    and the toolkit."""
    text = meta.get("citation")
    if not text:
        name = meta.get("name") or "dataset"
        version = manifest["versions"]["toolkit"]  # no build date: the same inputs give the same card
        text = (f"@misc{{{re.sub(r'[^A-Za-z0-9]+', '_', name)},\n  title = {{{meta.get('pretty_name') or name}}},\n"
                f"  note = {{Built with the Media Provenance Toolkit {version}}}\n}}")
    return text.strip()


def reuse_section(clusters: list[dict[str, Any]], manifest: dict[str, Any], limit: int = 10) -> str:
    """What the build found republished: how much, the largest clusters, and how to ask more of them."""
    settings = (manifest.get("reuse") or {}).get("settings") or {}
    members = sum(c["size"] for c in clusters)
    crossing = sum(1 for c in clusters if len(c["categories"]) > 1)
    if clusters:
        found = (f"{counted(len(clusters), 'cluster')} of near-duplicate bodies hold {counted(members, 'article')}; "
                 f"{crossing} of them span outlets of more than one affiliation category. Each article's `reuse` field "
                 "names its cluster and the cluster's origin (the earliest publication); the `clusters` config has one "
                 "row a cluster:\n\n```python\nload_dataset(\"path/to/this/folder\", \"clusters\")\n```\n\n")
    else:
        found = ("No text of this build appears in more than one article, so it has no `clusters` config and every "
                 "article's `reuse` field is null.\n\n")
    text = ("## Republished texts\n\n" + found +
            f"Texts are compared as word {settings.get('shingle', '?')}-shingles by MinHash "
            f"({settings.get('permutations', '?')} permutations, {settings.get('bands', '?')} bands of "
            f"{settings.get('rows', '?')}); two texts are linked when about {settings.get('containment', '?')} of the "
            "shorter one's shingles are in the other. A republication that was cut or wrapped in other boilerplate is "
            "still linked; a quoted paragraph or a shared site footer is not.")
    if clusters:
        largest = sorted(clusters, key=lambda c: (-c["size"], c["cluster_id"]))[:limit]
        rows = "\n".join(f"| `{c['cluster_id']}` | {c['size']} | {cell(c['origin_url'])} | {len(c['hosts'])} | "
                         f"{', '.join(c['categories'])} |" for c in largest)
        text += ("\n\n| cluster | articles | origin | hosts | categories |\n|---|---:|---|---:|---|\n" + rows)
    return text


def _bytes(folder: str, sub: str) -> int:
    where = os.path.join(folder, sub)
    return sum(os.path.getsize(os.path.join(where, f)) for f in os.listdir(where)) if os.path.isdir(where) else 0
