"""What differs between a copy and its original, in the original texts' own characters (diff).

Texts are aligned on their folded characters (case, width, script and punctuation set aside),
each folded character remembering where it came from, so every change maps back to offsets in
the real text. A change that only replaces one named thing by another (a place, a number, a
name) is a swap; a copy whose changes are all swaps is a template: same text, other facts.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex
from rapidfuzz.distance import Levenshtein

from dedupe.engine.entities import Mention, mentions, tagged_at
from dedupe.model import picklable
from dedupe.text.normalize import key

MAX_LOOSE_SWAP = 8  # characters a swapped-in phrase with no entity tag may have ("商业行业")


class Change(NamedTuple):
    """original[a_start:a_end] became copy[b_start:b_end] (offsets into the two texts).

    A named tuple, not a dataclass: diffs make millions of them, and a tuple is made in a
    fraction of the time.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@picklable
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
# The same characters -> "\x01" when folding keeps them, "\x00" when it drops them: translated
# and read as bytes, the mask picks the kept offsets in C (a generator over the characters
# was a third of the time spent explaining copies).
_KEPT: dict[int, str] = {}
_SEVERAL: set[str] = set()
_MET: set[str] = set()  # the characters of either kind


@functools.lru_cache(maxsize=1 << 14)
def folded(text: str) -> tuple[str, tuple[int, ...]]:
    """The text's matching characters, and for each the offset of the character it came from.

    >>> folded("Ａ，貿b")
    ('a贸b', (0, 2, 3))
    """
    table, seen = _ONE_CHAR, set(text)
    for char in seen.difference(_MET):
        out = _fold_char(char)
        if len(out) <= 1:
            table[ord(char)] = out or None
            _KEPT[ord(char)] = "\x01" if out else "\x00"
        else:
            _SEVERAL.add(char)
        _MET.add(char)
    if _SEVERAL.isdisjoint(seen):  # the usual case: translated in C
        kept = text.translate(_KEPT).encode("latin-1")
        return text.translate(table), tuple(itertools.compress(range(len(text)), kept))
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
    changed = aligned(original, copy, found)
    # The tables first, for every change: one change that they cannot name and that is not
    # shaped like a name settles the answer before jieba (the slow part) runs at all.
    table: list[list[Swap] | None] = []
    for change in changed:
        named = _table_swaps(original, copy, change)
        if named is None and not _jieba_may_name(original, copy, change):
            return None
        table.append(named)
    out: list[Swap] = []
    for named, change in zip(table, changed, strict=True):
        if named is None:
            swap = _jieba_swap(original, copy, change)
            if swap is None:
                return None
            named = [swap]
        out += [swap for swap in named if swap not in out]
    return tuple(out)


def facts_differ(original: str, copy: str, found: list[Change]) -> bool:
    """Whether some change states another fact: a number, place or name replaced, or a whole
    phrase replaced by another (a new topic in the same sentence frame). Rewording stays below
    that: synonyms of a word or two.

    >>> facts_differ("Exports rose 9.7% in Gdansk.", "Exports rose 8.6% in Busan.", changes(
    ...     "Exports rose 9.7% in Gdansk.", "Exports rose 8.6% in Busan."))
    True
    >>> a = "Demand for customs clearance procedures rose."
    >>> b = "Demand for flood defenses along the river rose."
    >>> facts_differ(a, b, changes(a, b)), facts_differ(a, a.replace("rose", "climbed"), [])
    (True, False)
    """
    for change in _phrases(original, copy, aligned(original, copy, found)):
        before = original[change.a_start : change.a_end]
        after = copy[change.b_start : change.b_end]
        if min(phrase_size(before), phrase_size(after)) >= PHRASE:
            return True
        if min(_han_run(before), _han_run(after)) >= HAN_PHRASE:
            return True
    return bool(named_swaps(original, copy, found))


PHRASE = 3  # Latin words, or Han characters / 2, that make a replaced stretch a phrase
# Han characters in one unbroken run that make a phrase on their own: a topic replaced by
# another (海外仓布局 -> 社区养老服务网络), where two synonyms side by side are shorter and
# parted by punctuation (表示，目前 -> 指出，眼下).
HAN_PHRASE = 5
GLUE = 2  # Han characters in common that still leave two changes one replaced phrase


