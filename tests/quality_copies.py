"""Quality of the duplicate engine on labelled copy-injection corpora (bench/copygen.py).

A corpus holds Chinese and English news with injected copies of every kind and hard negatives
(labels: tests/cases/copies/README.md). `measure()` runs the library pipeline on it, `predict()`
maps the engine's clusters onto the labelled paragraphs by document and character offsets, and
`score()` compares the two. What counts as what:

- A paragraph is (document id, index in `text.rstrip("\\n").split("\\n\\n")`); an engine
  paragraph or sentence is the labelled paragraph its offsets overlap most.
- Pairs are unordered. The engine predicts a pair for every cluster member and its cluster's
  original, and for every member and the paragraph of each source sentence it lists (how a
  partial copy names its other sources). Two members of one cluster are *not* a predicted pair:
  clusters are stars, each member verified against the original only, so the engine claims
  nothing about two members. The labels hold no chains (a paragraph is in at most one label),
  so a gold pair is one (copy, original) label, or one body paragraph of a whole-document copy
  and the paragraph it repeats.
- Headlines are scored only through document labels: a pair that touches a headline is neither
  predicted nor gold. Paragraph 0 is a headline when it ends no sentence (generated headlines
  carry no final punctuation; a body paragraph 0 always does).
- Recall per kind counts labels: a paragraph label is found when its pair is predicted, a
  document label when every body pair is (whole-document duplicates are also scored on their
  own, through `duplicate_of`). A template with a subject mismatch is kind `subject-mismatch`;
  near copies are also broken down by edit (reported, not gated).
- A hard negative is flagged when its two paragraphs are a predicted pair or sit in one cluster
  (a reader of the report would take them for copies either way).
- Swaps are right when the copy is linked to its labelled original and the reported set of
  (before, after) pairs equals the labelled set, names folded (`fold_swap`: 四川省 and 四川 are
  one swap, 成都市 is 成都, "349家 -> 786家" is "349 -> 786"). Every template label counts, found
  or not; `subject-mismatch` templates included.
- A subject mismatch is right when the labelled copy is flagged with the labelled subject and
  the same places in its body, folded the same way; precision counts every flagged paragraph.

`python -m tests.quality_copies` prints the gate's corpora (misses for the development corpus
only); `--seed N --kb K` or `--snapshot FILE` scores one other corpus, misses included.
tests/test_quality_copies.py holds the pinned floors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import copygen
from dedupe.model import Document, Member, Place, Result
from dedupe.pipeline import run

FLOORS_FILE = Path(__file__).parent / "quality_floors.json"
KINDS = ("exact", "near", "contained", "partial", "template", "subject-mismatch", "document")
SENTENCE_END = re.compile(r"[。！？.!?”\"’']\s*$")
# Place names as the generator spells them (its copy of dedupe/data/zh_places.txt's provinces).
SHORT_NAMES = {full: short for full, short, _ in copygen.ZH_PROVINCES}
CITIES = frozenset(city for _, _, cities in copygen.ZH_PROVINCES for city in cities)
FIGURE = re.compile(r"(\d[\d,.]*)\s*(\D*)")  # a figure and its unit: "7,774 tonnes", "4成"

Para = tuple[str, int]  # (document id, paragraph index in the label split)
Pair = frozenset[Para]
Swaps = frozenset[tuple[str, str]]
Subject = tuple[str, frozenset[str]]  # (subject, places of another region named in the body)
Snapshot = dict[str, Any]
Show = Callable[[Para], str]


@dataclass(frozen=True)
class Label:
    """One copy label, reduced to what scoring needs."""

    kind: str  # one of KINDS
    edit: str
    copy: Para
    original: Para
    pairs: frozenset[Pair]  # one pair, or every body pair of a whole-document copy
    swaps: Swaps
    mismatch: Subject | None


@dataclass(frozen=True)
class Gold:
    """Everything a corpus labels."""

    labels: tuple[Label, ...]
    negatives: tuple[tuple[str, Pair], ...]  # (negative kind, pair)
    headlines: frozenset[Para]

    def pairs(self) -> dict[Pair, Label]:
        return {pair: label for label in self.labels for pair in label.pairs}


@dataclass(frozen=True)
class Link:
    """A predicted pair as the engine reported it, kept to explain misses."""

    member: Para
    source: Para
    kind: str  # the member's kind, or "sentence:<kind>" for a link through one sentence
    similarity: float


@dataclass(frozen=True)
class Prediction:
    """The engine's findings, in labelled paragraphs."""

    links: dict[Pair, Link]
    clustered: frozenset[Pair]  # every two paragraphs of one cluster
    swaps: dict[Para, tuple[Para, Swaps]]  # member -> (its cluster's original, swaps)
    mismatches: dict[Para, Subject]
    duplicate_of: dict[str, str]  # document id -> the document it copies whole


