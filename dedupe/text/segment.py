"""Split a document into lines and sentences that keep their offsets, line and language.

Lines are the units that boilerplate and wrap repair reason about; paragraphs are made from them
by `repair`. Sentences are split with one rule set for both scripts: the terminators and the
abbreviations that do not end a sentence live in tables, not in branches.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

import regex

from dedupe.model import Edit, Lang, Segment

# The standard library's re is markedly faster than regex for these two hot, simple patterns.
# Runs, not single characters: replacing a run at once is three times faster, and the count of
# Han characters follows from the lengths (see script_counts).
_HAN_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_WORD = re.compile(r"([^\W_])[\w'’.\-]*")
_NEWLINE = re.compile(r"\r\n|\r|\n")

# Chinese terminators end a sentence wherever they stand; closing quotes and brackets that follow
# belong to the sentence they close.
_ZH_END = "。！？；!?…"
_CLOSERS = "”’」』）)】》〉\"'"
_ZH_SENTENCE_END = regex.compile(
    # A Latin full stop between two Han characters is a full stop typed half-width (布局.成都).
    rf"(?:……|[{_ZH_END}]|(?<=\p{{Han}})\.(?=\p{{Han}}))+[{regex.escape(_CLOSERS)}]*"
)
# A Latin full stop, ! or ? ends a sentence only before whitespace and a plausible next start.
_EN_SENTENCE_END = regex.compile(
    rf"[.!?]+[{regex.escape(_CLOSERS)}]*(?=\s+[\p{{Lu}}\p{{N}}“\"'(\[‘\p{{Han}}]|\s*$)"
)
# Words that end with a full stop without ending the sentence (compared case-insensitively).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "gov",
        "sen",
        "rep",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "rev",
        "hon",
        "pres",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "univ",
        "assn",
        "approx",
        "vs",
        "etc",
        "al",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "p.m",
        "a.m",
    ]
)
# These abbreviate only before a number ("No. 5", "Fig. 2"); elsewhere the stop ends a sentence.
NUMBER_ABBREVIATIONS = frozenset(["no", "nos", "vol", "fig", "figs", "art", "sec", "ch", "pp", "p"])
_WORD_BEFORE = regex.compile(r"(?r)[\p{L}.]+")  # searched backwards from a full stop
_NEXT_CHAR = re.compile(r"\s*(.?)", re.DOTALL)  # \s as str.lstrip strips


def lines(doc_id: str, text: str) -> tuple[Segment, ...]:
    """Every non-blank line, stripped of surrounding white space, with its 1-based line number."""
    if "\r" in text:
        starts = line_starts(text)
        raws = [text[b:e] for b, e in zip(starts, [*starts[1:], len(text)], strict=True)]
        ending = 0  # each piece holds its line break
    else:  # the common case: split once instead of slicing at every line start
        raws, ending = text.split("\n"), 1
    out: list[Segment] = []
    begin = 0
    for number, raw in enumerate(raws, start=1):
        stripped = raw.strip()
        if stripped:
            start = begin + len(raw) - len(raw.lstrip())
            lang: Lang = "en" if stripped.isascii() else language(stripped)
            out.append(Segment(doc_id, start, start + len(stripped), number, lang, stripped))
        begin += len(raw) + ending
    return tuple(out)


def line_count(text: str) -> int:
    """How many lines `line_starts` finds, without listing them.

    >>> line_count("a\\r\\nb\\rc\\n"), len(line_starts("a\\r\\nb\\rc\\n")), line_count("")
    (4, 4, 1)
    """
    breaks = text.count("\n")
    if "\r" in text:
        breaks += text.count("\r") - text.count("\r\n")
    return breaks + 1


def line_texts(text: str) -> Iterator[str]:
    """The stripped non-blank lines alone: all that counting site templates needs."""
    if "\r" in text:
        text = text.replace("\r", "\n")
    for line in text.split("\n"):  # the lines `lines` yields
        stripped = line.strip()
        if stripped:
            yield stripped


def blank_before(text: str, segments: Sequence[Segment]) -> tuple[bool, ...]:
    """For each line, whether a blank line separates it from the previous one."""
    flags = []
    previous_end = 0
    for seg in segments:
        gap = text[previous_end : seg.start]
        flags.append(gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2)
        previous_end = seg.end
    return tuple(flags)


@functools.lru_cache(maxsize=1 << 12)
def han_count(text: str) -> int:
    """Han characters in a text: often all a caller needs, at a third of script_counts' cost."""
    if text.isascii():
        return 0
    rest, runs = _HAN_RUNS.subn(" ", text)  # each run became one space
    return len(text) - len(rest) + runs


@functools.lru_cache(maxsize=1 << 12)
def script_counts(text: str) -> tuple[int, int, int]:
    """(Han characters, Latin words, words that start with a digit) of a text.

    Cached: every stage asks about the same lines and sentences, often several times.
    """
    if text.isascii():
        han, rest = 0, text
    else:
        rest, runs = _HAN_RUNS.subn(" ", text)  # each run became one space
        han = len(text) - len(rest) + runs
    firsts = _WORD.findall(rest)  # the first character of each word
    numbers = sum(map(str.isdecimal, firsts))  # what \d matches: category Nd
    return han, len(firsts) - numbers, numbers


