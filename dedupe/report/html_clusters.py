"""Copy clusters as the HTML report embeds them: every member beside its original, with offsets
into the paragraphs' own texts, each change tagged with the swap it belongs to.

Places carry document offsets but texts with joins applied, so offsets are mapped through the
joins. Rows repeat, so they are arrays (PLACE_FIELDS, MEMBER_FIELDS, SENTENCE_FIELDS), not
objects with keys.

A run made mostly of copies would embed most of its text again here, and each member's sentence
and change rows on top, so a member's details (texts, differences, sentence rows) share one
budget in bytes, given by the caller as a share of the input: members past it are summary rows
(where, kind, similarity, containment, removed, swaps, subject mismatch), which the page says and
points to the JSON report for the rest. Members are served in order of what a reviewer most needs
to see side by side: subject mismatches and templates first, exact copies last.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dedupe.report.json import ClusterJSON, MemberJSON, PlaceJSON
from dedupe.text.segment import language

HTML_LANG = {"zh": "zh-CN", "mixed": "zh-CN", "en": "en"}
MAX_CHANGES = 60  # past this many, only the swaps are marked: the rest is noise to a reader
# Which members get their details first when the budget is short (then cluster order).
DETAIL_ORDER = ("template", "partial", "near", "contained", "exact")
PLACE_FIELDS = (
    "doc",
    "path",
    "line",
    "start",
    "end",
    "text",
    "lang",
)  # text, lang: may be left off
# A member: its summary fields, then (when it has its details) the rest.
SUMMARY_FIELDS = (
    "at",
    "kind",
    "similarity",
    "containment",
    "removed",
    "swaps",
    "swaps_left",
    "mismatch",
)
SUMMARY_SWAPS = 2  # a summary row lists this many swaps and counts the rest (swaps_left)
DETAIL_FIELDS = ("changes", "unmarked", "sentences")
MEMBER_FIELDS = SUMMARY_FIELDS + DETAIL_FIELDS
CLUSTER_FIELDS = ("id", "kind", "original", "why", "members")

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
SentenceRow = tuple[int, int, int, int, int, int, int, int, str, str, float, int, list[str]]
Change = tuple[int, int, int, int, int]


# doc: index into the report's documents, -1 if it is not there; path: only when doc is -1;
# text and lang are left off for a member without details and an original none of whose
# members has them.
PlaceRow = tuple[int, str, int, int, int] | tuple[int, str, int, int, int, str, str]
# at, kind, similarity, containment, removed (0/1), swaps, swaps_left (swaps not listed: a
# summary row lists SUMMARY_SWAPS), mismatch; then, with details:
# changes ([original start, end, copy start, end, swap]: offsets into the two paragraphs' texts
# and the index in `swaps` of the swap the change belongs to, -1 if none), unmarked (changes left
# unmarked: over MAX_CHANGES and not swaps), sentences (SENTENCE_FIELDS).
MemberRow = list[object]  # MEMBER_FIELDS, or only SUMMARY_FIELDS for a summary row
# id, kind, original, why (an index into the report's interned strings), members
ClusterRow = tuple[str, str, PlaceRow, int, list[MemberRow]]  # CLUSTER_FIELDS


@dataclass(frozen=True)
class Documents:
    """What the views need to know of the run's documents: their index and their joins."""

    index: Mapping[str, int]
    joins: Sequence[Joins]


def cluster_views(
    clusters: Sequence[ClusterJSON],
    docs: Documents,
    *,
    budget: int,
    intern: Callable[[str], int],
) -> tuple[list[ClusterRow], int]:
    """Every cluster as the page shows it, and how many members are summary rows only.

    Members get their details while `budget` (UTF-8 bytes of embedded JSON: the member's detail
    fields and texts, and its original's text the first time) lasts, served in DETAIL_ORDER.
    """
    details: dict[tuple[int, int], MemberRow] = {}
    order = sorted(
        ((c, m) for c, cluster in enumerate(clusters) for m in range(len(cluster["members"]))),
        key=lambda cm: (_rank(clusters[cm[0]]["members"][cm[1]]), cm),
    )
    left, shown = budget, set()
    for c, m in order:
        original, member = clusters[c]["original"], clusters[c]["members"][m]
        row, text = _member(member, original, docs), member["paragraph"]["text"]
        cost = _size(row) - _size(row[: len(SUMMARY_FIELDS)]) + _size(text)
        if c not in shown:
            cost += _size(original["text"])
        if cost <= left:
            left -= cost
            details[c, m] = row
            shown.add(c)
    out: list[ClusterRow] = []
    summaries = 0
    for c, cluster in enumerate(clusters):
        members: list[MemberRow] = []
        for m, member in enumerate(cluster["members"]):
            detail = details.get((c, m))
            if detail is None:
                summaries += 1
                members.append(_summary(member, docs))
            else:
                members.append(detail)
        place = _place(cluster["original"], docs, text=c in shown)
        out.append((cluster["id"], cluster["kind"], place, intern(cluster["why"]), members))
    return out, summaries


def _rank(member: MemberJSON) -> int:
    """Subject mismatches first, then by kind in DETAIL_ORDER."""
    if member["subject_mismatch"] is not None:
        return -1
    kind = member["kind"]
    return DETAIL_ORDER.index(kind) if kind in DETAIL_ORDER else len(DETAIL_ORDER)


def _size(value: object) -> int:
    """Bytes of a value as the page embeds it (compact JSON, UTF-8)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8"))


def _place(place: PlaceJSON, docs: Documents, *, text: bool = True) -> PlaceRow:
    doc = docs.index.get(place["doc"], -1)
    path = "" if doc >= 0 else place["path"]
    if not text:
        return (doc, path, place["line"], place["start"], place["end"])
    lang = html_lang(place["text"])
    return (doc, path, place["line"], place["start"], place["end"], place["text"], lang)


def _local(place: PlaceJSON, docs: Documents) -> Callable[[int], int]:
    """Document offsets -> offsets into the place's text, which has its joins applied."""
    doc = docs.index.get(place["doc"], -1)
    joins = docs.joins[doc] if doc >= 0 else []
    return lambda offset: text_offset(offset, place["start"], joins)


def _summary(member: MemberJSON, docs: Documents, *, detail: bool = False) -> MemberRow:
    """A member without its details: where, kind, figures, removed, swaps, mismatch."""
    swaps = member["swaps"] if detail else member["swaps"][:SUMMARY_SWAPS]
    return [
        _place(member["paragraph"], docs, text=detail),
        member["kind"],
        member["similarity"],
        member["containment"],
        int(member["removed"]),
        swaps,
        len(member["swaps"]) - len(swaps),
        member["subject_mismatch"],
    ]


def _member(member: MemberJSON, original: PlaceJSON, docs: Documents) -> MemberRow:
    """A member with its details: texts, marked differences, sentence rows."""
    para = member["paragraph"]
    a, b = _local(original, docs), _local(para, docs)
    changes = [(a(c[0]), a(c[1]), b(c[2]), b(c[3]), -1) for c in member["changes"]]
    changes = _tag_swaps(changes, original["text"], para["text"], member["swaps"])
    shown = [c for c in changes if c[4] >= 0] if len(changes) > MAX_CHANGES else changes
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
                "" if inside else source["text"],
                s["kind"],
                s["similarity"],
                int(s["removed"]),
                s["swaps"],
            )
        )
    return [*_summary(member, docs, detail=True), shown, len(changes) - len(shown), sentences]


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