@dataclass(frozen=True)
class Miss:
    """One wrong decision, for the lead to read: what kind of miss and what happened."""

    what: str  # missed | false pair | swaps | mismatch | false mismatch | document | negative
    text: str


@dataclass
class Scores:
    """Counts behind every measure (`metrics()` makes them ratios) and the misses."""

    counts: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def ratio(self, hit: str, total: str, empty: float = 1.0) -> float:
        return self.counts[hit] / self.counts[total] if self.counts[total] else empty


# ---------------------------------------------------------------------------------------------
# Corpora and labels
# ---------------------------------------------------------------------------------------------
def generated(seed: int, kb: int) -> Snapshot:
    """A copygen corpus in snapshot form (documents inline); the same for the same arguments."""
    return copygen.generate(seed, kb * 1000).snapshot()


def load_snapshot(path: Path) -> Snapshot:
    data: Snapshot = json.loads(path.read_text(encoding="utf-8"))
    return data


def digest(snapshot: Snapshot) -> str:
    """A short fingerprint of a corpus: pinned so that a changed generator is noticed."""
    text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of each labelled paragraph (blank-line split, stripped) in the document text.

    >>> paragraph_spans("Head\\n\\n　　Body one.\\n\\nTwo.\\n")
    [(0, 4), (8, 17), (19, 23)]
    """
    spans = []
    pos = 0
    for part in text.rstrip("\n").split("\n\n"):
        lead = len(part) - len(part.lstrip())
        spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 2
    return spans


def locate(spans: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    """The paragraph an engine span overlaps most (the first on a tie), or None."""
    best, index = 0, None
    for i, (a, b) in enumerate(spans):
        overlap = min(b, end) - max(a, start)
        if overlap > best:
            best, index = overlap, i
    return index


def is_headline(paragraph: str) -> bool:
    """A generated headline is one line that ends no sentence."""
    return "\n" not in paragraph and not SENTENCE_END.search(paragraph)


def fold_name(name: str) -> str:
    """A place as the labels name it: the short province name, a city without 市.

    >>> [fold_name(n) for n in ("四川省", "广西壮族自治区", "成都市", "成都", "Lanzhou")]
    ['四川', '广西', '成都', '成都', 'Lanzhou']
    """
    name = name.strip()
    if name.endswith("市") and name[:-1] in CITIES:
        return name[:-1]
    return SHORT_NAMES.get(name, name)


def fold_swap(swap: str) -> tuple[str, str]:
    """A swap as (before, after): places folded, a unit both figures share set aside.

    The labels spell a figure with its unit ("349家 -> 786家", "9.7 percent -> 8.6 percent");
    a report naming only the figures ("349 -> 786") names the same swap.

    >>> fold_swap("四川省 -> 贵州省"), fold_swap("24.4 percent -> 23.7 percent")
    (('四川', '贵州'), ('24.4', '23.7'))
    """
    before, _, after = swap.partition(" -> ")
    a, b = FIGURE.fullmatch(before.strip()), FIGURE.fullmatch(after.strip())
    if a and b and a[2] == b[2]:
        return a[1], b[1]
    return fold_name(before), fold_name(after)


def swap_set(swaps: Iterable[str]) -> Swaps:
    """Reported or labelled swaps as a set of folded (before, after) pairs.

    The labels list 四川省 -> 贵州省 and 四川 -> 贵州 when the text holds both spellings; the
    engine may report either or both: one swap.

    >>> sorted(swap_set(["四川省 -> 贵州省", "四川 -> 贵州", "成都市 -> 贵阳市"]))
    [('四川', '贵州'), ('成都', '贵阳')]
    """
    return frozenset(map(fold_swap, swaps))


def subject_of(subject: str, mentions: Iterable[str]) -> Subject:
    """A subject mismatch as (subject, places named in the body), names folded."""
    return fold_name(subject), frozenset(map(fold_name, mentions))


def gold(snapshot: Snapshot) -> Gold:
    """The labelled pairs, negatives and headlines of a corpus."""
    paras = {d["id"]: copygen.paragraphs(d["text"]) for d in snapshot["documents"]}
    headlines = frozenset((doc, 0) for doc, ps in paras.items() if is_headline(ps[0]))
    labels = []
    for c in snapshot["copies"]:
        copy, original = _para(c["copy"]), _para(c["original"])
        pairs = frozenset({frozenset({copy, original})})
        if c["kind"] == "document":
            pairs = _document_pairs(paras, copy[0], original[0])
        sm = c["subject_mismatch"]
        labels.append(
            Label(
                "subject-mismatch" if sm else c["kind"],
                c["edit"],
                copy,
                original,
                frozenset(p for p in pairs if not p & headlines),
                swap_set(c["swaps"]),
                subject_of(sm["subject"], sm["body_mentions"]) if sm else None,
            )
        )
    negatives = tuple(
        (n["kind"], frozenset({_para(n["a"]), _para(n["b"])})) for n in snapshot["negatives"]
    )
    return Gold(tuple(labels), negatives, headlines)


def _para(ref: dict[str, Any]) -> Para:
    return str(ref["doc"]), int(ref["paragraph"])


def _document_pairs(paras: dict[str, list[str]], copy: str, original: str) -> frozenset[Pair]:
    """A whole-document copy repeats the original's paragraphs at its end, in order."""
    a, b = paras[copy], paras[original]
    pairs = set()
    for back in range(1, min(len(a), len(b)) + 1):
        if a[-back] != b[-back]:
            break
        pairs.add(frozenset({(copy, len(a) - back), (original, len(b) - back)}))
    return frozenset(pairs)


