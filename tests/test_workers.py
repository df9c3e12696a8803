"""Spreading a stage over worker processes changes nothing but the time it takes."""

from __future__ import annotations

import os

import pytest

from dedupe import workers
from dedupe.engine import fingerprint
from dedupe.pipeline import run
from tests.test_samples import sample_documents


def test_map_items_keeps_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 4)
    offset = 3  # a closure: workers inherit it, it is never pickled
    found = workers.map_items(lambda x: (x * x + offset, os.getpid()), range(50))
    assert [value for value, _ in found] == [x * x + offset for x in range(50)]
    assert os.getpid() not in {pid for _, pid in found}  # it ran in workers


def test_small_stages_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 10)
    seen: list[int] = []
    workers.map_items(seen.append, range(5))
    assert seen == list(range(5))  # ran here: a worker's appends would not be seen


def test_one_article_s_fingerprints_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A block of texts weighs its texts, not a full block: a feed check of one article
    forks no workers to hash its thirty sentences (forking was most of its time)."""
    monkeypatch.setenv("DEDUPE_WORKERS", "2")

    def no_fork(*args: object, **kwargs: object) -> None:
        raise AssertionError("forked workers for one article")

    monkeypatch.setattr(workers.multiprocessing, "get_context", no_fork)
    texts = [f"第{n}句话讲的是另一件事情，与前一句不同。" for n in range(30)]
    assert fingerprint.minhash(texts, 2, num_perm=16).shape == (30, 16)


def test_a_run_with_workers_equals_a_run_without(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = run(sample_documents())
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 1)
    spread = run(sample_documents())
    assert spread == serial


def test_meanwhile_runs_here_only_while_workers_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 10)
    calls: list[int] = []
    assert workers.map_items(abs, range(20), meanwhile=lambda: calls.append(os.getpid())) == (
        list(range(20))
    )
    assert calls == [os.getpid()]  # once, in this process
    workers.map_items(abs, range(5), meanwhile=lambda: calls.append(0))
    assert calls == [os.getpid()]  # a stage that stays here loads nothing ahead


def test_workers_send_new_cache_entries_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 4)
    cache: dict[int, int] = {-1: -1}

    def remember(x: int) -> int:
        cache[x] = x * 10
        return x

    assert workers.map_items(remember, range(20), shared=(cache,)) == list(range(20))
    assert cache == {-1: -1, **{x: x * 10 for x in range(20)}}


def test_results_survive_pickling_whole() -> None:
    """What workers send back (model.picklable's reduction) rebuilds equal objects."""
    import pickle

    result = run(sample_documents())
    assert result.clusters  # members, copied sentences and places are in there too
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert again.documents[0].paragraphs[0].segment == result.documents[0].paragraphs[0].segment
