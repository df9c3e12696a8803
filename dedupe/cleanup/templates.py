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
paragraphs, not a template. And a line inside an article (article text before and after it)
that reads as one of its sentences (finished, of ten words or twenty Han characters) is never
a template: if it recurs, it is a copied paragraph, and the copy engine keeps its first
occurrence. A site's footer sentence has the page's article on one side only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dedupe.cleanup.boilerplate import template_key
from dedupe.text.segment import has_words
from dedupe.text.shape import is_body_like, is_chinese, is_long

# Distinct neighbours remembered per line: a template has a new one on every page, a copied
# line one or two; past this many, a line's neighbours are plainly not one run.
NEIGHBOURS = 16


class TemplateCounter:
    """Counts, per short line key, the documents it appears in and the article lines beside it."""

    def __init__(self, *, max_chars: int, capacity: int = 1 << 16) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self._max_chars = max_chars
        self._capacity = capacity
        self._counts: dict[str, int] = {}
        self._neighbours: dict[str, dict[int, int]] = {}

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

    def _note(self, k: str, beside: tuple[int, ...]) -> None:
        seen = self._neighbours.setdefault(k, {})
        for h in beside:
            if h in seen:
                seen[h] += 1
            elif len(seen) < NEIGHBOURS:
                seen[h] = 1

    def frequent(self, min_docs: int) -> frozenset[str]:
        """Keys found in at least `min_docs` documents that are not part of a copied run."""
        return frozenset(
            k for k, n in self._counts.items() if n >= min_docs and not self._copied(k, n)
        )

    def _copied(self, k: str, docs: int) -> bool:
        """Whether the line keeps one neighbour in at least half of its documents."""
        seen = self._neighbours.get(k)
        return seen is not None and bool(seen) and 2 * max(seen.values()) >= docs


def _is_article(text: str, max_chars: int) -> bool:
    """A line of running text: too long for a template, or a long body-like line. Short
    body-like lines are not neighbours: a site's footer sentence is the same on every page."""
    return len(text) > max_chars or (is_long(text) and is_body_like(text))


def _is_sentence(text: str) -> bool:
    """A finished sentence of an article's length: content, however often it recurs."""
    return is_body_like(text) and has_words(text, 20 if is_chinese(text) else 10)


def _short_lines(lines: Sequence[str], max_chars: int) -> dict[str, tuple[int, ...]]:
    """Each short line's key, with hashes of the nearest article-like lines before and after
    it (where it first appears in the document)."""
    article = [_is_article(text, max_chars) for text in lines]
    before: list[int | None] = []
    last: int | None = None
    for text, is_article in zip(lines, article, strict=True):
        before.append(last)
        if is_article:
            last = hash(" ".join(text.casefold().split()))
    found: dict[str, tuple[int, ...]] = {}
    after: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        k = template_key(lines[i], max_chars)
        inside = before[i] is not None and after is not None
        if k is not None and not (inside and _is_sentence(lines[i])):
            found[k] = tuple(h for h in (before[i], after) if h is not None)
        if article[i]:
            after = hash(" ".join(lines[i].casefold().split()))
    return found
