"""What the index keeps of a sentence, and what a check looks up: the engine's own matching
key, its MinHash bands and the start and end of its key, each as one 64-bit number.

A sentence of a checked document and an indexed one that share a number are candidates, as
they would be in one in-memory run: the same key (exact-key groups), a shared band (LSH), or
the same first or last AFFIX characters of the key (a sentence cut off at either end begins or
ends the other: candidates.affix_pairs). The engine then verifies them as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dedupe.engine import candidates, copies, fingerprint
from dedupe.engine.copies import Unit

I64 = npt.NDArray[np.int64]
# Bump when a change to the matching keys (text/normalize.py, sentence splitting) or to these
# numbers makes an index built before it find other candidates: old indexes must be rebuilt.
KEY_SCHEME = 1
AFFIX = 12  # characters of a key's start and end that a cut-off copy shares with it
SEED = 1  # fingerprint.minhash's permutation seed
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def parameters() -> dict[str, str]:
    """Every setting that changes the numbers stored, as the index's meta table pins them."""
    return {
        "key_scheme": str(KEY_SCHEME),
        "opencc": f"t2s {_opencc_version()}",
        "shingle": str(copies.SHINGLE),
        "lsh": f"{copies.LSH.bands}x{copies.LSH.rows}",
        "seed": str(SEED),
        "affix": str(AFFIX),
    }


def _opencc_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("opencc")
    except metadata.PackageNotFoundError:
        return "unknown"


def _digest(kind: bytes, text: str) -> int:
    found = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=kind).digest()
    return int.from_bytes(found, "little", signed=True)


def unit_hashes(units: Sequence[Unit]) -> I64:
    """One row per unit: its key, key start, key end and one number per LSH band (signed,
    as SQLite stores integers)."""
    bands = copies.LSH.bands
    out = np.zeros((len(units), 3 + bands), dtype=np.int64)
    if not units:
        return out
    for row, unit in enumerate(units):
        out[row, 0] = _digest(b"key", unit.key)
        out[row, 1] = _digest(b"head", unit.key[:AFFIX])
        out[row, 2] = _digest(b"tail", unit.key[-AFFIX:])
    texts = [u.text for u in units]
    signatures = fingerprint.minhash(texts, copies.SHINGLE, num_perm=copies.LSH.num_perm, seed=SEED)
    with np.errstate(over="ignore"):
        for band in range(bands):
            mixed = candidates.band_hash(signatures, band, copies.LSH.rows) ^ (
                _BAND_MIX * np.uint64(band + 1)
            )
            out[:, 3 + band] = mixed.view(np.int64)
    return out