def _phrases(original: str, copy: str, found: list[Change]) -> list[Change]:
    """Changes that only spaces, punctuation or a short shared word keep apart, in either
    text, as one.

    A character diff splits a replaced phrase wherever the two happen to share letters
    ("rural broadband coverage" -> "small business lending" comes out as "rural" -> "small"
    plus "broadband coverage" -> "business lending"; 营商环境建设 -> 流域生态环境治理 around 环境).

    >>> a, b = "demand for rural broadband coverage rose", "demand for small business lending rose"
    >>> [(a[c.a_start : c.a_end], b[c.b_start : c.b_end]) for c in
    ...     _phrases(a, b, aligned(a, b, changes(a, b)))]
    [('rural broadband coverage', 'small business lending')]
    """
    out: list[Change] = []
    for change in found:
        if out and (
            _glue(original[out[-1].a_end : change.a_start])
            or _glue(copy[out[-1].b_end : change.b_start])
        ):
            last = out.pop()
            change = Change(last.a_start, change.a_end, last.b_start, change.b_end)
        out.append(change)
    return out


def _glue(gap: str) -> bool:
    """Whether unchanged text between two changes is too little to part them."""
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in gap)
    return han <= GLUE and not any(ch.isalnum() and not "\u4e00" <= ch <= "\u9fff" for ch in gap)


def phrase_size(text: str) -> float:
    """Words (a hyphenated compound counts its parts: "cold-chain" is two) plus Han / 2."""
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return len(_WORD.findall(text)) + han / 2


_WORD = regex.compile(r"\p{Latin}+|\p{N}+(?:[.,]\p{N}+)*")


def _han_run(text: str) -> int:
    """The length of the longest run of Han characters in the text.

    >>> _han_run("表示，目前"), _han_run("社区养老服务网络")
    (2, 8)
    """
    return max((len(run) for run in _HAN_RUN.findall(text)), default=0)


_HAN_RUN = regex.compile(r"\p{Han}+")


def aligned(original: str, copy: str, found: list[Change]) -> list[Change]:
    """Changes widened to whole words, numbers and named things, then merged where they meet.

    A character diff cuts tokens apart ("Gdansk" -> "Busan" comes out as "Gd" -> "Bus" plus
    "sk" -> ""), and no piece alone is a swap; widened, the two pieces are one change again.
    """
    if not found:
        return []  # an exact copy: no need to find the units of two paragraphs
    a_units, b_units = _units(original), _units(copy)
    out: list[Change] = []
    for change in found:
        a = _widen(a_units, change.a_start, change.a_end)
        b = _widen(b_units, change.b_start, change.b_end)
        change = Change(a[0], a[1], b[0], b[1])
        last = out[-1] if out else None
        if last and (
            _meet(last.a_start, last.a_end, change.a_start, change.a_end)
            or _meet(last.b_start, last.b_end, change.b_start, change.b_end)
        ):
            last = out.pop()
            change = Change(
                last.a_start,
                max(last.a_end, change.a_end),
                last.b_start,
                max(last.b_end, change.b_end),
            )
        out.append(change)
    return [_trimmed(original, copy, c) for c in out]


def _meet(last_start: int, last_end: int, start: int, end: int) -> bool:
    """Whether two changes in order leave nothing unchanged between them in one text: they
    overlap, or one is an insertion point where the other starts or ends (an edit of "5.7"
    to "24.5" comes out as "24" put before it and "7" cut out of it: one change, not a
    second one that meets the next word, "5.7 -> million")."""
    touch = last_end == start and (last_start == last_end or start == end)
    return last_end > start or touch


