"""Replayed real-text corpora for bench/engine.py (issue 15): real articles, generated labels.

The stories are bench/feed.py's (openly licensed real pages and news, see its SOURCES; each
paragraph once), replayed as a feed is (feed.Replay): articles of 3-12 consecutive paragraphs
of a story, most paragraphs edited once or twice (figures, names, a sentence dropped, inserted
or moved, words, punctuation, Traditional script), now and then an article republished whole.
Every body paragraph knows the story paragraph it replays, and that is the only label: two
paragraphs of one source are a copy pair, whatever their edits did. Written in copygen's
layout (d*.txt, labels.json, stamp.json), so engine.py reads and scores it as it does copygen:
each article opens with a headline (never scored), then its paragraphs, blank-line separated.

    .venv/bin/python bench/engine.py --corpus replay --sizes 1,10

A paragraph that an "insert" edit gave a sentence of another source paragraph is also a
partial copy of that source (labels.json `inserts`; engine.Truth pairs it with every replay of
the source): dedupe reports such a paragraph, and it is one. Scoring counts pairs per clique
(engine.Truth), so 30 and 100 MB fit.

The stories are read from the snapshots bench/feed.py names (fetched into /work/.mirror with
the workplace's `fetch`; cached in bench/out/feed/stories.json once extracted).
"""

from __future__ import annotations

import json
from pathlib import Path

import feed

VERSION = 2  # bump when the replay changes: cached corpora are rebuilt
SEED = 15


def build(root: Path, size: float) -> None:
    """Write a corpus of about `size` MB (10^6 bytes) to `root`, with labels and a stamp."""
    stories = feed.load_stories()
    replay = feed.Replay(stories, f"{SEED}-engine")
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("d*.txt"):
        old.unlink()
    first: dict[tuple[str, int], tuple[str, int]] = {}  # source -> its first replay
    copies: list[dict[str, object]] = []
    names: list[str] = []
    inserts: list[dict[str, object]] = []  # paragraphs carrying a sentence of another source
    made, target = 0, int(size * 1e6)
    while made < target:
        text, _ = replay.article()
        name = f"d{len(names):06d}.txt"
        names.append(name)
        (root / name).write_text(text, encoding="utf-8")
        made += len(text.encode("utf-8"))
        for n, (source, carried) in enumerate(
            zip(replay.sources, replay.inserted, strict=True), start=1
        ):
            here = (name, n)  # paragraph 0: the headline
            if carried is not None:
                inserts.append({"copy": {"doc": name, "paragraph": n}, "source": list(carried)})
            if source in first:
                copies.append(
                    {
                        "kind": "paragraph",
                        "copy": {"doc": name, "paragraph": n},
                        "original": {"doc": first[source][0], "paragraph": first[source][1]},
                    }
                )
            else:
                first[source] = here
    # An inserted sentence's source is named by its story paragraph: the truth joins each such
    # paragraph to every replay of that source (a partial copy, not one of its clique).
    sourced = {f"{story}:{at}": list(first[(story, at)]) for story, at in first}
    labels = {
        "copies": copies,
        "inserts": inserts,
        "first": sourced,
        "tally": replay.tally,
        "sources": len(first),
    }
    (root / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")


def stamp(size: float) -> dict[str, object]:
    """What a corpus on disk must have been built with to be reused."""
    return {"replay": VERSION, "seed": SEED, "mb": size, "feed": feed.VERSION}
