"""Options: every knob of a run, validated when built, and loaded from `[tool.dedupe]`.

Flags override the config file; the config file overrides these defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

import regex

from dedupe.errors import ConfigError

KeepPolicy = Literal["original", "first", "longest"]
Severity = Literal["error", "warning"]
OutputFormat = Literal["text", "json", "github", "sarif", "junit"]
SEVERITIES: tuple[Severity, ...] = ("warning", "error")  # lowest first
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("text", "json", "github", "sarif", "junit")


@dataclass(frozen=True, slots=True)
class Options:
    """Every setting of a run. Field comments are the documentation."""

    # Input selection for directories (glob patterns on the file name or relative path).
    include: tuple[str, ...] = ("*.txt", "*.md")
    exclude: tuple[str, ...] = ()
    # Decoding: None means detect (UTF-8, BOMs, then charset-normalizer).
    encoding: str | None = None
    # Unreadable inputs are skipped with a warning; strict makes them an error (exit 2).
    strict: bool = False
    # JSON Lines input: one document per line, text and id taken from these fields.
    jsonl: bool = False
    text_field: str = "text"
    id_field: str = "id"
    # A short line found in at least this many documents of a run is a site-template line.
    template_min_docs: int = 3
    # Lines longer than this are never treated as site-template lines.
    template_max_chars: int = 120
    # User rules: lines matching a remove pattern are boilerplate; keep patterns always win.
    remove_patterns: tuple[str, ...] = ()
    keep_patterns: tuple[str, ...] = ()
    # Seconds one user pattern may spend on one line before the run stops with an error.
    pattern_timeout: float = 0.2
    # Copies: find sentences and paragraphs that copy others, within and across documents.
    copies: bool = True
    # Which member of a cluster is kept: original (subject agrees with body, else earliest),
    # first (earliest), or longest.
    keep: KeepPolicy = "original"
    # Remove sentences that differ from another only by swapped names or numbers.
    drop_templates: bool = False
    # Similarity (0-1, on matching keys) from which two sentences are near copies.
    near_threshold: float = 0.85
    # Share of the shorter sentence found in the longer from which it is a contained copy.
    contain_threshold: float = 0.9
    # Similarity from which a pair whose differences are all swapped names is a template.
    template_threshold: float = 0.5
    # Sentences with shorter matching keys never count as copies (too generic: "他说。").
    min_sentence_chars: int = 12
    # dedupe check: the lowest severity that fails the check. error: copies, duplicate documents
    # and subject mismatches; warning: templates too (same text, other names or numbers), which
    # are often legitimate and which clean keeps, hence not failing by default.
    severity: Severity = "error"
    # dedupe check: JSON Lines file of accepted findings; only findings not in it fail.
    baseline: str | None = None
    # dedupe check: report format on stdout.
    output_format: OutputFormat = "text"
    # dedupe check: report the findings but exit 0.
    exit_zero: bool = False

    def __post_init__(self) -> None:
        if self.template_min_docs < 2:
            raise ConfigError(
                f"template_min_docs must be at least 2, got {self.template_min_docs}; "
                "a line in one document is never a site template"
            )
        if self.template_max_chars < 1:
            raise ConfigError("template_max_chars must be positive")
        if not 0 < self.pattern_timeout <= 60:
            raise ConfigError(
                f"pattern_timeout must be in (0, 60] seconds, got {self.pattern_timeout}"
            )
        if self.keep not in ("original", "first", "longest"):
            raise ConfigError(f"keep must be original, first or longest, got '{self.keep}'")
        for name in ("near_threshold", "contain_threshold", "template_threshold"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ConfigError(f"{name} is a similarity in (0, 1], got {value}")
        if self.template_threshold > self.near_threshold:
            raise ConfigError("template_threshold must not exceed near_threshold")
        if self.min_sentence_chars < 1:
            raise ConfigError("min_sentence_chars must be positive")
        if self.baseline is not None and not isinstance(self.baseline, str):
            raise ConfigError(f"baseline must be a file name, got {self.baseline!r}")
        if not isinstance(self.exit_zero, bool):
            raise ConfigError(f"exit_zero must be true or false, got {self.exit_zero!r}")
        if self.severity not in SEVERITIES:
            raise ConfigError(f"severity must be error or warning, got '{self.severity}'")
        if self.output_format not in OUTPUT_FORMATS:
            raise ConfigError(
                f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, "
                f"got '{self.output_format}'"
            )
        for pattern in self.remove_patterns + self.keep_patterns:
            _check_pattern(pattern)
        if self.encoding is not None:
            _check_encoding(self.encoding)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-ready data, for reports."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def build_options(config: dict[str, Any], overrides: dict[str, Any]) -> Options:
    """Options from a `[tool.dedupe]` table and CLI overrides (None means 'not given')."""
    known = {f.name for f in fields(Options)}
    merged: dict[str, Any] = {}
    for source in (config, {k: v for k, v in overrides.items() if v is not None}):
        for key, value in source.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ConfigError(
                    f"unknown option '{key}'; known options: {', '.join(sorted(known))}"
                )
            merged[name] = tuple(value) if isinstance(value, list) else value
    return Options(**merged)


def load_config(path: Path | None, start: Path) -> dict[str, Any]:
    """`[tool.dedupe]` from `path`, or from the nearest dedupe.toml/pyproject.toml above."""
    if path is not None:
        return _read_table(path, required=True)
    for folder in (start, *start.parents):
        for name in ("dedupe.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = _read_table(candidate, required=False)
                if table or name == "dedupe.toml":
                    return table
    return {}


def _read_table(path: Path, *, required: bool) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file '{path}' does not exist; check --config") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config '{path}': {exc}") from None
    if path.name == "dedupe.toml":
        table = data.get("tool", {}).get("dedupe", data)
    else:
        table = data.get("tool", {}).get("dedupe", {})
    if required and not isinstance(table, dict):
        raise ConfigError(f"config '{path}' has no [tool.dedupe] table")
    return dict(table) if isinstance(table, dict) else {}


def _check_pattern(pattern: str) -> None:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ConfigError(f"invalid pattern {pattern!r}: {exc}") from None


def _check_encoding(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise ConfigError(
            f"unknown encoding '{name}'; try utf-8, gb18030, big5 or utf-16"
        ) from None


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
