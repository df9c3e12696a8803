"""Copy clusters as the HTML report embeds them: every member beside its original, with offsets
into the paragraphs' own texts, each change tagged with the swap it belongs to.

Places carry document offsets but texts with joins applied, so offsets are mapped through the
joins. A run made mostly of copies would embed most of its text again here, so cluster texts
share a budget: past it, members keep their figures, swaps and sentence list but not their text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from dedupe.report.json import ClusterJSON, MemberJSON, MismatchJSON, PlaceJSON
from dedupe.text.segment import language

HTML_LANG = {"zh": "zh-CN", "mixed": "zh-CN", "en": "en"}
MAX_CHANGES = 60  # past this many, only the swaps are marked: the rest is noise to a reader
TEXT_SHARE = 0.15  # cluster texts may take this share of the run's input characters...
TEXT_FLOOR = 200_000  # ...or this many characters, whichever is more

Joins = Sequence[tuple[int, int, int]]  # document start, end, width of what replaced the break
# A sentence of a member: its offsets in the member's text and in its document, where it came
# from (the source's offsets in the original's text when it lies there, its text otherwise),
# and how it compares.
SENTENCE_FIELDS = (
    "start",
    "end",
    "doc_start",
    "doc_end",
    "source_doc",
    "source_line",
    "source_start",
    "source_end",
    "source_text",
    "kind",
    "similarity",
    "removed",
    "swaps",
)
SentenceRow = tuple[int, int, int, int, int, int, int, int, str, str, float, bool, list[str]]
Change = tuple[int, int, int, int, int]


class PlaceView(TypedDict):
    doc: int  # index into the report's documents, -1 if it is not there
    path: str  # only when doc is -1
    line: int
    start: int
    end: int
    text: str  # empty when left out for size
    lang: str


class MemberView(TypedDict):
    at: PlaceView
    kind: str
    similarity: float
    containment: float
    removed: bool
    swaps: list[str]
    # [original start, end, copy start, end, swap]: offsets into the two paragraphs' texts, and
    # the index in `swaps` of the swap the change belongs to, -1 if it is no swap.
    changes: list[Change]
    unmarked: int  # changes left unmarked (over MAX_CHANGES, and not swaps)
    sentences: list[SentenceRow]  # SENTENCE_FIELDS
    mismatch: MismatchJSON | None
    elided: bool  # texts left out for size


class ClusterView(TypedDict):
    id: str
    kind: str
    original: PlaceView
    why: str
    members: list[MemberView]


@dataclass(frozen=True)
class Documents:
    """What the views need to know of the run's documents: their index and their joins."""

    index: Mapping[str, int]
    joins: Sequence[Joins]


def cluster_views(
    clusters: Sequence[ClusterJSON], docs: Documents, *, input_chars: int
) -> list[ClusterView]:
    """Every cluster as the page shows it, texts kept while the budget lasts (in cluster order)."""
    left = max(TEXT_FLOOR, int(input_chars * TEXT_SHARE))
    out: list[ClusterView] = []
    for cluster in clusters:
        original = cluster["original"]
        keep = len(original["text"]) <= left
        left -= len(original["text"]) if keep else 0
        members = []
        for member in cluster["members"]:
            cost = _cost(member, original)
            fits = keep and cost <= left
            left -= cost if fits else 0
            members.append(_member(member, original, docs, elided=not fits))
        place = _place(original, docs, elided=not keep)
        out.append(
            {
                "id": cluster["id"],
                "kind": cluster["kind"],
                "original": place,
                "why": cluster["why"],
                "members": members,
            }
        )
    return out


def _cost(member: MemberJSON, original: PlaceJSON) -> int:
    """Characters a member adds: its text and the sources that lie outside the original."""
    sources = sum(
        len(s["source"]["text"]) for s in member["sentences"] if not _inside(s["source"], original)
    )
    return len(member["paragraph"]["text"]) + sources


