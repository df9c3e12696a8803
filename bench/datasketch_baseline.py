"""The datasketch baseline of bench/engine.py: MinHash + MinHashLSH over the engine's paragraphs.

Run as its own child process (so its wall time, CPU time and peak memory are its alone):

    .venv/bin/python bench/datasketch_baseline.py CORPUS OUT.json

What it does, phase by phase (each timed and written to OUT.json):

1. prepare: dedupe's own front end (read -> segment -> boilerplate -> repair, the engine's
   `clean_documents`) gives the body paragraphs, so both tools see exactly the same paragraphs.
2. shingle: dedupe's tokeniser (`fingerprint.tokens`: a Han character or a Latin word after
   folding) and token bigrams, as the engine shingles its sentences (a text of one token is one
   shingle); each shingle is encoded as UTF-8 bytes for datasketch.
3. minhash: `MinHash.bulk` (datasketch's batch path: `update_batch`, SHA-1 32-bit hashes),
   128 permutations (datasketch's default; the time goes into hashing the shingles, so fewer
   permutations would save little).
4. lsh: `MinHashLSH(threshold=0.5, num_perm=128)`, bands and rows chosen by datasketch for
   that threshold: every paragraph is inserted, then every paragraph is queried; a candidate
   pair is any other paragraph returned. (The engine's own banding, 12 bands of 4 rows, is
   tuned for sentences: on whole paragraphs its earlier 16 bands of 3 rows made over a quarter of
   all pairs candidates, which grows with the square of the corpus.)
5. verify: the estimated Jaccard similarity (`MinHash.jaccard`) of every candidate pair, so the
   caller can keep the pairs above a threshold of its choice.

OUT.json holds the paragraphs (document id, start offset), the candidate pairs with their
estimated Jaccard, and the seconds of each phase.
"""

from __future__ import annotations

import io
import itertools
import json
import sys
import time
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from dedupe.cleanup.boilerplate import compile_rules
from dedupe.engine.fingerprint import tokens
from dedupe.model import DocResult
from dedupe.options import Options
from dedupe.pipeline import clean_documents, site_templates
from dedupe.read.inputs import discover, read_documents

NUM_PERM = 128
LSH_THRESHOLD = 0.5


def paragraphs(root: Path) -> list[tuple[str, int, str]]:
    """(document id, start offset, text) of every body paragraph, as the engine sees them."""
    options = Options()
    inputs = discover([str(root)], options)
    out = []
    source = lambda: read_documents(inputs, options, stdin=io.BytesIO(b""))  # noqa: E731
    rules = compile_rules(options, site_templates(source(), options))
    for result in clean_documents(source, rules):
        if isinstance(result, DocResult):
            doc = result.document.id
            out += [
                (doc, p.segment.start, p.segment.text)
                for p in result.paragraphs
                if p.role == "body"
            ]
    return out


def shingles(text: str) -> list[bytes]:
    """Token bigrams of the folded text (one shingle of all tokens when there are fewer)."""
    found = tokens(text)
    if len(found) < 2:
        return [" ".join(found).encode()]
    return [f"{a} {b}".encode() for a, b in itertools.pairwise(found)]


def main(argv: list[str]) -> int:
    root, out = Path(argv[0]), Path(argv[1])
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    paras = paragraphs(root)
    seconds["prepare"] = time.perf_counter() - t

    t = time.perf_counter()
    sets = [shingles(text) for _, _, text in paras]
    seconds["shingle"] = time.perf_counter() - t

    t = time.perf_counter()
    hashes = MinHash.bulk(sets, num_perm=NUM_PERM)
    seconds["minhash"] = time.perf_counter() - t
    del sets

    t = time.perf_counter()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    candidates = sorted({(i, j) for i, m in enumerate(hashes) for j in lsh.query(m) if j > i})
    seconds["lsh"] = time.perf_counter() - t

    t = time.perf_counter()
    scored = [(i, j, round(hashes[i].jaccard(hashes[j]), 4)) for i, j in candidates]
    seconds["verify"] = time.perf_counter() - t

    data = {
        "paragraphs": [[doc, start] for doc, start, _ in paras],
        "pairs": scored,
        "seconds": seconds,
    }
    out.write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
