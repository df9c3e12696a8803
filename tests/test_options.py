from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.errors import ConfigError
from dedupe.options import Options, build_options, load_config


def test_defaults_are_valid() -> None:
    assert Options().include == ("*.txt", "*.md")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("template_min_docs", 1, "at least 2"),
        ("pattern_timeout", 0, "pattern_timeout"),
        ("remove_patterns", ("(",), "invalid pattern"),
        ("encoding", "klingon", "unknown encoding"),
    ],
)
def test_invalid_options_say_what_to_fix(field: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Options(**{field: value})  # type: ignore[arg-type]


def test_unknown_option_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="known options"):
        build_options({"tempalte_min_docs": 3}, {})


def test_flags_override_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dedupe]\ntemplate-min-docs = 5\nremove_patterns = ["^Tips:"]\n', encoding="utf-8"
    )
    config = load_config(None, tmp_path)
    options = build_options(config, {"template_min_docs": 4, "encoding": None})
    assert options.template_min_docs == 4
    assert options.remove_patterns == ("^Tips:",)


def test_dedupe_toml_and_explicit_config(tmp_path: Path) -> None:
    (tmp_path / "dedupe.toml").write_text("template_min_docs = 7\n", encoding="utf-8")
    assert load_config(None, tmp_path / "sub") == {"template_min_docs": 7}
    assert load_config(tmp_path / "dedupe.toml", Path("/")) == {"template_min_docs": 7}
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml", tmp_path)
