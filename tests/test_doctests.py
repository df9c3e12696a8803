"""The examples in the docstrings of the pure stages run as tests (they document behaviour)."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from dedupe import (
    charset,
    check,
    clean,
    cluster,
    diff,
    entities,
    excerpts,
    fingerprint,
    normalize,
    repair,
    report_ci,
    report_diff,
    report_html,
    report_html_clusters,
    report_sarif,
    segment,
    shape,
    verify,
    write,
)

MODULES = [
    charset,
    check,
    clean,
    cluster,
    diff,
    entities,
    excerpts,
    fingerprint,
    normalize,
    repair,
    report_ci,
    report_diff,
    report_html,
    report_html_clusters,
    report_sarif,
    segment,
    shape,
    verify,
    write,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
