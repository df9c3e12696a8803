"""Which indexed paragraphs a batch reads back: for each of its sentences, the few that share
the most of its numbers (index/hashes.py), as the engine's LSH caps a large bucket to a few
representatives (candidates.HUBS).

A band or an affix shared by chance is common: in an index of templated stories nearly every
paragraph shares one with a new article, and reading them all back made each batch cost as
much as the index is large. Ranked by shared numbers (the sentence's own key counts as many:
an exact copy comes first), the first published first among equals, each sentence brings at
most PER_SENTENCE paragraphs: a check's cost depends on the batch, not on the index.

Two, measured on copygen (bench/stream.py, 5 MB in batches of 300, 8 -> 4 -> 2 -> 1): the
indexed paragraphs read back per batch paragraph fell 3.6 -> 3.0 -> 2.3 -> 1.5, pairwise F1
rose 0.9815 -> 0.9823 -> 0.9831 -> 0.9843 and the share of the in-memory run's pairs found fell
0.9943 -> 0.9927 -> 0.9911 -> 0.9887; at 100 MB the batches read back with eight held 3.7 GB.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
PER_SENTENCE = 2  # indexed paragraphs read back per sentence of the batch
KEY_WEIGHT = 100  # a shared sentence key outranks any number of shared bands


def chosen(table: I64, hashes: I64, paras: I64, per_sentence: int = PER_SENTENCE) -> list[int]:
    """The paragraph ids to read back, given the batch's hash table (one row per sentence,
    its key first) and the index's postings (hashes[i] is a hash of paragraph paras[i])."""
    if not len(hashes) or not len(table):
        return []
    order = np.argsort(hashes, kind="stable")
    hashes, paras = hashes[order], paras[order]
    flat = table.ravel()
    lo = np.searchsorted(hashes, flat, "left")
    found = np.searchsorted(hashes, flat, "right") - lo
    total = int(found.sum())
    if not total:
        return []
    sentence = np.repeat(np.repeat(np.arange(len(table)), table.shape[1]), found)
    weights = np.tile(np.r_[KEY_WEIGHT, np.ones(table.shape[1] - 1)], len(table))
    weight = np.repeat(weights, found)
    starts = np.repeat(lo - (np.cumsum(found) - found), found)
    para = paras[starts + np.arange(total)]
    span = int(para.max()) + 1
    pair, where = np.unique(sentence * span + para, return_inverse=True)
    score = np.bincount(where.ravel(), weights=weight)
    of, para = pair // span, pair % span
    order = np.lexsort((para, -score, of))  # by sentence, best first, first published first
    of, para = of[order], para[order]
    first = np.flatnonzero(np.r_[True, of[1:] != of[:-1]])
    rank = np.arange(len(of)) - np.repeat(first, np.diff(np.r_[first, len(of)]))
    return sorted(set(para[rank < per_sentence].tolist()))
