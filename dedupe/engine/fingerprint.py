"""Tokens, shingles and MinHash signatures: the compact form in which segments are compared.

One tokenisation for both scripts: a Han character is a token and a Latin word (or number) is a
token, so mixed paragraphs work in one pass. Shingles are n-grams of tokens. Every hash is
stable (a polynomial over a token's code points, finished with splitmix64; fixed multipliers
after that): the same text gives the same signature in every run and on every machine.

Tokens are found and hashed for a whole block of texts at once, in numpy over their code
points: one regex call and one hash call per token cost more than the MinHash itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
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


_BASE = 0x100000001B3  # odd: code point k of a token is weighted by _BASE**k (mod 2**64)
_M64 = (1 << 64) - 1
_SEPARATOR = "\x00"  # joins a block's texts; folding keeps it, and it is never a token


def token_hash(token: str) -> int:
    """A stable 64-bit hash of one token (never Python's salted hash()): the reference that
    the vectorised `shingle` computes for every token at once.

    >>> token_hash("贸") == token_hash("贸"), token_hash("ab") == token_hash("ba")
    (True, False)
    """
    total = 0
    for k, char in enumerate(token):
        total = (total + ord(char) * pow(_BASE, k, 1 << 64)) & _M64
    return _finish(total, len(token))


def _finish(total: int, length: int) -> int:
    """splitmix64's finaliser of the sum plus the length: spreads the polynomial's bits."""
    z = (total + length * 0x9E3779B97F4A7C15) & _M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


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
    flat, owner = _token_hashes(texts)
    lengths = np.bincount(owner, minlength=len(texts)).astype(np.int64)
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


def _token_hashes(texts: Sequence[str]) -> tuple[U64, I64]:
    """token_hash of every token of every text, in order, and the text each belongs to.

    The texts are folded as one string (folding never joins characters across the separator,
    which no step produces or drops) and read as an array of code points; a token starts at a
    Han character or at a word character after a non-word one.
    """
    joined = _SEPARATOR.join(text.replace(_SEPARATOR, " ") for text in texts)
    folded = fold(joined).encode("utf-32-le", "surrogatepass")
    points = np.frombuffer(folded, dtype=np.uint32)
    kinds = _kinds_of(points)
    chars = np.flatnonzero(kinds != _OTHER)
    if not chars.size:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    owner = np.cumsum(points == 0)  # the separator is code point 0
    word = kinds == _WORD
    start = (kinds == _HAN) | (word & ~np.r_[False, word[:-1]])
    token = np.cumsum(start)[chars] - 1  # the token each token character belongs to
    first = np.flatnonzero(start)
    offset = chars - first[token]  # position of each character in its token
    with np.errstate(over="ignore"):
        powers = np.cumprod(
            np.r_[np.uint64(1), np.full(int(offset.max(initial=0)), _BASE, dtype=np.uint64)]
        )
        weighted = points[chars].astype(np.uint64) * powers[offset]
        total = np.add.reduceat(weighted, np.flatnonzero(np.r_[True, token[1:] != token[:-1]]))
        length = np.bincount(token, minlength=first.size).astype(np.uint64)
        z = total + length * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return z, owner[first].astype(np.int64)


_OTHER, _HAN, _WORD = 0, 1, 2
_KIND_OF: dict[int, int] = {}  # code point -> _OTHER, _HAN or _WORD, as `tokens` reads them
_HAN_CHAR = regex.compile(r"\p{Han}")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


def _kinds_of(points: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    """_OTHER, _HAN or _WORD for each code point: a table for the Basic Multilingual Plane,
    the regexes for the rest (each distinct one asked once). Sorting a block's code points to
    ask about each distinct one took 40% of hashing it."""
    table = _plane_kinds()
    kinds: npt.NDArray[np.uint8] = table[np.minimum(points, _PLANE - 1)]
    beyond = np.flatnonzero(points >= _PLANE)
    if beyond.size:
        distinct, inverse = np.unique(points[beyond], return_inverse=True)
        found = [_kind(point) for point in distinct.tolist()]
        kinds[beyond] = np.array(found, dtype=np.uint8)[inverse.reshape(-1)]
    return kinds


_PLANE = 0x10000


@functools.cache
def _plane_kinds() -> npt.NDArray[np.uint8]:
    """The kind of every code point below _PLANE, as `tokens` reads them."""
    plane = "".join(map(chr, range(_PLANE)))
    table = np.zeros(_PLANE, dtype=np.uint8)
    table[[m.start() for m in _WORD_CHAR.finditer(plane)]] = _WORD
    table[[m.start() for m in _HAN_CHAR.finditer(plane)]] = _HAN
    return table


def _kind(point: int) -> int:
    if point not in _KIND_OF:
        char = chr(point)
        _KIND_OF[point] = (
            _HAN if _HAN_CHAR.match(char) else _WORD if _WORD_CHAR.match(char) else _OTHER
        )
    return _KIND_OF[point]


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
    # Permutations as rows, shingles as columns: every reduction runs along contiguous memory
    # (three times as fast as the other way round).
    out = np.full((num_perm, shingles.count), np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, shingles.hashes.size, _CHUNK):
            chunk = shingles.hashes[start : start + _CHUNK]
            hashed = ((a[:, None] * chunk[None, :] + b[:, None]) >> np.uint64(32)).astype(np.uint32)
            _min_columns(out, shingles.owner[start : start + _CHUNK], hashed)
    return np.ascontiguousarray(out.T)


def minhash(
    texts: Sequence[str],
    n: int,
    *,
    num_perm: int,
    seed: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> U32:
    """signatures(shingle(texts, n)), a block of texts at a time, in workers: the shingles of
    one block are all that is ever held, however many texts there are. `meanwhile` runs in
    this process while the workers hash (see workers.map_items).

    >>> texts = ["四川省贸促会坚持内外协同", "Exports rose 9.7% in Gdansk."]
    >>> bool((minhash(texts, 2, num_perm=8) == signatures(shingle(texts, 2), num_perm=8)).all())
    True
    """

    def block(start: int) -> U32:
        found = shingle(texts[start : start + _TEXTS_PER_TASK], n)
        return signatures(found, num_perm=num_perm, seed=seed)

    starts = range(0, len(texts), _TEXTS_PER_TASK)
    # A block weighs its texts: one article's few (a feed check) stay in this process, where
    # forking workers for them cost 26 of its 37 ms.
    weight = min(len(texts), _TEXTS_PER_TASK)
    parts = workers.map_items(block, starts, weight=weight, meanwhile=meanwhile)
    return np.concatenate(parts) if parts else np.empty((0, num_perm), dtype=np.uint32)


def _min_columns(out: U32, owner: I64, hashed: U32) -> None:
    """out[:, t] = min(out[:, t], every hashed column owned by t); owners are sorted (a text's
    shingles are contiguous)."""
    if owner.size == 0:
        return
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    mins = np.minimum.reduceat(hashed, starts, axis=1)
    owners = owner[starts]
    out[:, owners] = np.minimum(out[:, owners], mins)
