"""Tokens, shingles and MinHash signatures: the compact form in which segments are compared.

One tokenisation for both scripts: a Han character is a token and a Latin word (or number) is a
token, so mixed paragraphs work in one pass. Shingles are n-grams of tokens. Every hash is
stable (blake2b for tokens, fixed multipliers after that): the same text gives the same
signature in every run and on every machine.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import regex

from dedupe import workers
from dedupe.text.normalize import fold

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
_TOKEN = regex.compile(r"\p{Han}|[[\p{L}\p{N}]--\p{Han}]+", regex.VERSION1)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd constant (golden ratio): spreads shingle hashes
_TEXTS_PER_TASK = 2048  # texts fingerprinted by one worker task
_CHUNK = 1 << 18  # shingles hashed at once: bounds the (permutations x chunk) work array


def tokens(text: str) -> list[str]:
    """Han characters and Latin words of the folded text.

    >>> tokens("ＣＣＰＩＴ貿促會 met in 2026.")
    ['ccpit', '贸', '促', '会', 'met', 'in', '2026']
    """
    return _TOKEN.findall(fold(text))


@functools.lru_cache(maxsize=1 << 18)
def token_hash(token: str) -> int:
    """A stable 64-bit hash of one token (never Python's salted hash())."""
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Shingles:
    """Shingle hashes of many texts, flat: `owner[i]` is the text that owns `hashes[i]`."""

    hashes: U64
    owner: I64
    count: int  # number of texts (a text with no tokens owns no shingle)


def shingle(texts: Sequence[str], n: int) -> Shingles:
    """Token n-gram hashes of every text, computed in one vectorised pass.

    A text shorter than n tokens contributes one shingle of all its tokens.
    """
    ids: list[int] = []
    counts: list[int] = []
    for text in texts:
        found = tokens(text)
        counts.append(len(found))
        ids.extend(token_hash(t) for t in found)
    flat = np.array(ids, dtype=np.uint64)
    lengths = np.array(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    position = np.arange(flat.size, dtype=np.int64) - np.repeat(starts, lengths)
    width = np.minimum(n, np.repeat(lengths, lengths))  # short texts: one shingle of all tokens
    keep = position + width <= np.repeat(lengths, lengths)
    with np.errstate(over="ignore"):
        combined = flat.copy()
        for k in range(1, min(n, flat.size)):
            shifted = np.zeros_like(flat)
            shifted[: flat.size - k] = flat[k:]
            use = k < width
            combined = np.where(use, combined * _MIX + shifted, combined)
    return Shingles(combined[keep], owner[keep], len(texts))


@functools.cache
def _permutations(num_perm: int, seed: int) -> tuple[U64, U64]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64)
    return a, b


def signatures(shingles: Shingles, *, num_perm: int, seed: int = 1) -> U32:
    """MinHash signatures, one row per text, computed in vectorised chunks.

    Each permutation is a multiply-shift hash (odd 64-bit multiplier, top 32 bits kept), a
    universal family that numpy evaluates without Python loops. A text without shingles gets
    the all-ones signature, which nothing else shares by chance.
    """
    a, b = _permutations(num_perm, seed)
    out = np.full((shingles.count, num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, shingles.hashes.size, _CHUNK):
            chunk = shingles.hashes[start : start + _CHUNK]
            hashed = ((chunk[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).astype(np.uint32)
            _min_rows(out, shingles.owner[start : start + _CHUNK], hashed)
    return out


def minhash(texts: Sequence[str], n: int, *, num_perm: int, seed: int = 1) -> U32:
    """signatures(shingle(texts, n)), a block of texts at a time, in workers: the shingles of
    one block are all that is ever held, however many texts there are.

    >>> texts = ["四川省贸促会坚持内外协同", "Exports rose 9.7% in Gdansk."]
    >>> bool((minhash(texts, 2, num_perm=8) == signatures(shingle(texts, 2), num_perm=8)).all())
    True
    """

    def block(start: int) -> U32:
        found = shingle(texts[start : start + _TEXTS_PER_TASK], n)
        return signatures(found, num_perm=num_perm, seed=seed)

    starts = range(0, len(texts), _TEXTS_PER_TASK)
    parts = workers.map_items(block, starts, weight=_TEXTS_PER_TASK)
    return np.concatenate(parts) if parts else np.empty((0, num_perm), dtype=np.uint32)


def _min_rows(out: U32, rows: I64, hashed: U32) -> None:
    """out[r] = min(out[r], every hashed row owned by r); rows are sorted (texts are contiguous)."""
    if rows.size == 0:
        return
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    mins = np.minimum.reduceat(hashed, starts, axis=0)
    owners = rows[starts]
    out[owners] = np.minimum(out[owners], mins)
