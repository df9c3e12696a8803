"""Cut-off copies: lines that begin another line of the run.

A scraper that copies a paragraph may cut it off (at 50-90% of it, with or without an ellipsis).
Read alone, such a line looks like two other things: a teaser of a related article (it ends in
`...`) or the first half of a paragraph that print layout wrapped (it stops mid-word). Only the
rest of the run tells them apart: a cut-off copy begins a longer line somewhere else, and the
line after it does not go on the way that longer line does. Such a line is neither removed as a
teaser nor joined to the next one: it stays a paragraph of its own, for the copy engine to
report (and remove) as a copy of the line it was cut from.

Like site templates, this needs every document before any is cleaned, and only the copy engine
can use it, so it is built only when copies are looked for (the whole run is in memory then).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import regex

MIN_CHARS = 20  # a shorter line beginning another is a stock opening, not a copy's remains
LOOKED_AT = 8  # longer lines a line begins that are compared with it; more is a stock opening
_SPACE = regex.compile(r"\s+")
_ELLIPSIS = regex.compile(r"(?:\.{3,}|…+|⋯+)\s*$")


def cut_key(text: str) -> str:
    """A line as it is compared: without white space or a trailing ellipsis.

    >>> cut_key("Sales rose 5% in May, the ministry said ...")
    'Salesrose5%inMay,theministrysaid'
    """
    return _SPACE.sub("", _ELLIPSIS.sub("", text))


@dataclass(frozen=True)
class LineIndex:
    """The keys of the run's lines, sorted, to find the lines a line begins."""

    keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, documents: Iterable[Iterable[str]]) -> LineIndex:
        """Index every line of every document (each document's line texts)."""
        found = {k for lines in documents for text in lines if len(k := cut_key(text)) >= MIN_CHARS}
        return cls(tuple(sorted(found)))

    def longer(self, text: str) -> list[str]:
        """Keys of other lines that begin with this line (at most LOOKED_AT + 1 of them)."""
        k = cut_key(text)
        if len(k) < MIN_CHARS or not self.keys:
            return []
        out: list[str] = []
        at = bisect.bisect_right(self.keys, k)
        while at < len(self.keys) and self.keys[at].startswith(k) and len(out) <= LOOKED_AT:
            out.append(self.keys[at])
            at += 1
        return out

    def begins_another(self, text: str) -> bool:
        """Whether the line is the start of one other line of the run, cut off.

        >>> index = LineIndex.of([["Sales rose 5% in May as exports to Asia recovered."]])
        >>> index.begins_another("Sales rose 5% in May as exports ...")
        True
        >>> index.begins_another("Sales")
        False
        """
        return 0 < len(self.longer(text)) <= LOOKED_AT

    def cut_before(self, before: str, after: str) -> bool:
        """Whether `before` is a cut-off copy of another line that the join with `after` would
        not continue: then the two are separate paragraphs, not a wrapped one.

        >>> line = "海关总署数据显示，今年前三季度我国货物贸易进出口总值同比增长。"
        >>> index = LineIndex.of([[line]])
        >>> index.cut_before("海关总署数据显示，今年前三季度我国货物贸易", "新华社北京10月13日电")
        True
        >>> index.cut_before("海关总署数据显示，今年前三季度我国货物贸易", "进出口总值同比增长。")
        False
        """
        longer = self.longer(before)
        if not longer or len(longer) > LOOKED_AT:
            return False
        joined = cut_key(f"{before} {after}")
        return all(not (k.startswith(joined) or joined.startswith(k)) for k in longer)


NO_LINES = LineIndex()  # a run whose copies are not looked for
