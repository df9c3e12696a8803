from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedupe.engine import candidates, verify
from dedupe.engine.candidates import (
    HUBS,
    SMALL_BUCKET,
    LshParams,
    _band_hash,
    _band_pairs,
    exact_groups,
    lsh_pairs,
)
from dedupe.engine.fingerprint import shingle, signatures
from dedupe.engine.verify import pair_scores, scores
from dedupe.text.normalize import key

BASE = "四川省贸促会坚持内外协同，利用多双边机制打造合作新优势。高质量举办合作大会。"


def test_exact_groups_ignore_singletons_and_empty_keys() -> None:
    assert exact_groups(["a", "b", "a", "", "", "b", "c"]) == [[0, 2], [1, 5]]


def test_near_copies_become_candidates_and_strangers_do_not() -> None:
    texts = [BASE, BASE.replace("四川", "贵州"), "Completely different English sentence here."]
    params = LshParams(16, 2)
    pairs = lsh_pairs(signatures(shingle(texts, 3), num_perm=params.num_perm), params)
    assert pairs.tolist() == [[0, 1]]


def test_large_buckets_are_linked_as_stars_not_all_pairs() -> None:
    texts = [BASE] * (SMALL_BUCKET + 20)
    params = LshParams(4, 2)
    pairs = lsh_pairs(signatures(shingle(texts, 3), num_perm=params.num_perm), params)
    n = len(texts)
    assert len(pairs) < n * (n - 1) // 2
    linked = set(pairs[:, 0].tolist()) | set(pairs[:, 1].tolist())
    assert linked == set(range(n))


def test_banding_must_match_the_signature_width() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        lsh_pairs(np.zeros((2, 10), dtype=np.uint32), LshParams(4, 2))


def test_batch_scores_agree_with_the_single_pair_reference() -> None:
    texts = [BASE, BASE.replace("四川", "贵州"), BASE[:20], "The meeting noted 2025.", ""]
    keys = [key(t) for t in texts]
    pairs = np.array(list(itertools.combinations(range(len(keys)), 2)), dtype=np.int64)
    batch = scores(keys, pairs)
    for n, (i, j) in enumerate(pairs):
        sim, cont = pair_scores(keys[i], keys[j])
        assert batch.similarity[n] == pytest.approx(sim)
        assert batch.containment[n] == pytest.approx(cont)
        assert 0.0 <= sim <= 1.0 and 0.0 <= cont <= 1.0
        assert pair_scores(keys[j], keys[i]) == pytest.approx((sim, cont))  # symmetric


def reference_band_pairs(hashes: np.ndarray) -> set[tuple[int, int]]:
    """The obvious version: every bucket in turn, all pairs or hub stars."""
    buckets: dict[int, list[int]] = {}
    for row, value in enumerate(hashes.tolist()):
        buckets.setdefault(value, []).append(row)
    out = set()
    for members in buckets.values():
        hubs = members if len(members) <= SMALL_BUCKET else members[:HUBS]
        for h, hub in enumerate(hubs):
            out.update((hub, other) for other in members[h + 1 :])
    return out


@pytest.mark.parametrize("distinct", [1, 3, 40, 500])
def test_band_pairs_match_the_obvious_version(distinct: int) -> None:
    rng = np.random.default_rng(distinct)
    hashes = rng.integers(0, distinct, size=600).astype(np.uint64)
    found = {(int(a), int(b)) for a, b in _band_pairs(hashes)}
    assert found == reference_band_pairs(hashes)


@pytest.mark.parametrize("values", [2, 5, 1000])
def test_lsh_pairs_are_the_sorted_union_of_every_bands_pairs(values: int) -> None:
    rng = np.random.default_rng(values)
    params = LshParams(bands=5, rows=2)
    signatures = rng.integers(0, values, size=(300, params.num_perm)).astype(np.uint32)
    expected: set[tuple[int, int]] = set()
    for band in range(params.bands):
        expected |= {(int(a), int(b)) for a, b in _band_pairs(_band_hash(signatures, band, 2))}
    found = lsh_pairs(signatures, params)
    assert [tuple(p) for p in found.tolist()] == sorted(expected)


def test_runs_of_pairs_sharing_a_key_score_as_pairs_do() -> None:
    """Long runs of one first key take rapidfuzz's one-against-many path; short ones do not."""
    keys = [key(BASE), *(key(BASE.replace("四川", city)) for city in ("贵州", "成都", "绵阳"))]
    keys += [key(BASE[:n]) for n in range(5, 45)]
    hub = [(0, j) for j in range(1, len(keys))]  # one run longer than verify.RUN
    short = [(i, j) for i in range(1, 4) for j in range(i + 1, len(keys))][: verify.RUN - 1]
    pairs = np.array(hub + short, dtype=np.int64)
    assert len(hub) >= verify.RUN > 1
    batch = scores(keys, pairs)
    for n, (i, j) in enumerate(pairs.tolist()):
        assert (batch.similarity[n], batch.containment[n]) == pytest.approx(
            pair_scores(keys[i], keys[j])
        )


@pytest.mark.parametrize("spread", [1, 3, 50, 10**12])
def test_repeated_values_in_two_threads_are_those_of_one_sort(
    spread: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(spread)
    values = rng.integers(0, spread, size=5000).astype(np.int64)
    distinct, counts = np.unique(values, return_counts=True)
    monkeypatch.setattr(candidates, "PARALLEL_SORT", 16)
    assert candidates.repeated(values.copy()).tolist() == distinct[counts > 1].tolist()


def _affixes_by_hand(keys: list[str]) -> list[list[int]]:
    """Pairs whose shorter key begins (or ends) the longer one and no other key."""
    out = set()
    for i, short in enumerate(keys):
        for test in (str.startswith, str.endswith):
            longer = [j for j, other in enumerate(keys) if j != i and test(other, short)]
            if len(longer) == 1:
                out.add(tuple(sorted((i, longer[0]))))
    return sorted(map(list, out))


@given(st.sets(st.text(alphabet="ab贸", min_size=1, max_size=5), max_size=12))
def test_affix_pairs_are_the_unique_prefixes_and_suffixes(found: set[str]) -> None:
    keys = sorted(found)
    assert candidates.affix_pairs(keys).tolist() == _affixes_by_hand(keys)


def test_a_cut_off_sentence_pairs_with_its_whole_sentence_only() -> None:
    whole = key("Analysts said the figures for Lima pointed to a gradual recovery.")
    other = key("Analysts said the figures for Oslo pointed to a gradual recovery.")
    cut = key("Analysts said the figures for Lima pointed")
    opening = key("Analysts said the figures")  # begins both: a stock opening, not a copy
    assert candidates.affix_pairs([whole, other, cut, opening]).tolist() == [[0, 2]]


@given(
    st.sets(st.tuples(st.integers(0, 20), st.integers(0, 20))),
    st.sets(st.tuples(st.integers(0, 20), st.integers(0, 20))),
)
def test_union_of_sorted_pairs(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> None:
    def rows(pairs: set[tuple[int, int]]) -> npt.NDArray[np.int64]:
        return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)

    assert candidates.union(rows(a), rows(b)).tolist() == sorted(map(list, a | b))
