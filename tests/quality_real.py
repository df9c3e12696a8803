"""Quality on real text (issue 14): real pages and news, only the labels generated.

The sets are built by bench/realtext.py into tests/realtext/ (sources in its NOTICE.md): for
'dev' and 'holdout' (different source articles; never tune on the holdout's misses), cleaning
cases in the format of tests/cases/articles/ and a copy corpus in the format of
tests/cases/copies/ whose later documents are a replayed feed (republished articles, copied
and edited paragraphs, real same-frame hard negatives). Scoring reuses tests/quality.py and
tests/quality_copies.py; on top of them this module measures per language, document pairs
(republished articles) and labelled copies that the cleaner removed as boilerplate instead of
reporting them as copies.

`python -m tests.quality_real` prints every measure; `--misses` adds what the dev set missed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests import quality, quality_copies
from tests.quality_copies import Gold, Prediction, Snapshot

REAL = Path(__file__).parent / "realtext"
SETS = ("dev", "holdout")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Report:
    """Every measure of one set, and the misses behind them."""

    values: dict[str, float]
    counts: dict[str, int]
    misses: list[str]


def cases(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (REAL / "cleaning" / f"{name}.json").read_text(encoding="utf-8")
    )
    return data


def snapshot(name: str) -> Snapshot:
    return quality_copies.load_snapshot(REAL / "copies" / f"{name}.json")


# ---------------------------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------------------------
def cleaning(name: str) -> tuple[dict[str, float], list[str]]:
    """tests/quality.py's measures for all cases and for each language's cases."""
    values: dict[str, float] = {}
    misses: list[str] = []
    by_lang: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for case in cases(name):
        counts, found = quality.measure([case])
        by_lang[str(case["name"])[:2]].update(counts)
        misses += [f"{m.case}:{m.line} [{m.label}] {m.problem}: {m.text[:90]}" for m in found]
    total: Counter[str] = Counter()
    for lang, counts in by_lang.items():
        total.update(counts)
        values |= {f"{k}_{lang}": v for k, v in quality.metrics(counts).items()}
    return values | quality.metrics(total), misses


# ---------------------------------------------------------------------------------------------
# Copies, feed and republished documents
# ---------------------------------------------------------------------------------------------
def copies(name: str) -> tuple[dict[str, float], dict[str, int], list[str]]:
    snap = snapshot(name)
    truth = quality_copies.gold(snap)
    result = quality_copies.engine(snap)
    found = quality_copies.predict(snap, result, truth.headlines)
    texts = {d["id"]: quality_copies.copygen.paragraphs(d["text"]) for d in snap["documents"]}
    scores = quality_copies.score(truth, found, texts)
    values = quality_copies.metrics(scores)
    values |= {  # reported, not gated: recall of each near edit
        f"recall_{k}": scores.ratio(f"{k}_found", k)
        for k in sorted(scores.counts)
        if k.startswith("near/") and not k.endswith("_found")
    }
    values["document_pair_f1"] = document_pair_f1(truth, found)
    boiler = removed_as_boilerplate(snap, truth, result)
    counts = {
        "pairs_gold": scores.counts["pairs_gold"],
        "pairs_predicted": scores.counts["pairs_predicted"],
        "negatives": scores.counts["negatives"],
        "negatives_flagged": scores.counts["negatives_flagged"],
        "copies_removed_as_boilerplate": len(boiler),
    }
    values["copies_removed_as_boilerplate"] = float(len(boiler))
    misses = [f"{m.what.upper()}: {m.text}" for m in scores.misses]
    misses += [f"BOILERPLATE: labelled copy {d}#{i} removed by {rule}" for d, i, rule in boiler]
    return values, counts, misses


def document_pair_f1(truth: Gold, found: Prediction) -> float:
    """F1 of unordered (copy, original) document pairs against the document labels."""
    gold = {
        frozenset({lab.copy[0], lab.original[0]}) for lab in truth.labels if lab.kind == "document"
    }
    got = {frozenset(pair) for pair in found.duplicate_of.items()}
    right = len(gold & got)
    if not right:
        return 0.0 if gold or got else 1.0
    precision, recall = right / len(got), right / len(gold)
    return 2 * precision * recall / (precision + recall)


def removed_as_boilerplate(snap: Snapshot, truth: Gold, result: Any) -> list[tuple[str, int, str]]:
    """Labelled copy paragraphs that a boilerplate rule removed (they should be copies)."""
    spans = {d["id"]: quality_copies.paragraph_spans(d["text"]) for d in snap["documents"]}
    copied = {para for lab in truth.labels for pair in lab.pairs for para in pair}
    copied -= {para for lab in truth.labels for para in _original_side(lab)}
    out = []
    for doc in result.documents:
        for f in doc.findings:
            if f.removed and f.kind == "boilerplate":
                index = quality_copies.locate(spans[doc.document.id], f.start, f.end)
                if index is not None and (doc.document.id, index) in copied:
                    out.append((doc.document.id, index, f.rule))
    return sorted(set(out))


def _original_side(label: quality_copies.Label) -> set[tuple[str, int]]:
    """The labelled paragraphs on the original's side (a document label: its whole document)."""
    if label.kind != "document":
        return {label.original}
    return {para for pair in label.pairs for para in pair if para[0] == label.original[0]}


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------
def measure(name: str) -> Report:
    clean, clean_misses = cleaning(name)
    dup, counts, dup_misses = copies(name)
    return Report(clean | dup, counts, clean_misses + dup_misses)


def table(name: str, report: Report) -> str:
    lines = [f"== {name} {report.counts}"]
    lines += [f"{k:34} {v:.4f}" for k, v in report.values.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="dedupe quality on real text (tests/realtext)")
    parser.add_argument("--misses", action="store_true", help="print the dev set's misses")
    args = parser.parse_args(argv)
    for name in SETS:
        report = measure(name)
        if args.misses and name == "dev":
            print("\n".join(report.misses))
        print(table(name, report))


if __name__ == "__main__":
    main()
