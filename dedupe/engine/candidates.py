"""Candidate pairs without comparing all pairs: exact-key buckets, MinHash LSH bands, keys
that begin or end another (cut-off copies, which share too few shingles for the bands), and
keys that are the same once their figures are masked (a template with its dates and counts
changed: in a short sentence three changed figures leave too few shared shingles).

Identical keys are grouped first, and only one representative of each group enters LSH, so a
sentence scraped a thousand times costs one signature. Each band of `rows` signature values is
hashed; texts sharing any band hash become candidates. Large buckets (boilerplate-like text that
is everywhere) are linked as stars around their first few members, which keeps the number of
pairs linear in the bucket size. Everything is sorted, so the pairs come out in a fixed order.
"""

from __future__ import annotations

import concurrent.futures
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import regex

from dedupe.engine.fingerprint import U32

I64 = npt.NDArray[np.int64]
SortKind = Literal["quicksort", "stable"]
HUBS = 8  # members of a large bucket that every other member is paired with
SMALL_BUCKET = 32  # buckets up to this size are paired completely
_NO_PAIRS = np.empty((0, 2), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class LshParams:
    """Banding of a signature: `bands` bands of `rows` values (bands * rows permutations)."""

    bands: int
    rows: int

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1:
            raise ValueError(f"bands and rows must be positive, got {self.bands}x{self.rows}")

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def threshold(self) -> float:
        """The Jaccard similarity at which a pair becomes a candidate with probability ~1/2."""
        return float((1 / self.bands) ** (1 / self.rows))


def exact_groups(keys: Sequence[str]) -> list[list[int]]:
    """Indices of identical non-empty keys, each group in index order; singletons left out."""
    groups: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k:
            groups.setdefault(k, []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def affix_pairs(keys: Sequence[str]) -> I64:
    """Pairs (i < j, sorted) of distinct keys in which one begins or ends the other, and no
    other key does.

    A cut-off copy (a sentence truncated at its end, or at its start) shares only its own
    shingles with the original, often a small part of them: MinHash banding strict enough for
    a large feed misses it, an ordered list of the keys does not. A key that begins (or ends)
    several others is a stock opening ("Analysts said", "At the Expo,") rather than one
    sentence's remains: it is left to LSH and to the other sentences of its paragraph (at
    copygen 10 MB, 82 of 83 unique extensions joined labelled copies, 29 of 775 others did).

    >>> keys = ["sales rose", "sales rose in may", "in may", "other", "oth", "othello"]
    >>> affix_pairs(keys).tolist()  # "oth" begins two keys
    [[0, 1], [1, 2]]
    """
    found = _prefix_pairs(keys) + _prefix_pairs([k[::-1] for k in keys])
    if not found:
        return _NO_PAIRS
    pairs = np.sort(np.array(found, dtype=np.int64), axis=1)
    rows = np.int64(len(keys))
    return _pairs(sorted_unique(pairs[:, 0] * rows + pairs[:, 1]), rows)


# Figures as matching keys spell them (no spaces or punctuation), and the words of dates.
_FIGURE = regex.compile(
    r"\d+|(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
MIN_FRAME = 10  # characters a masked key keeps besides its figures, to be a sentence's frame
FIGURE_GROUP = 8  # keys of one frame paired completely; a larger group is a star of its first


def figure_pairs(keys: Sequence[str]) -> I64:
    """Pairs (i < j, sorted) of distinct keys that are the same with every figure masked.

    >>> figure_pairs(["onmarch3sales1000units", "onapril12sales980units", "nofigureshereatall"])
    array([[0, 1]])
    """
    frames: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        masked, figures = _FIGURE.subn("#", k)
        if figures and len(masked) - masked.count("#") >= MIN_FRAME:
            frames[masked].append(i)
    found = [
        (g[a], g[b])
        for g in frames.values()
        if len(g) > 1
        for a in range(len(g) if len(g) <= FIGURE_GROUP else 1)
        for b in range(a + 1, len(g))
    ]
    if not found:
        return _NO_PAIRS
    pairs = np.array(found, dtype=np.int64)
    rows = np.int64(len(keys))
    return _pairs(sorted_unique(pairs[:, 0] * rows + pairs[:, 1]), rows)


def _pairs(codes: I64, rows: np.int64) -> I64:
    """Pair codes i * rows + j back into (i, j) rows."""
    return np.stack([codes // rows, codes % rows], axis=1) if codes.size else _NO_PAIRS


def _prefix_pairs(keys: Sequence[str]) -> list[tuple[int, int]]:
    """(shorter, longer) index pairs where the shorter key starts the longer one and no other
    key. In key order, the keys a key starts follow it at once."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order] + [""]
    out: list[tuple[int, int]] = []
    for p in range(len(order) - 1):
        short = ordered[p]
        if ordered[p + 1].startswith(short) and not ordered[p + 2].startswith(short):
            out.append((order[p], order[p + 1]))
    return out


def union(a: I64, b: I64) -> I64:
    """The rows of two sorted arrays of distinct pairs, sorted and distinct. `b` is the short
    one: its new rows are put in place (sorting the long one again took as long as LSH)."""
    if not len(b):
        return a
    if not len(a):
        return b
    rows = np.int64(max(int(a.max()), int(b.max())) + 1)
    into, new = a[:, 0] * rows + a[:, 1], b[:, 0] * rows + b[:, 1]
    at = np.searchsorted(into, new)
    fresh = (at == len(into)) | (into[np.minimum(at, len(into) - 1)] != new)
    merged: I64 = np.insert(a, at[fresh], b[fresh], axis=0)
    return merged


def lsh_pairs(signatures: U32, params: LshParams) -> I64:
    """Candidate pairs (i < j) of rows that share at least one band, sorted and unique."""
    if signatures.shape[1] != params.num_perm:
        raise ValueError(
            f"signatures have {signatures.shape[1]} values, banding needs {params.num_perm}; "
            "make num_perm = bands * rows"
        )
    # Each pair as one number i * rows + j (ordered as the pairs are): half the memory of pairs.
    rows = np.int64(signatures.shape[0])

    def band_codes(band: int) -> I64:
        pairs = _band_pairs(_band_hash(signatures, band, params.rows))
        return sorted_unique(pairs[:, 0] * rows + pairs[:, 1])

    # Two bands at a time in two threads (numpy sorts and hashes without holding the GIL).
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(band_codes, range(params.bands)))
        codes = _merged(runs, pool)
    return _pairs(codes, rows)


def _merged(runs: list[I64], pool: concurrent.futures.Executor) -> I64:
    """The distinct values of sorted runs, sorted. A stable sort of concatenated runs is a
    merge (numpy's timsort finds the runs): at 100 MB it took a third of the time of sorting
    the merged pairs again after every few bands. The values below and above a pivot are
    merged in two threads. The runs are emptied as they are used."""
    total = sum(len(run) for run in runs)
    if total == 0:
        return np.empty(0, dtype=np.int64)
    largest = max(runs, key=len)
    pivot = largest[len(largest) // 2]
    cuts = [int(np.searchsorted(run, pivot)) for run in runs]
    low = np.concatenate([run[:cut] for run, cut in zip(runs, cuts, strict=True)])
    high = np.concatenate([run[cut:] for run, cut in zip(runs, cuts, strict=True)])
    runs.clear()
    halves = list(pool.map(lambda half: sorted_unique(half, kind="stable"), (low, high)))
    return np.concatenate(halves)


def sorted_unique(values: I64, kind: SortKind = "quicksort") -> I64:
    """np.unique of an int64 array by sorting in place: numpy 2's np.unique took 50 times as
    long as the sort itself on millions of pair codes.

    >>> sorted_unique(np.array([3, 1, 3, 2, 1], dtype=np.int64)).tolist()
    [1, 2, 3]
    """
    values.sort(kind=kind)
    if values.size == 0:
        return values
    return values[np.r_[True, values[1:] != values[:-1]]]


def repeated(values: I64) -> I64:
    """The values that occur more than once, sorted and distinct. Sorted in two threads: the
    values below and above a sampled median apart (equal values never part), which halves the
    wait on tens of millions of pair codes. `values` is reordered.

    >>> repeated(np.array([5, 1, 5, 2, 1, 5], dtype=np.int64)).tolist()
    [1, 5]
    """
    if len(values) < PARALLEL_SORT:
        return _repeated_sorted(values)
    sample = np.sort(values[:: max(1, len(values) // 1024)])
    pivot = sample[len(sample) // 2]
    below = values < pivot
    halves = (values[below], values[~below])
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return np.concatenate(list(pool.map(_repeated_sorted, halves)))


PARALLEL_SORT = 1 << 20  # values worth sorting in two threads


def _repeated_sorted(values: I64) -> I64:
    values.sort()
    return sorted_unique(values[1:][values[1:] == values[:-1]])


def band_hash(signatures: U32, band: int, rows: int) -> npt.NDArray[np.uint64]:
    """One number per signature for its `band`: equal numbers share the band (the history
    index stores them: index/hashes.py)."""
    return _band_hash(signatures, band, rows)


def _band_hash(signatures: U32, band: int, rows: int) -> npt.NDArray[np.uint64]:
    block = signatures[:, band * rows : (band + 1) * rows].astype(np.uint64)
    out = np.zeros(signatures.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(rows):
            out = out * np.uint64(0x100000001B3) + block[:, column]
    return out


def _band_pairs(hashes: npt.NDArray[np.uint64]) -> I64:
    """Pairs of rows with equal band hash: all pairs in small buckets, hub stars in large ones.

    Vectorised: buckets of one size are paired at once as a (buckets x size) matrix.
    """
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    edges = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
    sizes = np.diff(edges)
    out: list[I64] = []
    for size in np.unique(sizes[sizes >= 2]):  # most rows are alone: skip them in numpy
        starts = edges[:-1][sizes == size]
        members = np.sort(order[starts[:, None] + np.arange(size)], axis=1)
        first, second = _pair_positions(int(size))
        out.append(np.stack([members[:, first].ravel(), members[:, second].ravel()], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(out).astype(np.int64, copy=False)


def _pair_positions(size: int) -> tuple[I64, I64]:
    """Positions (within a sorted bucket) of the pairs to make: all pairs up to SMALL_BUCKET,
    else each of the first HUBS members with every later member."""
    hubs = size if size <= SMALL_BUCKET else HUBS
    first = np.repeat(np.arange(hubs), size - 1 - np.arange(hubs))
    second = np.concatenate([np.arange(h + 1, size) for h in range(hubs)])
    return first, second
