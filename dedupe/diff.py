"""What differs between a copy and its original, in the original texts' own characters (diff).

Texts are aligned on their folded characters (case, width, script and punctuation set aside),
each folded character remembering where it came from, so every change maps back to offsets in
the real text. A change that only replaces one named thing by another (a place, a number, a
name) is a swap; a copy whose changes are all swaps is a template: same text, other facts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from dedupe.entities import Mention, mentions, tagged_at
from dedupe.normalize import key

MAX_LOOSE_SWAP = 8  # characters a swapped-in phrase with no entity tag may have ("商业行业")


@dataclass(frozen=True, slots=True)
class Change:
    """original[a_start:a_end] became copy[b_start:b_end] (offsets into the two texts)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Swap:
    """One named thing replaced by another: `before` in the original, `after` in the copy."""

    before: str
    after: str
    kind: str  # place | number | name

    def __str__(self) -> str:
        return f"{self.before} -> {self.after}"


@functools.lru_cache(maxsize=1 << 12)
def _fold_char(char: str) -> str:
    return key(char)


# Characters seen so far, as a str.translate table: code point -> its one folded character, or
# None when folding drops it. Characters that fold to several characters stay out of it.
_ONE_CHAR: dict[int, str | None] = {}
_SEVERAL: set[str] = set()


@functools.lru_cache(maxsize=1 << 14)
def folded(text: str) -> tuple[str, tuple[int, ...]]:
    """The text's matching characters, and for each the offset of the character it came from.

    >>> folded("Ａ，貿b")
    ('a贸b', (0, 2, 3))
    """
    table, seen = _ONE_CHAR, set(text)
    for char in seen:
        if ord(char) not in table and char not in _SEVERAL:
            out = _fold_char(char)
            if len(out) <= 1:
                table[ord(char)] = out or None
            else:
                _SEVERAL.add(char)
    if _SEVERAL.isdisjoint(seen):  # the usual case: translated in C
        return text.translate(table), tuple(
            offset for offset, char in enumerate(text) if table[ord(char)] is not None
        )
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        for out in _fold_char(char):
            chars.append(out)
            origin.append(offset)
    return "".join(chars), tuple(origin)


def changes(original: str, copy: str) -> list[Change]:
    """The differing stretches of two texts, adjacent edits merged, in original-text offsets.

    >>> c = changes("四川省贸促会坚持协同。", "贵州省贸促会坚持协同。")
    >>> [(x.a_start, x.a_end, x.b_start, x.b_end) for x in c]
    [(0, 2, 0, 2)]
    """
    a, a_at = folded(original)
    b, b_at = folded(copy)
    out: list[Change] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        start = _span(a_at, op.src_start, op.src_end, len(original))
        end = _span(b_at, op.dest_start, op.dest_end, len(copy))
        change = Change(start[0], start[1], end[0], end[1])
        if out and out[-1].a_end >= change.a_start and out[-1].b_end >= change.b_start:
            last = out.pop()
            change = Change(last.a_start, change.a_end, last.b_start, change.b_end)
        out.append(change)
    return out


def _span(origin: tuple[int, ...], start: int, end: int, length: int) -> tuple[int, int]:
    """Folded positions [start, end) as offsets into the text they came from."""
    if start < end:
        return origin[start], origin[end - 1] + 1
    at = origin[start] if start < len(origin) else length  # an insertion point
    return at, at


def swaps(original: str, copy: str, found: list[Change]) -> tuple[Swap, ...] | None:
    """The swaps that explain every change, or None if some change is not a swap.

    >>> swaps("四川省贸促会", "贵州省贸促会", changes("四川省贸促会", "贵州省贸促会"))
    (Swap(before='四川省', after='贵州省', kind='place'),)
    """
    if not found:
        return ()
    # The tables first, for every change: one change that they cannot name and that is not
    # shaped like a name settles the answer before jieba (the slow part) runs at all.
    table = []
    for change in found:
        swap = _table_swap(original, copy, change)
        if swap is None and not _jieba_may_name(original, copy, change):
            return None
        table.append(swap)
    out: list[Swap] = []
    for swap, change in zip(table, found, strict=True):
        explained = swap or _jieba_swap(original, copy, change)
        if explained is None:
            return None
        if explained not in out:
            out.append(explained)
    return tuple(out)


def _explained(original: str, copy: str, change: Change) -> Swap | None:
    """The swap behind a change: from the tables and patterns first, from jieba only if needed.

    jieba is the slow part, so it runs only for a short Chinese change the tables cannot name.
    """
    swap = _table_swap(original, copy, change)
    if swap is not None or not _jieba_may_name(original, copy, change):
        return swap
    return _jieba_swap(original, copy, change)


def _table_swap(original: str, copy: str, change: Change) -> Swap | None:
    return _swap(original, copy, change, _mentions(original), _mentions(copy))


def _jieba_may_name(original: str, copy: str, change: Change) -> bool:
    return _name_sized(original[change.a_start : change.a_end]) and _name_sized(
        copy[change.b_start : change.b_end]
    )


def _jieba_swap(original: str, copy: str, change: Change) -> Swap | None:
    return _swap(
        original,
        copy,
        change,
        _named(original, change.a_start),
        _named(copy, change.b_start),
    )


def _name_sized(text: str) -> bool:
    """Short and all Han: the shape of a personal or organisation name jieba might tag."""
    return 0 < len(text) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def named_swaps(original: str, copy: str, found: list[Change]) -> tuple[Swap, ...]:
    """The swaps among the changes, leaving out changes that are not swaps (partial copies)."""
    out: list[Swap] = []
    for change in found:
        swap = _explained(original, copy, change)
        if swap is not None and swap not in out:
            out.append(swap)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 14)
def _mentions(text: str) -> list[Mention]:
    return mentions(text)


def _named(text: str, at: int) -> list[Mention]:
    """Mentions, plus what jieba tags (names, organisations, numerals) beyond the tables in the
    block holding offset `at`: only there can a tagged word cover a change starting at `at`."""
    found = list(_mentions(text))
    taken = [(m.start, m.end) for m in found]
    found += [
        m for m in tagged_at(text, at) if not any(s < m.end and m.start < e for s, e in taken)
    ]
    return found


def _swap(
    a: str, b: str, change: Change, a_named: list[Mention], b_named: list[Mention]
) -> Swap | None:
    a_hit = _covering(a_named, change.a_start, change.a_end)
    b_hit = _covering(b_named, change.b_start, change.b_end)
    if a_hit is None and b_hit is None:
        return None
    before = a[a_hit.start : a_hit.end] if a_hit else a[change.a_start : change.a_end]
    after = b[b_hit.start : b_hit.end] if b_hit else b[change.b_start : change.b_end]
    if not before.strip() or not after.strip() or max(len(before), len(after)) > 40:
        return None
    loose = after if b_hit is None else before if a_hit is None else ""
    if len(loose) > MAX_LOOSE_SWAP:
        return None
    kind = (a_hit or b_hit).kind  # type: ignore[union-attr]
    return Swap(before, after, kind)


def _covering(named: list[Mention], start: int, end: int) -> Mention | None:
    """The mention that contains the changed stretch (or the insertion point)."""
    for mention in named:
        if mention.start <= start and end <= mention.end and (start < end or start < mention.end):
            return mention
    return None