def _trimmed(original: str, copy: str, change: Change) -> Change:
    """The change without the spaces and punctuation at its edges, which merging can pull in."""
    a = _trim(original, change.a_start, change.a_end)
    b = _trim(copy, change.b_start, change.b_end)
    return Change(a[0], a[1], b[0], b[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != "%":
        end -= 1
    return start, end


_TOKEN = regex.compile(r"[\p{Latin}\p{N}]+(?:[.,'’\-][\p{Latin}\p{N}]+)*%?")


@dataclass(frozen=True, slots=True)
class Units:
    """Spans no swap may cut, sorted, with their starts and the longest, for range lookups."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]
    longest: int


@functools.lru_cache(maxsize=1 << 14)
def _units(text: str) -> Units:
    """Spans no swap may cut: Latin words, numbers, and named things (places, names)."""
    found = {m.span() for m in _TOKEN.finditer(text)}
    found |= {(m.start, m.end) for m in _mentions(text)}
    spans = tuple(sorted(found))
    return Units(spans, tuple(s for s, _ in spans), max((e - s for s, e in spans), default=0))


def _widen(units: Units, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown to the units it cuts (an insertion point only if strictly inside one).

    Units are visited in order from the first that could reach `start` (none that starts more
    than the longest unit before it can) until one starts past the growing end.
    """
    first = bisect.bisect_left(units.starts, start - units.longest)
    for u_start, u_end in itertools.islice(units.spans, first, None):
        if u_start >= (end if end > start else start + 1):
            break
        cuts = u_start < end and start < u_end if start < end else u_start < start < u_end
        if cuts:
            start, end = min(start, u_start), max(end, u_end)
    return start, end


def _explained_all(original: str, copy: str, change: Change) -> list[Swap] | None:
    """One swap, or several side by side ("新疆2月" -> "温州11月": a place and a number)."""
    one = _explained(original, copy, change)
    return [one] if one is not None else _paired(original, copy, change)


def _paired(original: str, copy: str, change: Change) -> list[Swap] | None:
    """Swaps of named things in the same order on both sides, with nothing else changed."""
    a = _within(_mentions(original), original, change.a_start, change.a_end)
    if a is None or len(a) < 2:
        return None
    b = _within(_mentions(copy), copy, change.b_start, change.b_end)
    if b is None or len(a) != len(b):
        return None
    if any(x.kind != y.kind for x, y in zip(a, b, strict=True)):
        return None
    return [Swap(x.text, y.text, x.kind) for x, y in zip(a, b, strict=True) if x.text != y.text]


def _within(named: list[Mention], text: str, start: int, end: int) -> list[Mention] | None:
    """The mentions that tile text[start:end] (gaps of space or punctuation only), else None."""
    inside = [m for m in named if start <= m.start and m.end <= end]
    # Mentions are in order and never overlap: the gaps are the stretches between them.
    edges = [start, *(at for m in inside for at in (m.start, m.end)), end]
    gaps = (text[edges[k] : edges[k + 1]] for k in range(0, len(edges), 2))
    return inside if not any(ch.isalnum() for gap in gaps for ch in gap) else None


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


def _table_swaps(original: str, copy: str, change: Change) -> list[Swap] | None:
    """The swaps the tables find: one, or several side by side (see _paired)."""
    one = _table_swap(original, copy, change)
    return [one] if one is not None else _paired(original, copy, change)


def _jieba_may_name(original: str, copy: str, change: Change) -> bool:
    return name_sized(original[change.a_start : change.a_end]) and name_sized(
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


def name_sized(text: str) -> bool:
    """Short and all Han: the shape of a personal or organisation name jieba might tag."""
    return 0 < len(text) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in text)


Span = tuple[int, int]


def named_swaps(
    original: str, copy: str, found: list[Change], within: Sequence[tuple[Span, Span]] | None = None
) -> tuple[Swap, ...]:
    """The swaps among the changes, leaving out changes that are not swaps (partial copies).

    `within`: pairs of spans (of the original, of the copy) that correspond; a change is looked
    at only inside one such pair (a partial copy's own sentences line up with unrelated text of
    the original, and no name there was swapped).
    """
    changed = [
        c for c in aligned(original, copy, found) if within is None or corresponds(c, within)
    ]
    return distinct(s for c in changed for s in _explained_all(original, copy, c) or ())


def explained_changes(
    original: str, copy: str, found: list[Change]
) -> list[tuple[Change, list[Swap]]]:
    """Each change, widened, with the swaps that explain it (none when it is no swap): for a
    caller that asks where the swaps lie only once it knows there are some."""
    return [(c, _explained_all(original, copy, c) or []) for c in aligned(original, copy, found)]


def distinct(swaps: Iterable[Swap]) -> tuple[Swap, ...]:
    """The swaps, each once, in order."""
    return tuple(dict.fromkeys(swaps))


def corresponds(change: Change, within: Sequence[tuple[Span, Span]]) -> bool:
    """Whether the change lies inside one of the pairs of corresponding spans."""
    return any(_inside(change, a, b) for a, b in within)


def _inside(change: Change, a: Span, b: Span) -> bool:
    return (
        a[0] <= change.a_start
        and change.a_end <= a[1]
        and b[0] <= change.b_start
        and change.b_end <= b[1]
    )


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
    a_hit = _covering(a_named, change.a_start, change.a_end) or _after_article(
        a_named, a, change.a_start, change.a_end
    )
    b_hit = _covering(b_named, change.b_start, change.b_end) or _after_article(
        b_named, b, change.b_start, change.b_end
    )
    if a_hit is None and b_hit is None:
        return None
    before = a[a_hit.start : a_hit.end] if a_hit else a[change.a_start : change.a_end]
    after = b[b_hit.start : b_hit.end] if b_hit else b[change.b_start : change.b_end]
    if not before.strip() or not after.strip() or max(len(before), len(after)) > 40:
        return None
    if key(before) == key(after):
        return None  # the same word both sides ('the -> The', or a diff's edge inside a word)
    loose = after if b_hit is None else before if a_hit is None else ""
    if len(loose) > MAX_LOOSE_SWAP or (loose and not _LOOSE.fullmatch(loose)):
        return None
    if loose[:1].islower():
        return None  # a name stands for a name: 'Hohhot -> intends' is the diff crossing words
    kinds = {hit.kind for hit in (a_hit, b_hit) if hit is not None}
    if "number" in kinds and (a_hit is None or b_hit is None or len(kinds) > 1):
        return None  # a figure replaced by words (2617 -> 头号任务) is no swap
    kind = (a_hit or b_hit).kind  # type: ignore[union-attr]
    return Swap(*_differing_part(before, after), kind)


def _differing_part(before: str, after: str) -> tuple[str, str]:
    """Of two names of the form "X of Y" that share X or Y, the parts that differ: a person
    of one firm swapped for the same person of another is the firm swapped.

    >>> _differing_part("Hannah Okafor of Riverbend Agrifoods", "Hannah Okafor of Kestrel Motors")
    ('Riverbend Agrifoods', 'Kestrel Motors')
    >>> _differing_part("Sofia Zhou of Meridian Robotics", "Kenji Moreau of Meridian Robotics")
    ('Sofia Zhou', 'Kenji Moreau')
    """
    a_head, a_of, a_tail = before.partition(" of ")
    b_head, b_of, b_tail = after.partition(" of ")
    if a_of and b_of and a_head == b_head:
        return a_tail, b_tail
    if a_of and b_of and a_tail == b_tail:
        return a_head, b_head
    return before, after


# A phrase that may stand in for a named thing (宁夏回族自治区 -> 商业行业): words, without
# punctuation between them (列，发运量 is the diff running across a clause, not a phrase).
_LOOSE = regex.compile(r"[\p{L}\p{N}]+(?:[ ·'’\-][\p{L}\p{N}]+)*")


def _after_article(named: list[Mention], text: str, start: int, end: int) -> Mention | None:
    """A name that a changed stretch holds after "the" ("the Middle East" -> "Southeast
    Asia"), as one mention with its article: the diff takes the article with the name."""
    article = _ARTICLE.match(text, start, end)
    if article is None:
        return None
    hit = _covering(named, article.end(), end)
    if hit is None or (hit.start, hit.end) != (article.end(), end):
        return None
    return hit._replace(start=start, text=text[start:end])


_ARTICLE = regex.compile(r"the\s+", regex.IGNORECASE)


def _covering(named: list[Mention], start: int, end: int) -> Mention | None:
    """The mention that contains the changed stretch (or the insertion point)."""
    for mention in named:
        if mention.start <= start and end <= mention.end and (start < end or start < mention.end):
            return mention
    return None
