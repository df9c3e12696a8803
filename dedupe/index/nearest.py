"""Which indexed paragraphs a batch reads back: for each of its sentences, the few that share
the most of its numbers (index/hashes.py), as the engine's LSH caps a large bucket to a few
representatives (candidates.HUBS).

A band or an affix shared by chance is common: in an index of templated stories nearly every
paragraph shares one with a new article, and reading them all back made each batch cost as
much as the index is large. Ranked by shared numbers, each sentence brings at most
PER_SENTENCE paragraphs: a check's cost depends on the batch, not on the index. The sentence's
own key counts as many (an exact copy comes first); a shared band or affix counts 1 / the
number of paragraphs it was read back for, as the engine pairs a small bucket completely and a
large one only through its hubs: the bands of a story's frame are in most paragraphs, the one
the copy shares with its original is rare. Among equals the first published comes first.

Measured with bench/stream.py (copygen, batches of 2,000). Two per sentence: at 5 MB in
batches of 300 (8 -> 4 -> 2 -> 1) the indexed paragraphs read back per batch paragraph fell
3.6 -> 3.0 -> 2.3 -> 1.5 and the share of the in-memory run's pairs found 0.9943 -> 0.9887; at
100 MB four instead of two took 523 s and 2,491 MiB instead of 452 s and 2,267 MiB, at F1
0.907 instead of 0.914 (the 1 GB run's 3,619 MiB leave no room for doubling the bound). By
rarity instead of by count, at 30 MB: copies flagged by both runs 7,605 -> 7,694 of the
in-memory run's 7,800, pairs agreeing 0.966 -> 0.980 (of the 106 still differing 71 copy a
document published after them: for a feed the first published is the original); per sentence
of the indexed paragraph instead of per paragraph changed nothing.
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
    # A shared band or affix weighs 1 / its postings: rare, it says more (module docstring).
    keys = np.tile(np.r_[True, np.zeros(table.shape[1] - 1, dtype=bool)], len(table))
    weights = np.where(keys, KEY_WEIGHT, 1.0 / np.maximum(found, 1))
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
