"""The examples in the docstrings of the pure stages run as tests (they document behaviour)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "charset",
    "check",
    "clean",
    "cluster",
    "diff",
    "entities",
    "excerpts",
    "fingerprint",
    "normalize",
    "repair",
    "report_ci",
    "report_diff",
    "report_html",
    "report_html_clusters",
    "report_sarif",
    "segment",
    "shape",
    "verify",
    "write",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"dedupe.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
