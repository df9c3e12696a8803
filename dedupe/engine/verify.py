"""Verify candidate pairs on their matching keys: similarity and containment, both in [0, 1].

Both come from one longest-common-subsequence length (rapidfuzz, in C, both cores):
similarity is the Indel ratio 2*lcs/(len a + len b); containment is lcs/len(shorter), which is
near 1 when the shorter text is a (possibly cut-off) copy of part of the longer one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from dedupe.engine.candidates import I64

F64 = npt.NDArray[np.float64]
Keys = npt.NDArray[np.object_]


@dataclass(frozen=True, slots=True)
class Scores:
    """Similarity and containment of candidate pairs, aligned with the pairs array."""

    similarity: np.ndarray
    containment: np.ndarray


def key_table(keys: Sequence[str]) -> Keys:
    """The keys as a numpy array of str objects, which gathers a block of pairs' keys four
    times as fast as a list comprehension."""
    table: Keys = np.empty(len(keys), dtype=object)
    table[:] = keys
    return table


def scores(
    keys: Sequence[str] | Keys, pairs: I64, *, lengths: F64 | None = None, workers: int = -1
) -> Scores:
    """Similarity and containment of each pair (i, j) of keys; `lengths` are the keys' lengths
    when the caller has them (taken here otherwise); pass keys as a key_table when scoring
    many blocks of pairs."""
    if len(pairs) == 0:
        empty = np.empty(0, dtype=np.float64)
        return Scores(empty, empty)
    table = keys if isinstance(keys, np.ndarray) else key_table(keys)
    lcs = _lcs(table, pairs, workers)
    if lengths is None:
        lengths = np.fromiter(map(len, keys), dtype=np.float64, count=len(keys))
    la, lb = lengths[pairs[:, 0]], lengths[pairs[:, 1]]
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(la + lb > 0, 2 * lcs / (la + lb), 1.0)
        containment = np.where(np.minimum(la, lb) > 0, lcs / np.minimum(la, lb), 1.0)
    return Scores(similarity, containment)


# Runs of at least this many pairs that share their first key are scored one key against many:
# rapidfuzz then prepares that key once (for CJK text, a hash map per 64 characters) instead of
# once per pair, which halves the cost of such a run; a call per run costs more for short runs.
RUN = 32


def _lcs(table: Keys, pairs: I64, workers: int) -> F64:
    """The longest common subsequence of each pair's keys: runs of RUN or more pairs that share
    their first key (the candidates around a hub of a large bucket) one key against many, the
    rest pair by pair."""
    first = pairs[:, 0]
    edges = np.flatnonzero(np.r_[True, first[1:] != first[:-1], True])
    sizes = np.diff(edges)
    long_runs = sizes >= RUN
    lcs = np.empty(len(pairs), dtype=np.float64)
    rest = np.flatnonzero(~np.repeat(long_runs, sizes))
    if rest.size:
        left, right = table[first[rest]], table[pairs[rest, 1]]
        lcs[rest] = process.cpdist(left, right, scorer=LCSseq.similarity, workers=workers)
    starts, ends = edges[:-1][long_runs].tolist(), edges[1:][long_runs].tolist()
    for start, end in zip(starts, ends, strict=True):
        query, choices = (table[first[start]],), table[pairs[start:end, 1]]
        lcs[start:end] = process.cdist(query, choices, scorer=LCSseq.similarity)[0]
    return lcs


def pair_scores(a: str, b: str) -> tuple[float, float]:
    """Similarity and containment of one pair of keys (the reference the batch must agree with).

    >>> pair_scores("abcdef", "abcdef"), pair_scores("abcd", "abcdefgh")
    ((1.0, 1.0), (0.6666666666666666, 1.0))
    """
    if not a and not b:
        return 1.0, 1.0
    lcs = LCSseq.similarity(a, b)
    shorter = min(len(a), len(b))
    return 2 * lcs / (len(a) + len(b)), (lcs / shorter if shorter else 1.0)


def partial_containment(short: str, long: str) -> float:
    """How well `short` matches its best-aligned window of `long`, in [0, 1].

    >>> partial_containment("数字贸易", "统筹推进数字贸易促进建设")
    1.0
    """
    return float(fuzz.partial_ratio(short, long)) / 100.0