def _place(place: PlaceJSON, docs: Documents, *, elided: bool = False) -> PlaceView:
    doc = docs.index.get(place["doc"], -1)
    return {
        "doc": doc,
        "path": "" if doc >= 0 else place["path"],
        "line": place["line"],
        "start": place["start"],
        "end": place["end"],
        "text": "" if elided else place["text"],
        "lang": html_lang(place["text"]),
    }


def _local(place: PlaceJSON, docs: Documents) -> Callable[[int], int]:
    """Document offsets -> offsets into the place's text, which has its joins applied."""
    doc = docs.index.get(place["doc"], -1)
    joins = docs.joins[doc] if doc >= 0 else []
    return lambda offset: text_offset(offset, place["start"], joins)


def _member(
    member: MemberJSON, original: PlaceJSON, docs: Documents, *, elided: bool
) -> MemberView:
    para = member["paragraph"]
    a, b = _local(original, docs), _local(para, docs)
    changes = [(a(c[0]), a(c[1]), b(c[2]), b(c[3]), -1) for c in member["changes"]]
    changes = _tag_swaps(changes, original["text"], para["text"], member["swaps"])
    shown = [c for c in changes if c[4] >= 0] if len(changes) > MAX_CHANGES or elided else changes
    sentences: list[SentenceRow] = []
    for s in member["sentences"]:
        source, inside = s["source"], _inside(s["source"], original)
        sentences.append(
            (
                b(s["sentence"]["start"]),
                b(s["sentence"]["end"]),
                s["sentence"]["start"],
                s["sentence"]["end"],
                docs.index.get(source["doc"], -1),
                source["line"],
                a(source["start"]) if inside else 0,
                a(source["end"]) if inside else 0,
                "" if inside or elided else source["text"],
                s["kind"],
                s["similarity"],
                s["removed"],
                s["swaps"],
            )
        )
    return {
        "at": _place(para, docs, elided=elided),
        "kind": member["kind"],
        "similarity": member["similarity"],
        "containment": member["containment"],
        "removed": member["removed"],
        "swaps": member["swaps"],
        "changes": [] if elided else shown,
        "unmarked": len(changes) - len(shown) if not elided else 0,
        "sentences": sentences,
        "mismatch": member["subject_mismatch"],
        "elided": elided,
    }


def text_offset(offset: int, start: int, joins: Joins) -> int:
    """A document offset as an offset into the text of a paragraph starting at `start`, whose
    joins (document start, end, width of what replaced them) are applied.

    >>> text_offset(10, 0, [(4, 6, 0)]), text_offset(5, 0, [(4, 6, 0)]), text_offset(3, 0, [])
    (8, 4, 3)
    """
    out = offset - start
    for j_start, j_end, width in joins:
        if j_start < start or j_start >= offset:
            continue
        consumed = min(offset, j_end) - j_start
        out -= consumed - min(width, consumed)
    return out


def _inside(place: PlaceJSON, outer: PlaceJSON) -> bool:
    """Whether a place lies within another (same document), so its text can be sliced from it."""
    return (
        place["doc"] == outer["doc"]
        and outer["start"] <= place["start"]
        and place["end"] <= outer["end"]
    )


def _tag_swaps(changes: list[Change], a: str, b: str, swaps: Sequence[str]) -> list[Change]:
    """Each change with the index of the swap it is part of (both sides inside the swap's names).

    >>> _tag_swaps([(0, 2, 0, 2, -1)], "四川省会", "贵州省会", ["四川省 -> 贵州省"])
    [(0, 2, 0, 2, 0)]
    """
    pairs = [tuple(s.split(" -> ", 1)) for s in swaps]
    out = []
    for a_start, a_end, b_start, b_end, _ in changes:
        before, after = a[a_start:a_end], b[b_start:b_end]
        tag = next(
            (
                i
                for i, pair in enumerate(pairs)
                if len(pair) == 2 and before and after and before in pair[0] and after in pair[1]
            ),
            -1,
        )
        out.append((a_start, a_end, b_start, b_end, tag))
    return out


def html_lang(text: str) -> str:
    """The HTML lang of a text, from its script (its first 400 characters are enough)."""
    return HTML_LANG[language(text[:400])]