# ---------------------------------------------------------------------------------------------
# What the engine found
# ---------------------------------------------------------------------------------------------
def predict(snapshot: Snapshot, result: Result, headlines: frozenset[Para]) -> Prediction:
    """The engine's clusters and duplicate documents, mapped onto labelled paragraphs."""
    spans = {d["id"]: paragraph_spans(d["text"]) for d in snapshot["documents"]}

    def where(place: Place) -> Para | None:
        index = locate(spans[place.doc], place.start, place.end)
        return None if index is None else (place.doc, index)

    links: dict[Pair, Link] = {}
    clustered: set[Pair] = set()
    swaps: dict[Para, tuple[Para, Swaps]] = {}
    mismatches: dict[Para, Subject] = {}
    for cluster in result.clusters:
        original = where(cluster.original)
        paras = [p for p in [original, *(where(m.paragraph) for m in cluster.members)] if p]
        clustered |= {frozenset({a, b}) for a in paras for b in paras if a != b}
        for member in cluster.members:
            para = where(member.paragraph)
            if para is None or original is None:
                continue
            for source, kind, similarity in _sources(member, original, where):
                pair = frozenset({para, source})
                if len(pair) == 2 and not pair & headlines:
                    links.setdefault(pair, Link(para, source, kind, similarity))
            swaps[para] = (original, swap_set(member.swaps))
            if member.subject:
                mismatches[para] = subject_of(member.subject, member.body_mentions)
    ids = {d.document.path: d.document.id for d in result.documents}
    duplicates = {
        d.document.id: ids.get(d.duplicate_of, d.duplicate_of)
        for d in result.documents
        if d.duplicate_of is not None
    }
    return Prediction(links, frozenset(clustered), swaps, mismatches, duplicates)


