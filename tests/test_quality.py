"""Quality gate: precision and recall on labelled articles stay above pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.quality import CASES, CORPORA, load_cases, measure, metrics

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("corpus", [c for c in CORPORA if (CASES / c).is_dir()])
def test_quality_floors(corpus: str) -> None:
    cases = load_cases(corpus)
    assert len(cases) >= 20, "a quality corpus this small measures nothing"
    scores = metrics(measure(cases)[0])
    below = {
        name: f"{scores[name]:.4f} < {floor}"
        for name, floor in FLOORS[corpus].items()
        if scores[name] < floor
    }
    assert not below, below


def test_a_wrong_pipeline_fails_the_gate() -> None:
    """The gate can fail: a case whose labels are all flipped to chrome scores below the floors."""
    case = load_cases("articles")[0]
    flipped = json.loads(json.dumps(case))
    for doc in flipped["documents"]:
        doc["lines"] = [["chrome", text] for _, text in doc["lines"]]
    scores = metrics(measure([flipped])[0])
    assert scores["chrome_recall"] < FLOORS["articles"]["chrome_recall"]