def has_words(text: str, n: int) -> bool:
    """Whether a text has at least n words, counted as `script_counts` counts them (Han
    characters, Latin words, numbers), but no further than the n-th: a long English line
    is known to be long from its first words.

    >>> has_words("Digital trade will grow", 4), has_words("会议召开", 5)
    (True, False)
    """
    han = han_count(text)
    if han >= n:
        return True
    rest = text if han == 0 else _HAN_RUNS.sub(" ", text)  # as script_counts splits words
    return _words(n - han).match(rest) is not None


@functools.cache
def _words(n: int) -> re.Pattern[str]:
    """Matches the start of a text that holds n words as _WORD finds them: each word is what
    _WORD matches, the gap before it what _WORD's scan skips (no letter or digit). Possessive
    quantifiers: one way to match, so a text with fewer words fails in linear time."""
    return re.compile(rf"(?:[\W_]*+[^\W_][\w'’.\-]*+){{{n}}}")


def language(text: str) -> Lang:
    """zh, en or mixed, from the share of Han characters among Han characters and Latin words.

    >>> language("中国贸促会"), language("Trade promotion"), language("RCEP 协定 signed today")
    ('zh', 'en', 'mixed')
    """
    han = han_count(text)
    if han == 0:
        return "en"  # the share below would be 0: the common English line
    if 4 * (len(text) - han) <= han:
        return "zh"  # too few other characters for the Latin words to bring the share below 0.8
    han, latin, _ = script_counts(text)
    if han + latin == 0:
        return "en"
    share = han / (han + latin)
    if share >= 0.8:
        return "zh"
    if share <= 0.2:
        return "en"
    return "mixed"


def sentences(paragraph: Segment, starts: Sequence[int]) -> tuple[Segment, ...]:
    """The sentences of a paragraph, each a sub-segment with offsets into the document.

    `starts` are the document's `line_starts`, used for line numbers.
    """
    return tuple(subsegment(paragraph, i, j, starts) for i, j in sentence_bounds(paragraph.text))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence in `text`, white space between sentences excluded.

    >>> s = "He left the U.S. on Dec. 5. Sales rose 18.5% in 2025. 会议召开。“很好！”他说。"
    >>> [s[i:j] for i, j in sentence_bounds(s)]
    ['He left the U.S. on Dec. 5.', 'Sales rose 18.5% in 2025.', '会议召开。', '“很好！”', '他说。']
    """
    cuts = sorted({m.end() for m in _ZH_SENTENCE_END.finditer(text)} | _english_cuts(text))
    bounds: list[tuple[int, int]] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        piece = text[begin:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            bounds.append((begin + lead, begin + len(piece.rstrip())))
        begin = cut
    return bounds


def _english_cuts(text: str) -> set[int]:
    cuts = set()
    for match in _EN_SENTENCE_END.finditer(text):
        bare_stop = match.group() == "."
        if bare_stop and _is_abbreviation(text, match.start(), match.end()):
            continue
        cuts.add(match.end())
    return cuts


def _is_abbreviation(text: str, stop: int, after: int) -> bool:
    """Whether the word before the full stop text[stop:after] is an abbreviation or an initial
    ('J. Smith'). Looked for in place: slicing the text before every stop took most of the
    time of splitting an English paragraph."""
    found = _WORD_BEFORE.search(text, max(0, stop - 24), stop)  # the word is short
    if not found or found.end() != stop:
        return False
    word = found.group().lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    if word in NUMBER_ABBREVIATIONS:
        return _NEXT_CHAR.match(text, after).group(1).isdigit()  # type: ignore[union-attr]
    return len(word) == 1 and word.isalpha() and text[stop - 1].isupper()


def subsegment(seg: Segment, i: int, j: int, starts: Sequence[int]) -> Segment:
    """The part seg.text[i:j] as a segment of the document, carrying the edits it spans."""
    start, end = source_span(seg, i, j)
    edits = tuple(e for e in seg.edits if start <= e.start and e.end <= end)
    text = seg.text[i:j]
    lang = language(text) if seg.lang == "mixed" else seg.lang  # a part shares a pure script
    return Segment(seg.doc, start, end, line_at(starts, start), lang, text, edits)


def source_span(seg: Segment, i: int, j: int) -> tuple[int, int]:
    """Document offsets of seg.text[i:j] (the part of a subsegment that reports need)."""
    if not seg.edits:  # most segments: text is the document's own characters
        return seg.start + i, seg.start + j
    return _to_source(seg, i, left=True), _to_source(seg, j, left=False)


def _to_source(seg: Segment, offset: int, *, left: bool) -> int:
    """Map an offset in seg.text to the document, stepping over the edits before it."""
    source, rest = seg.start, offset
    for edit in seg.edits:
        before = edit.start - source
        if rest < before or (rest == before and not left):
            return source + rest
        rest -= before
        if rest < len(edit.text):  # inside the replacement: snap outside it
            return edit.end if left else edit.start
        rest -= len(edit.text)
        source = edit.end
    return source + rest


def splice(text: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    """text[start:end] with the edits applied: what a segment's `text` must equal."""
    out, position = [], start
    for edit in edits:
        out.append(text[position : edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:end])
    return "".join(out)


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (after \\n, \\r\\n or a lone \\r)."""
    if "\r" not in text:  # the common case, without a regular expression
        return _lf_starts(text)
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _lf_starts(text: str) -> list[int]:
    starts, position = [0], text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def line_at(starts: Sequence[int], offset: int) -> int:
    """1-based line number of an offset."""
    return bisect.bisect_right(starts, offset)