def _sources(
    member: Member, original: Para, where: Callable[[Place], Para | None]
) -> list[tuple[Para, str, float]]:
    """The member's original, then the paragraph of every source sentence it lists."""
    out = [(original, member.kind, member.similarity)]
    for sentence in member.sentences:
        source = where(sentence.source)
        if source is not None:
            out.append((source, f"sentence:{sentence.kind}", sentence.similarity))
    return out


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------
def score(truth: Gold, found: Prediction, texts: dict[str, list[str]] | None = None) -> Scores:
    """Count right and wrong decisions; `texts` (paragraphs by document) quotes the misses."""
    out = Scores()

    def show(para: Para) -> str:
        text = texts[para[0]][para[1]] if texts else ""
        return f"{para[0]}#{para[1]} {text[:60]!r}"

    _score_pairs(truth, found, out, show)
    for label in truth.labels:
        _score_label(label, found, out, show)
    _score_negatives(truth, found, out, show)
    _score_flagged_mismatches(truth, found, out, show)
    return out


def _score_pairs(truth: Gold, found: Prediction, out: Scores, show: Show) -> None:
    pairs = truth.pairs()
    roles = _roles(truth)
    out.counts["pairs_gold"] = len(pairs)
    out.counts["pairs_predicted"] = len(found.links)
    out.counts["pairs_clustered"] = sum(p in found.links or p in found.clustered for p in pairs)
    for pair, link in sorted(found.links.items(), key=lambda item: sorted(item[0])):
        if pair in pairs:
            out.counts["pairs_right"] += 1
            out.counts["pairs_reversed"] += _reversed(pairs[pair], link)
            continue
        how = link.kind.split(":")[0] if ":" in link.kind else "member"
        out.counts[f"false_pairs_via_{how}"] += 1
        member, source = roles.get(link.member, "unlabelled"), roles.get(link.source, "unlabelled")
        out.misses.append(
            Miss(
                "false pair",
                f"[{link.kind} {link.similarity:.2f}] member ({member}) {show(link.member)}"
                f"\n    source ({source}) {show(link.source)}",
            )
        )


def _reversed(label: Label, link: Link) -> bool:
    """The engine took the labelled original for the copy (it keeps the copy, drops the
    original): allowed by the pair measures, counted for whoever tunes the keep policy."""
    if label.kind == "document":
        return link.member[0] == label.original[0]
    return link.member == label.original


def _roles(truth: Gold) -> dict[Para, str]:
    """What the labels say each labelled paragraph is, to explain a false pair."""
    roles: dict[Para, str] = {}
    for label in truth.labels:
        roles[label.copy] = f"copy, {label.kind}"
        roles[label.original] = f"original, {label.kind}"
    for kind, pair in truth.negatives:
        roles.update((para, f"negative, {kind}") for para in pair)
    return roles


def _score_label(label: Label, found: Prediction, out: Scores, show: Show) -> None:
    hit = bool(label.pairs) and label.pairs <= found.links.keys()
    for name in (label.kind, f"near/{label.edit}") if label.kind == "near" else (label.kind,):
        out.counts[name] += 1
        out.counts[f"{name}_found"] += hit
    if not hit:
        out.misses.append(Miss("missed", _describe(label) + _engine_did(label, found, show)))
    if label.kind == "document":
        _score_document(label, found, out)
    if label.kind in ("template", "subject-mismatch"):
        _score_swaps(label, found, out, show)
    if label.mismatch is not None:
        _score_mismatch(label, label.mismatch, found, out, show)


def _describe(label: Label) -> str:
    edit = f"/{label.edit}" if label.edit else ""
    (cd, cp), (od, op) = label.copy, label.original
    return f"{label.kind}{edit} {cd}#{cp} copies {od}#{op}"


def _engine_did(label: Label, found: Prediction, show: Show) -> str:
    """What the engine reported instead, for each labelled pair it missed."""
    out = [f"\n    copy     {show(label.copy)}", f"\n    original {show(label.original)}"]
    for pair in sorted(label.pairs - found.links.keys(), key=sorted):
        a, b = sorted(pair)
        others = [link for p, link in found.links.items() if p & pair]
        together = " (the two sit in one cluster)" if pair in found.clustered else ""
        out.append(f"\n    {a[0]}#{a[1]} ~ {b[0]}#{b[1]} not linked{together}")
        out += [
            f"; {x.member[0]}#{x.member[1]} -> {x.source[0]}#{x.source[1]} "
            f"[{x.kind} {x.similarity:.2f}]"
            for x in others[:4]
        ]
    return "".join(out)


