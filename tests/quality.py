"""Quality of boilerplate removal, wrap joins and text survival on labelled held-out articles.

Each case in tests/cases/articles/ labels every line of one or more documents (see its README).
`measure()` runs the pipeline on every case and counts, line by line, what it got right.
Run `python -m tests.quality` for the table; tests/test_quality.py holds the pinned floors.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dedupe.model import DocResult, Document
from dedupe.pipeline import run
from dedupe.text.normalize import key
from dedupe.text.segment import lines, sentence_bounds

CASES = Path(__file__).parent / "cases"
CORPORA = ("articles", "holdout")  # development set; blind test set (never tune on its misses)
METADATA = {"headline", "subtitle", "byline", "dateline", "source"}
KEPT_TEXT = {"body", "wrap", "trunc"}


@dataclass(frozen=True)
class Miss:
    case: str
    doc: str
    line: int
    label: str
    problem: str
    text: str


def load_cases(corpus: str = "articles") -> list[dict[str, object]]:
    folder = CASES / corpus
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def build(doc: dict[str, object]) -> str:
    """The document text a labelled document stands for."""
    sep = "\n\n" if doc["layout"] == "blank" else "\n"
    return sep.join(text for _, text in doc["lines"]) + "\n"  # type: ignore[attr-defined]


def measure(cases: list[dict[str, object]]) -> tuple[Counter[str], list[Miss]]:
    """Counts of right and wrong decisions over all cases, and every miss for inspection."""
    counts: Counter[str] = Counter()
    misses: list[Miss] = []
    for case in cases:
        docs = case["documents"]  # type: ignore[index]
        texts = [build(d) for d in docs]
        result = run([Document(d["id"], d["id"], t) for d, t in zip(docs, texts, strict=True)])
        for doc, res in zip(docs, result.documents, strict=True):
            _score(str(case["name"]), doc, res, counts, misses)
    return counts, misses


def _score(
    case: str, doc: dict[str, object], res: DocResult, counts: Counter[str], misses: list[Miss]
) -> None:
    labelled = doc["lines"]  # type: ignore[index]
    segs = lines(res.document.id, res.document.text)
    assert len(segs) == len(labelled), f"{case}: a labelled line is blank or holds a newline"
    removed = {f.start for f in res.findings if f.removed}
    joined = {f.end for f in res.findings if f.kind == "join"}
    truncated = {f.end for f in res.findings if f.kind == "truncated"}
    cleaned_key = key(res.cleaned)

    def miss(i: int, label: str, problem: str) -> None:
        misses.append(Miss(case, str(doc["id"]), i + 1, label, problem, segs[i].text))

    for i, ((label, _), seg) in enumerate(zip(labelled, segs, strict=True)):
        gone = seg.start in removed
        counts["chrome"] += label == "chrome"
        counts["removed"] += gone
        counts["removed_chrome"] += gone and label == "chrome"
        if gone != (label == "chrome"):
            miss(i, label, "removed" if gone else "kept")
        counts["wrap"] += label == "wrap"
        counts["joined"] += seg.start in joined
        counts["joined_wrap"] += seg.start in joined and label == "wrap"
        if (seg.start in joined) != (label == "wrap"):
            miss(i, label, "joined" if seg.start in joined else "not joined")
        counts["trunc"] += label == "trunc"
        counts["flagged"] += seg.end in truncated
        counts["flagged_trunc"] += seg.end in truncated and label == "trunc"
        if (seg.end in truncated) != (label == "trunc"):
            miss(i, label, "flagged truncated" if seg.end in truncated else "truncation missed")
        if label in METADATA:
            counts["metadata"] += 1
            counts["metadata_kept"] += not gone
        if label in KEPT_TEXT:
            for a, b in sentence_bounds(seg.text):
                counts["sentences"] += 1
                survived = key(seg.text[a:b]) in cleaned_key
                counts["sentences_kept"] += survived
                if not survived:
                    miss(i, label, "sentence lost")


def metrics(counts: Counter[str]) -> dict[str, float]:
    def ratio(a: str, b: str) -> float:
        return counts[a] / counts[b] if counts[b] else 1.0

    return {
        "chrome_precision": ratio("removed_chrome", "removed"),
        "chrome_recall": ratio("removed_chrome", "chrome"),
        "join_precision": ratio("joined_wrap", "joined"),
        "join_recall": ratio("joined_wrap", "wrap"),
        "truncated_precision": ratio("flagged_trunc", "flagged"),
        "truncated_recall": ratio("flagged_trunc", "trunc"),
        "metadata_kept": ratio("metadata_kept", "metadata"),
        "sentence_survival": ratio("sentences_kept", "sentences"),
    }


def main() -> None:
    """Print the metrics of every corpus; misses only for the development set."""
    for corpus in CORPORA:
        counts, misses = measure(load_cases(corpus))
        if corpus == "articles":
            for m in misses:
                print(f"{m.case}/{m.doc}:{m.line} [{m.label}] {m.problem}: {m.text[:70]}")
        print(f"== {corpus}: {dict(counts)}")
        for name, value in metrics(counts).items():
            print(f"{name:20} {value:.4f}")


if __name__ == "__main__":
    main()
