"""Site-template lines: short lines that recur across many documents of one run.

Counting needs every document before any can be cleaned, so this is the one stage that sees the
whole run. Memory stays bounded: a Misra-Gries summary keeps at most `capacity` keys and is exact
while a run has fewer distinct short lines than that; past it, every line found in more than
(documents / capacity) documents is still kept, which is all a site template needs.
"""

from __future__ import annotations

from collections.abc import Iterable

from dedupe.cleanup.boilerplate import template_key


class TemplateCounter:
    """Counts, per short line key, the number of documents it appears in."""

    def __init__(self, *, max_chars: int, capacity: int = 1 << 16) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self._max_chars = max_chars
        self._capacity = capacity
        self._counts: dict[str, int] = {}

    def add(self, lines: Iterable[str]) -> None:
        """Count one document's lines (each distinct key once)."""
        keys = {k for text in lines if (k := template_key(text, self._max_chars))}
        if len(self._counts) + len(keys) <= self._capacity:  # nothing can be evicted: any order
            for k in keys:
                self._counts[k] = self._counts.get(k, 0) + 1
            return
        for k in sorted(keys):  # sorted: the summary must not depend on set order
            self._add_key(k)

    def _add_key(self, k: str) -> None:
        if k in self._counts:
            self._counts[k] += 1
        elif len(self._counts) < self._capacity:
            self._counts[k] = 1
        else:
            self._counts = {key: n - 1 for key, n in self._counts.items() if n > 1}

    def frequent(self, min_docs: int) -> frozenset[str]:
        """Keys found in at least `min_docs` documents."""
        return frozenset(k for k, n in self._counts.items() if n >= min_docs)
