"""The examples in the docstrings of the pure stages run as tests (they document behaviour)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "read.charset",
    "check.findings",
    "cleanup.clean",
    "engine.candidates",
    "engine.cluster",
    "engine.shapes",
    "engine.diff",
    "engine.entities",
    "report.excerpts",
    "engine.fingerprint",
    "text.normalize",
    "cleanup.repair",
    "check.ci",
    "report.diff",
    "report.html",
    "report.html_clusters",
    "check.sarif",
    "text.segment",
    "text.shape",
    "engine.verify",
    "write",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"dedupe.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
