"""index/nearest.py: which indexed paragraphs a batch reads back."""

from __future__ import annotations

import numpy as np

from dedupe.index import nearest


def table(*rows: list[int]) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


def postings(*pairs: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    hashes, paras = zip(*pairs, strict=True)
    return np.array(hashes, dtype=np.int64), np.array(paras, dtype=np.int64)


def test_each_sentence_reads_back_only_its_best_paragraphs() -> None:
    """Sentence 0 (key 10, bands 11 12 13) shares its key with 7, three bands with 5, one
    band with 1-4; with two per sentence it brings 7 and 5, not the chance matches."""
    found = postings((10, 7), (11, 5), (12, 5), (13, 5), (11, 1), (12, 2), (13, 3), (13, 4))
    assert nearest.chosen(table([10, 11, 12, 13]), *found, per_sentence=2) == [5, 7]
    assert nearest.chosen(table([10, 11, 12, 13]), *found, per_sentence=8) == [1, 2, 3, 4, 5, 7]


def test_the_first_published_comes_first_among_equals() -> None:
    """Paragraph ids grow as documents are added: an exact copy published three times is read
    back as its first publication."""
    found = postings((10, 9), (10, 3), (10, 6))
    assert nearest.chosen(table([10, 1, 2, 3]), *found, per_sentence=1) == [3]


def test_the_bound_is_per_sentence_whatever_the_index_holds() -> None:
    many = postings(*((11, p) for p in range(1000)))
    assert len(nearest.chosen(table([10, 11]), *many, per_sentence=8)) == 8
    two = table([10, 11], [20, 11])  # both sentences share the band: the same first eight
    assert nearest.chosen(two, *many, per_sentence=8) == list(range(8))


def test_nothing_shared_reads_nothing() -> None:
    assert nearest.chosen(table([1, 2]), *postings((3, 1))) == []
    empty = np.empty(0, dtype=np.int64)
    assert nearest.chosen(table([1, 2]), empty, empty) == []


def test_a_rare_shared_band_outranks_bands_every_story_shares() -> None:
    """In a feed of templated stories the frame's bands are in most paragraphs (1-40 here),
    only the copy's original (50) shares the rare one: it is read back, not the frame's."""
    frame = [(h, p) for h in (11, 12) for p in range(1, 41)]
    found = postings(*frame, (13, 50))
    assert nearest.chosen(table([10, 11, 12, 13]), *found, per_sentence=1) == [50]
