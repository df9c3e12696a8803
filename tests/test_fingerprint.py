from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe.engine.fingerprint import shingle, signatures, token_hash, tokens
from tests.strategies import line


def reference_shingles(text: str, n: int) -> set[int]:
    """The obvious per-text computation that the vectorised one must agree with."""
    ids = [token_hash(t) for t in tokens(text)]
    if not ids:
        return set()
    n = min(n, len(ids))
    out = set()
    for i in range(len(ids) - n + 1):
        h = ids[i]
        for k in range(1, n):
            h = (h * 0x9E3779B97F4A7C15 + ids[i + k]) % (1 << 64)
        out.add(h)
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(line, max_size=6), st.integers(1, 4))
def test_vectorised_shingles_match_the_reference(texts: list[str], n: int) -> None:
    found = shingle(texts, n)
    for i, text in enumerate(texts):
        assert set(found.hashes[found.owner == i].tolist()) == reference_shingles(text, n)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=4), st.integers(1, 3))
def test_vectorised_shingles_match_the_reference_on_any_characters(
    texts: list[str], n: int
) -> None:
    # Any code point, also past the table of the Basic Multilingual Plane (𠀀 is Han, 😀 no token)
    found = shingle([*texts, "𠀀𠀁 😀 𝐀bc"], n)
    for i, text in enumerate([*texts, "𠀀𠀁 😀 𝐀bc"]):
        assert set(found.hashes[found.owner == i].tolist()) == reference_shingles(text, n)


@settings(max_examples=50, deadline=None)
@given(st.lists(line, min_size=1, max_size=5))
def test_signature_is_the_minimum_over_the_texts_own_shingles(texts: list[str]) -> None:
    found = shingle(texts, 3)
    sig = signatures(found, num_perm=8)
    alone = [signatures(shingle([t], 3), num_perm=8)[0] for t in texts]
    assert np.array_equal(sig, np.array(alone).reshape(sig.shape))


def test_tokens_split_han_characters_and_keep_latin_words() -> None:
    assert tokens("ＣＣＰＩＴ貿促會 met in 2026.") == [
        "ccpit",
        "贸",
        "促",
        "会",
        "met",
        "in",
        "2026",
    ]


def test_signatures_are_deterministic_and_estimate_jaccard() -> None:
    a = "四川省贸促会坚持内外协同，利用多双边机制打造合作新优势。" * 3
    texts = [a, a.replace("四川", "贵州", 1), "The meeting noted that 2025 was a hard year."]
    first = signatures(shingle(texts, 3), num_perm=64)
    assert np.array_equal(first, signatures(shingle(texts, 3), num_perm=64))
    assert (first[0] == first[1]).mean() > 0.7
    assert (first[0] == first[2]).mean() < 0.1
