"""Site-template lines: short lines that recur across many documents of one run.

Counting needs every document before any can be cleaned, so this is the one stage that sees the
whole run. Memory stays bounded: a Misra-Gries summary keeps at most `capacity` keys and is exact
while a run has fewer distinct short lines than that; past it, every line found in more than
(documents / capacity) documents is still kept, which is all a site template needs.

Recurring is not enough. In a feed the lines that recur most are the headline and the short
paragraphs of an article republished many times: copies, which the copy engine must report
(keeping the original), not chrome to delete everywhere. What tells them apart is the text
around them: a site's template sits beside each page's own article, different on every page,
while a republished line sits beside the same article text wherever it recurs. So each short
line also counts the nearest article-like line before and after it (its neighbours), and a line
that keeps the same neighbour in at least half of its documents is part of a copied run of
paragraphs, not a template. The same up to edits: a feed republishes paragraphs with figures,
names or a sentence changed, so a neighbour is compared by a bottom-k MinHash of its matching
key (SKETCH), not by its exact text (which, on a replayed real-text feed, left 84 republished
body lines of 1 MB deleted as site templates in every copy and the original; 16 now). And a
line that reads as a sentence (finished, of ten words or twenty Han characters) is a template
only where a site's footer sentence sits: after the page's article, with nothing of it after
the line. Anywhere else (the lede under a headline, a paragraph inside the article, an item on
a page of news briefs) it is content: if it recurs, it is a copied paragraph, and the copy
engine keeps its first occurrence. On the replayed feed at 10 MB this kept 326 of the 703 body
lines the template rule deleted; a sentence of site chrome above the article is kept, the
cheaper error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from dedupe.cleanup.boilerplate import template_key
from dedupe.text import normalize
from dedupe.text.segment import has_words
from dedupe.text.shape import is_body_like, is_chinese, is_long

# Distinct neighbours remembered per line: a template has a new one on every page, a copied
# line one or two; past this many, a line's neighbours are plainly not one run.
NEIGHBOURS = 16
# A neighbour is remembered as the SKETCH lowest hashes of its matching key's SHINGLE-character
# pieces (a bottom-k MinHash): an edited copy of one paragraph (a figure, a name, a sentence
# dropped, Traditional script) shares most of them, two articles sharing a stock phrase few.
SKETCH = 8
SAME = 4  # numbers two sketches share when they are one paragraph, edited
SHINGLE = 8
Sketch = frozenset[int]


class TemplateCounter:
    """Counts, per short line key, the documents it appears in and the article lines beside it."""

    def __init__(self, *, max_chars: int, capacity: int = 1 << 16) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self._max_chars = max_chars
        self._capacity = capacity
        self._counts: dict[str, int] = {}
        self._neighbours: dict[str, _Neighbours] = {}

    def add(self, lines: Iterable[str]) -> None:
        """Count one document's lines (each distinct key once, with its first neighbours)."""
        found = _short_lines(list(lines), self._max_chars)
        if len(self._counts) + len(found) > self._capacity:
            for k in sorted(found):  # sorted: the summary must not depend on set order
                self._add_key(k)
        else:  # nothing can be evicted: any order
            for k in found:
                self._counts[k] = self._counts.get(k, 0) + 1
        for k, beside in found.items():
            if k in self._counts:
                self._note(k, beside)

    def _add_key(self, k: str) -> None:
        if k in self._counts:
            self._counts[k] += 1
        elif len(self._counts) < self._capacity:
            self._counts[k] = 1
        else:
            self._counts = {key: n - 1 for key, n in self._counts.items() if n > 1}
            self._neighbours = {
                key: seen for key, seen in self._neighbours.items() if key in self._counts
            }

    def _note(self, k: str, beside: tuple[Sketch, ...]) -> None:
        seen = self._neighbours.setdefault(k, _Neighbours())
        for i in {seen.match(sketch) for sketch in beside}:  # once per document
            if i is not None:
                seen.counts[i] += 1

    def frequent(self, min_docs: int) -> frozenset[str]:
        """Keys found in at least `min_docs` documents that are not part of a copied run."""
        return frozenset(
            k for k, n in self._counts.items() if n >= min_docs and not self._copied(k, n)
        )

    def _copied(self, k: str, docs: int) -> bool:
        """Whether the line keeps one neighbour (up to edits) in at least half of its
        documents."""
        seen = self._neighbours.get(k)
        return seen is not None and bool(seen.counts) and 2 * max(seen.counts) >= docs


class _Neighbours:
    """The distinct neighbours of one line (up to NEIGHBOURS), each with its document count;
    two sketches sharing SAME of their numbers are one neighbour, edited."""

    __slots__ = ("counts", "sketches")

    def __init__(self) -> None:
        self.sketches: list[Sketch] = []
        self.counts: list[int] = []

    def match(self, sketch: Sketch) -> int | None:
        """The index of the neighbour this sketch is (added if new and there is room)."""
        for i, known in enumerate(self.sketches):
            if len(sketch & known) >= SAME:
                return i
        if len(self.sketches) >= NEIGHBOURS:
            return None
        self.sketches.append(sketch)
        self.counts.append(0)
        return len(self.sketches) - 1


def _is_article(text: str, max_chars: int) -> bool:
    """A line of running text: too long for a template, or a long body-like line. Short
    body-like lines are not neighbours: a site's footer sentence is the same on every page."""
    return len(text) > max_chars or (is_long(text) and is_body_like(text))


def _is_sentence(text: str) -> bool:
    """A finished sentence of an article's length: content, however often it recurs."""
    return is_body_like(text) and has_words(text, 20 if is_chinese(text) else 10)


def _short_lines(lines: Sequence[str], max_chars: int) -> dict[str, tuple[Sketch, ...]]:
    """Each short line's key, with the sketches of the nearest article-like lines before and
    after it (where it first appears in the document)."""
    article = [_is_article(text, max_chars) for text in lines]
    before: list[int | None] = []  # the nearest article line before each line
    last: int | None = None
    for n, is_article in enumerate(article):
        before.append(last)
        if is_article:
            last = n
    sketches: dict[int, Sketch] = {}  # only the neighbours of a counted line are sketched

    def sketch(n: int) -> Sketch:
        if n not in sketches:
            sketches[n] = _sketch(lines[n])
        return sketches[n]

    found: dict[str, tuple[Sketch, ...]] = {}
    after: int | None = None
    for n in range(len(lines) - 1, -1, -1):
        k = template_key(lines[n], max_chars)
        # A site's footer sentence follows the page's article and nothing of it comes after;
        # a sentence anywhere else (the article's own, or a page of briefs) is content.
        footer = before[n] is not None and after is None
        if k is not None and (footer or not _is_sentence(lines[n])):
            found[k] = tuple(sketch(m) for m in (before[n], after) if m is not None)
        if article[n]:
            after = n
    return found


def _sketch(text: str) -> Sketch:
    """What an edited copy of an article line mostly shares with it (see SKETCH)."""
    folded = normalize.key(text)
    pieces = {folded[i : i + SHINGLE] for i in range(max(len(folded) - SHINGLE + 1, 1))}
    # crc32, not hash(): str hashes are salted per process, and which pieces are the lowest
    # must not change from one run to the next (nor then what is a template).
    return frozenset(sorted(zlib.crc32(p.encode("utf-8")) for p in pieces)[:SKETCH])