def _score_document(label: Label, found: Prediction, out: Scores) -> None:
    got = found.duplicate_of.get(label.copy[0])
    out.counts["documents"] += 1
    out.counts["documents_found"] += got == label.original[0]
    if got != label.original[0]:
        what = f"{label.copy[0]} copies {label.original[0]} ({label.edit or 'same headline'})"
        out.misses.append(Miss("document", f"{what}: duplicate_of is {got}"))


def _score_swaps(label: Label, found: Prediction, out: Scores, show: Show) -> None:
    original, swaps = found.swaps.get(label.copy, (None, frozenset()))
    right = original == label.original and swaps == label.swaps
    out.counts["swaps"] += 1
    out.counts["swaps_right"] += right
    if not right:
        elsewhere = "" if original == label.original else f", explained against {original}"
        out.misses.append(
            Miss(
                "swaps",
                f"{_describe(label)}: labelled {sorted(label.swaps)}, reported {sorted(swaps)}"
                f"{elsewhere}\n    copy {show(label.copy)}",
            )
        )


def _score_mismatch(
    label: Label, want: Subject, found: Prediction, out: Scores, show: Show
) -> None:
    got = found.mismatches.get(label.copy)
    out.counts["mismatch"] += 1
    out.counts["mismatch_found"] += got == want
    if got != want:
        out.misses.append(
            Miss(
                "mismatch",
                f"{_describe(label)}: labelled {_subject_text(want)}, reported "
                f"{_subject_text(got)}\n    copy {show(label.copy)}",
            )
        )


def _subject_text(subject: Subject | None) -> str:
    return "nothing" if subject is None else f"{subject[0]} / {sorted(subject[1])}"


def _score_flagged_mismatches(truth: Gold, found: Prediction, out: Scores, show: Show) -> None:
    labelled = {label.copy: label.mismatch for label in truth.labels if label.mismatch}
    out.counts["mismatch_flagged"] = len(found.mismatches)
    for para, got in sorted(found.mismatches.items()):
        out.counts["mismatch_flagged_right"] += labelled.get(para) == got
        if para not in labelled:
            text = f"{_subject_text(got)}\n    paragraph {show(para)}"
            out.misses.append(Miss("false mismatch", text))


def _score_negatives(truth: Gold, found: Prediction, out: Scores, show: Show) -> None:
    for kind, pair in truth.negatives:
        flagged = pair in found.links or pair in found.clustered
        out.counts["negatives"] += 1
        out.counts["negatives_flagged"] += flagged
        if flagged:
            a, b = sorted(pair)
            link = found.links.get(pair)
            how = f"[{link.kind} {link.similarity:.2f}]" if link else "[one cluster]"
            out.misses.append(Miss("negative", f"{kind} {how}\n    a {show(a)}\n    b {show(b)}"))


def metrics(scores: Scores) -> dict[str, float]:
    """Every measure the gate pins, each in [0, 1]."""
    precision = scores.ratio("pairs_right", "pairs_predicted")
    recall = scores.ratio("pairs_right", "pairs_gold")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"pair_precision": precision, "pair_recall": recall, "pair_f1": f1}
    out |= {f"recall_{kind}": scores.ratio(f"{kind}_found", kind) for kind in KINDS}
    return out | {
        "negatives_flagged": scores.ratio("negatives_flagged", "negatives", empty=0.0),
        "swap_accuracy": scores.ratio("swaps_right", "swaps"),
        "mismatch_precision": scores.ratio("mismatch_flagged_right", "mismatch_flagged"),
        "mismatch_recall": scores.ratio("mismatch_found", "mismatch"),
        "document_recall": scores.ratio("documents_found", "documents"),
    }


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------
def engine(snapshot: Snapshot) -> Result:
    """The library pipeline on a corpus, in corpus order (a document's id is its path)."""
    return run([Document(d["id"], d["id"], d["text"]) for d in snapshot["documents"]])


