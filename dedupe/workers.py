"""Worker processes for the stages that handle items one by one: documents, sentence pairs,
copied paragraphs.

Workers are forked when a stage starts, so they inherit everything the parent holds at that
moment (the run's documents, rules and matches) and only items and results cross between
processes. Results come back in input order, so a run gives the same report with one process
or several. Small stages stay in the calling process: starting workers costs more than they save.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000  # a stage with fewer items runs in the calling process
CHUNKS_PER_WORKER = 8  # enough to even out uneven items, few enough to keep messages large
_task: Callable[[Any], Any] | None = None  # the stage's function, inherited by forked workers
_shared: Sequence[dict[Any, Any]] = ()  # the stage's caches, whose new entries go back
_in_worker = False  # set in forked workers


def count() -> int:
    """Worker processes to use: the cores this process may run on (DEDUPE_WORKERS overrides)."""
    wanted = os.environ.get("DEDUPE_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def map_items(
    task: Callable[[T], R],
    items: Sequence[T],
    *,
    weight: int = 1,
    before_fork: Callable[[], object] | None = None,
    meanwhile: Callable[[], object] | None = None,
    shared: Sequence[dict[Any, Any]] = (),
) -> list[R]:
    """[task(item) for item in items], spread over forked workers when it is worth it.

    `weight` says how many typical items one of these costs (a stage of fewer than MIN_ITEMS
    weighted items stays here). `task` may be a closure: workers inherit it, it is never
    pickled; items and results are. `before_fork` runs here first when workers are used: what
    it loads (a dictionary) every worker then shares instead of loading it again. `meanwhile`
    runs here while the workers work (a later stage's loading, on a core they leave idle; never
    when the stage stays in this process). `shared` are
    caches (dicts that only grow, or are cleared) whose new entries workers send back, so later
    stages start with them.
    """
    processes = count()
    if processes < 2 or len(items) * weight < MIN_ITEMS or not _can_fork():
        return [task(item) for item in items]
    if before_fork is not None:
        before_fork()
    global _task, _shared
    _task, _shared = task, shared
    size = -(-len(items) // (processes * CHUNKS_PER_WORKER))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    out: list[R] = []
    # Objects the workers inherit are moved out of the collector's reach: a collection in a
    # worker would otherwise write to every one of them and copy the pages they lie on.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            running = pool.imap(_run_chunk, chunks)
            if meanwhile is not None:
                meanwhile()
            for part, found in running:
                out += part
                for cache, new in zip(shared, found, strict=True):
                    cache.update(new)
        return out
    finally:
        gc.unfreeze()
        _task, _shared = None, ()


def in_worker() -> bool:
    """Whether this process is a worker (which should not start threads of its own)."""
    return _in_worker


def _run_chunk(chunk: Sequence[Any]) -> tuple[list[Any], list[dict[Any, Any]]]:
    assert _task is not None, "a worker runs only inside map_items"
    global _in_worker
    _in_worker = True
    before = [len(cache) for cache in _shared]
    results = [_task(item) for item in chunk]
    # Entries are appended in order, so the new ones are the last; a cache cleared meanwhile
    # sends nothing.
    found = [
        dict(itertools.islice(cache.items(), n, None)) if len(cache) >= n else {}
        for cache, n in zip(_shared, before, strict=True)
    ]
    return results, found


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