def measure(snapshot: Snapshot) -> Scores:
    """Run the engine on a corpus and score it against the corpus labels."""
    truth = gold(snapshot)
    found = predict(snapshot, engine(snapshot), truth.headlines)
    texts = {d["id"]: copygen.paragraphs(d["text"]) for d in snapshot["documents"]}
    return score(truth, found, texts)


def corpora() -> dict[str, dict[str, Any]]:
    """The gate's corpora as pinned in the floors file: name -> seed, kb, digest."""
    floors = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return dict(floors["copies"]["corpora"])


def table(name: str, scores: Scores) -> str:
    """The measures of one corpus, one a line, with the counts behind recall."""
    c = scores.counts
    edits = sorted(k for k in c if k.startswith("near/") and not k.endswith("_found"))
    lines = [f"== {name}"]
    for kind in (*KINDS, *edits):
        hit, total = c[f"{kind}_found"], c[kind]
        lines.append(f"recall {kind:22} {hit / total if total else 1.0:.4f}  ({hit}/{total})")
    lines += [f"{k:29} {v:.4f}" for k, v in metrics(scores).items() if not k.startswith("rec")]
    lines.append(
        f"pairs: {c['pairs_right']} right of {c['pairs_predicted']} predicted "
        f"({c['false_pairs_via_member']} false member->original, "
        f"{c['false_pairs_via_sentence']} false through a sentence), {c['pairs_gold']} labelled"
    )
    lines.append(f"right pairs with the labelled original as the member: {c['pairs_reversed']}")
    lines.append(
        f"labelled pairs in one cluster, linked or not (not scored): {c['pairs_clustered']}; "
        f"negatives flagged: {c['negatives_flagged']} of {c['negatives']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the gate's corpora (misses for the development one only), or one corpus given by
    --seed/--kb or --snapshot, misses included."""
    parser = argparse.ArgumentParser(description="Duplicate-engine quality on copygen corpora.")
    parser.add_argument("--seed", type=int, help="generate a corpus with this seed")
    parser.add_argument("--kb", type=int, default=1000, help="its size in KB (default 1000)")
    parser.add_argument("--snapshot", type=Path, help="a snapshot file (tests/cases/copies/)")
    args = parser.parse_args(argv)
    if args.snapshot:
        runs = [(str(args.snapshot), load_snapshot(args.snapshot), True)]
    elif args.seed is not None:
        runs = [(f"seed {args.seed}, {args.kb} KB", generated(args.seed, args.kb), True)]
    else:
        runs = [
            (f"{n}: seed {c['seed']}, {c['kb']} KB", generated(c["seed"], c["kb"]), n == "dev")
            for n, c in corpora().items()
        ]
    for name, data, with_misses in runs:
        scores = measure(data)
        if with_misses:
            for miss in scores.misses:
                print(f"{miss.what.upper()}: {miss.text}")
        print(table(name, scores))


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------------------------------------
# Pinned gates (tests/test_quality_copies.py, tests/test_quality_real.py)
# ---------------------------------------------------------------------------------------------
def pinned_checks(
    names: Iterable[str], bounds: dict[str, Any], known: dict[tuple[str, str], str]
) -> list[object]:
    """One pytest case per (set, measure, bound); a known miss is a strict xfail with its value."""
    import pytest  # only the tests need it

    out: list[object] = []
    for name in names:
        for measure_name, bound in bounds[name].items():
            why = known.get((name, measure_name))
            marks = [pytest.mark.xfail(strict=True, reason=f"measured {why}")] if why else []
            out.append(pytest.param(name, measure_name, bound, marks=marks))
    return out


def assert_within(name: str, measure_name: str, value: float, bound: float, ceiling: bool) -> None:
    """A floor (value >= bound), or a ceiling (value <= bound)."""
    if ceiling:
        assert value <= bound, f"{name} {measure_name} {value:.4f} > {bound}"
    else:
        assert value >= bound, f"{name} {measure_name} {value:.4f} < {bound}"
